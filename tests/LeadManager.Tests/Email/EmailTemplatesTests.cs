using LeadManager.Data.Leads;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Email.Messages.ReceptionCancellation;
using LeadManager.Web.Email.Messages.ReceptionNotification;

namespace LeadManager.Tests.Email;

public sealed class EmailTemplatesTests
{
    private static readonly ReceptionRequest Hostile = new(
        "<script>alert(1)</script>Ann & \"Bo\"", "RPX-7K2Q", TriageLevel.Emergency, "Api", "https://clinic.test/leads/RPX-7K2Q");

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
        var rendered = await new EmailTemplates().RenderAsync(new ReceptionNotificationEmail(Hostile, AskedAgain: false));

        Assert.Equal("[Urgent care advised] New request RPX-7K2Q", rendered.Subject);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;Ann &amp; &quot;Bo&quot;", rendered.Html);
        Assert.DoesNotContain("<script>", rendered.Html);
        Assert.Contains("Patient: <script>alert(1)</script>Ann & \"Bo\"", rendered.Text);
    }

    [Fact]
    public async Task Each_reception_email_says_what_happened()
    {
        var templates = new EmailTemplates();

        var asked = await templates.RenderAsync(new ReceptionNotificationEmail(Hostile with { Triage = TriageLevel.Routine }, AskedAgain: true));
        var cancelled = await templates.RenderAsync(new ReceptionCancellationEmail(Hostile with { Triage = TriageLevel.ReviewFirst }));

        Assert.Equal("Asked again RPX-7K2Q", asked.Subject);
        Assert.StartsWith("Someone with an open request has asked again (Api).", asked.Text);
        Assert.Equal("[Clinician review first] Cancelled by the patient RPX-7K2Q", cancelled.Subject);
        Assert.StartsWith("Clinician review first: look at this request first.", cancelled.Text);
        Assert.Contains("The patient has cancelled their request from the link in their email (Api).", cancelled.Html);
    }
}
