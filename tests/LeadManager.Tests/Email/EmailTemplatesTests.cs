using LeadManager.Data.Leads;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Email.Messages.PatientConfirmation;
using LeadManager.Web.Email.Messages.ReceptionCancellation;
using LeadManager.Web.Email.Messages.ReceptionNotification;

namespace LeadManager.Tests.Email;

public sealed class EmailTemplatesTests
{
    private const string HostileName = "<script>alert(1)</script>Ann & \"Bo\"";

    private static readonly ReceptionRequest Request = new("RPX-7K2Q", TriageLevel.Emergency, "Api", "https://clinic.test/leads/RPX-7K2Q");

    public static TheoryData<Type> EmailModels() =>
        [.. typeof(IEmailModel).Assembly.GetTypes().Where(t => typeof(IEmailModel).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })];

    [Theory]
    [MemberData(nameof(EmailModels))]
    public void Every_email_model_has_its_html_and_text_templates_beside_it(Type model)
    {
        var embedded = typeof(IEmailModel).Assembly.GetManifestResourceNames();

        Assert.Contains(EmailTemplates.ResourceName(model, "html"), embedded);
        Assert.Contains(EmailTemplates.ResourceName(model, "txt"), embedded);
    }

    [Fact]
    public async Task Patient_input_is_encoded_in_the_html_body_and_kept_out_of_the_subject()
    {
        var rendered = await new EmailTemplates().RenderAsync(new PatientConfirmationEmail(
            "Riverside Physiotherapy", "", "#1F6F78", "The reception team", HostileName, "RPX-7K2Q", "today", false, false, ""));

        Assert.Equal("Your discovery call request RPX-7K2Q", rendered.Subject);
        Assert.Contains("Dear &lt;script&gt;alert(1)&lt;/script&gt;Ann &amp; &quot;Bo&quot;,", rendered.Html);
        Assert.DoesNotContain("<script>", rendered.Html);
        Assert.Contains($"Dear {HostileName},", rendered.Text);
    }

    [Fact]
    public async Task A_reception_email_carries_the_triage_our_reference_and_a_link_but_no_patient_name()
    {
        var rendered = await new EmailTemplates().RenderAsync(new ReceptionNotificationEmail(Request, AskedAgain: false));

        Assert.Equal("[Urgent care advised] New request RPX-7K2Q", rendered.Subject);
        Assert.StartsWith("Urgent care advised: look at this request first.", rendered.Text);
        Assert.Contains("Reference: RPX-7K2Q", rendered.Text);
        Assert.Contains("https://clinic.test/leads/RPX-7K2Q", rendered.Html);
        Assert.DoesNotContain("Patient", rendered.Text);
        Assert.DoesNotContain("Patient", rendered.Html);
    }

    [Fact]
    public async Task Each_reception_email_says_what_happened()
    {
        var templates = new EmailTemplates();

        var asked = await templates.RenderAsync(new ReceptionNotificationEmail(Request with { Triage = TriageLevel.Routine }, AskedAgain: true));
        var cancelled = await templates.RenderAsync(new ReceptionCancellationEmail(Request with { Triage = TriageLevel.ReviewFirst }));

        Assert.Equal("Asked again RPX-7K2Q", asked.Subject);
        Assert.StartsWith("Someone with an open request has asked again (Api).", asked.Text);
        Assert.Equal("[Clinician review first] Cancelled by the patient RPX-7K2Q", cancelled.Subject);
        Assert.StartsWith("Clinician review first: look at this request first.", cancelled.Text);
        Assert.Contains("The patient has cancelled their request from the link in their email (Api).", cancelled.Html);
    }
}
