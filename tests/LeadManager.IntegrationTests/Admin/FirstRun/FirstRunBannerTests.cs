using System.Net;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.Operations;
using LeadManager.Web.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Admin.FirstRun;

/// <summary>
/// The staff pages as each role gets them from the server, on the demo clinic (sites, clinicians
/// with hours and receptionists, but no test email yet), on a fake clock.
/// </summary>
public sealed class FirstRunBannerTests : IAsyncLifetime
{
    private const string Banner = "The clinic is not ready for its first request yet: one set-up step is left. Finish setting up.";

    private readonly StoppedJobServerApp _app = StoppedJobServerApp.WithDemoStaff();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admins_see_the_banner_while_set_up_is_not_complete_and_reception_and_clinicians_do_not()
    {
        var state = await _app.Services.GetRequiredService<SetUpProgress>().MeasureAsync(CancellationToken.None);
        Assert.Equal(1, state.Remaining); // the demo clinic lacks only the test email

        var admin = await PageTextAsync("admin@clinic.test", "/board");
        var reception = await PageTextAsync("reception@clinic.test", "/board");
        var clinician = await PageTextAsync("clinician@clinic.test", "/my-calls");

        Assert.Contains(Banner, admin);
        Assert.DoesNotContain("set-up step", reception);
        Assert.DoesNotContain("set-up step", clinician);
    }

    [Fact]
    public async Task The_checklist_page_itself_shows_the_checklist_not_the_banner()
    {
        var page = await PageTextAsync("admin@clinic.test", "/admin");

        Assert.Contains("Set up the clinic", page);
        Assert.DoesNotContain("set-up step", page);
    }

    [Fact]
    public async Task The_banner_is_checked_once_a_minute_and_goes_once_set_up_is_complete()
    {
        Assert.Contains(Banner, await PageTextAsync("admin@clinic.test", "/board"));

        await AddSentTestEmailAsync();
        _app.Clock.Advance(TimeSpan.FromSeconds(50));
        var withinTheMinute = await PageTextAsync("admin@clinic.test", "/leads");
        _app.Clock.Advance(TimeSpan.FromSeconds(11));
        var afterTheMinute = await PageTextAsync("admin@clinic.test", "/leads");

        Assert.Contains(Banner, withinTheMinute); // the answer of a minute ago: pages cost the database nothing
        Assert.DoesNotContain("set-up step", afterTheMinute);
    }

    [Fact]
    public async Task Opening_the_checklist_refreshes_the_banner_at_once()
    {
        Assert.Contains(Banner, await PageTextAsync("admin@clinic.test", "/board"));
        await AddSentTestEmailAsync();

        // The admin who finishes the last step sees the settings; the banner goes with it, not a minute later.
        var settings = await PageTextAsync("admin@clinic.test", "/admin");
        var board = await PageTextAsync("admin@clinic.test", "/board");

        Assert.Contains("Audit trail", settings);
        Assert.DoesNotContain("Set up the clinic", settings);
        Assert.DoesNotContain("set-up step", board);
    }

    private async Task AddSentTestEmailAsync()
    {
        await using var db = await _app.DbAsync();
        db.OutboundEmails.Add(new OutboundEmail
        {
            Kind = OutboundEmailKinds.ReceptionTestEmail,
            Recipient = "reception@clinic.test",
            Status = OutboundEmailStatus.Sent,
            Attempts = 1,
            SentAt = _app.Now,
            NextAttemptAt = _app.Now,
            CreatedAt = _app.Now,
        });
        await db.SaveChangesAsync();
    }

    private async Task<string> PageTextAsync(string email, string path)
    {
        var client = _app.CreateBrowserLikeClient();
        var signIn = await StaffSignIn.SignInAsync(client, email, TestApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return FirstRunChecklistTests.Text(await response.Content.ReadAsStringAsync());
    }
}
