using System.Net;
using System.Text.RegularExpressions;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.IntegrationTests.FollowUp;

public sealed partial class ManageLinkTests : IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new();
    private TestApp _app = null!;

    public Task InitializeAsync()
    {
        _app = OutboxEmailTests.SmtpApp(_smtp.Port, new() { ["App:PublicUrl"] = "http://localhost" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_patient_sees_their_request_from_the_email_link_and_cancels_it_and_reception_is_told()
    {
        var reference = await OutboxEmailTests.SubmitAsync(_app, "manage.me@example.com", concern: "SECRET-HEALTH-DETAIL back pain");
        var email = await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "manage.me@example.com"));
        var link = ManageLink().Match(email.TextBody ?? "").Value;
        Assert.StartsWith("http://localhost/manage/", link);
        Assert.Contains(WebUtility.HtmlEncode(link), email.HtmlBody);
        var client = _app.CreateBrowserLikeClient();

        var page = await client.GetStringAsync(new Uri(link).PathAndQuery);

        Assert.Contains(reference, page);
        Assert.Contains("will call you", page);
        Assert.DoesNotContain("SECRET-HEALTH-DETAIL", page);
        var cancel = await client.PostAsync(new Uri(link).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryToken(page),
            ["_handler"] = "cancel",
        }));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var after = await client.GetStringAsync(Redirect.PathOf(cancel));
        Assert.Contains("You cancelled this request", after);
        Assert.DoesNotContain("data-testid=\"cancel-form\"", after);
        await using var db = await OutboxEmailTests.Db(_app);
        var lead = await db.Leads.SingleAsync(l => l.Reference == reference);
        Assert.Equal(LeadStatus.Closed, lead.Status);
        Assert.Equal(CloseReason.CancelledByPatient, lead.CloseReason);
        var notice = await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => (m.Subject ?? "").StartsWith("Cancelled by the patient", StringComparison.Ordinal) && m.Subject!.Contains(reference));
        Assert.Equal("reception@clinic.test", notice.To.Mailboxes.Single().Address);
    }

    [Theory]
    [InlineData("/manage/not-a-token")]
    [InlineData("/manage/CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_link_shows_a_friendly_page_with_the_clinic_phone(string path)
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"manage-invalid\"", html);
        Assert.Contains("1632 960000", html);
        Assert.DoesNotContain("cancel-form", html);
    }

    [GeneratedRegex(@"http://localhost/manage/[^\s]+")]
    private static partial Regex ManageLink();
}
