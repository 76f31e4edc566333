using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages.ReceptionTest;

namespace LeadManager.Tests.Email;

/// <summary>The first-run checklist's test email: what reception reads, and the link that shows App:PublicUrl is right.</summary>
public sealed class ReceptionTestEmailTests
{
    [Fact]
    public async Task The_test_email_names_the_clinic_the_address_the_time_and_links_to_the_app()
    {
        var rendered = await new EmailTemplates().RenderAsync(new ReceptionTestEmail(
            "Harbour & Quay <Physio>", "front-desk@clinic.test", new DateTime(2027, 3, 8, 9, 10, 0), "https://calls.clinic.test/"));

        Assert.Equal("Test email from LeadManager", rendered.Subject);
        Assert.StartsWith("This is a test email from LeadManager for Harbour & Quay <Physio>, asked for on Mon 8 Mar 09:10.", rendered.Text);
        Assert.Contains("Harbour &amp; Quay &lt;Physio&gt;", rendered.Html);
        Assert.DoesNotContain("<Physio>", rendered.Html);
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("front-desk@clinic.test", body);
            Assert.Contains("https://calls.clinic.test/", body);
            Assert.Contains("the app's public address is set wrongly", body.Replace("&#39;", "'", StringComparison.Ordinal));
        }
    }
}
