using System.Net;
using System.Text.RegularExpressions;
using LeadManager.Data.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.IntegrationTests.Operations;

/// <summary>The staff pages as each role gets them from the server, while an email has waited 10 minutes for a stopped job server.</summary>
public sealed partial class JobsLateBannerTests : IAsyncLifetime
{
    private const string Banner = "Follow-up emails are running late (the oldest is 10 minutes overdue). Check the job server: /hangfire.";

    private readonly StoppedJobServerApp _app = StoppedJobServerApp.WithDemoStaff();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admins_see_the_banner_and_reception_and_clinicians_do_not()
    {
        await _app.AddEmailAsync(_app.Now.AddMinutes(-10));

        var admin = await PageTextAsync("admin@clinic.test", "/board");
        var reception = await PageTextAsync("reception@clinic.test", "/board");
        var clinician = await PageTextAsync("clinician@clinic.test", "/my-calls");

        Assert.Contains(Banner, admin);
        Assert.DoesNotContain("running late", reception);
        Assert.DoesNotContain("running late", clinician);
    }

    [Fact]
    public async Task The_banner_is_checked_once_a_minute_and_goes_once_the_job_server_catches_up()
    {
        var email = await _app.AddEmailAsync(_app.Now.AddMinutes(-10));
        Assert.Contains(Banner, await PageTextAsync("admin@clinic.test", "/board"));

        await using (var db = await _app.DbAsync())
        {
            await db.OutboundEmails.Where(e => e.Id == email.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, OutboundEmailStatus.Sent));
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(50));
        var withinTheMinute = await PageTextAsync("admin@clinic.test", "/leads");
        _app.Clock.Advance(TimeSpan.FromSeconds(11));
        var afterTheMinute = await PageTextAsync("admin@clinic.test", "/leads");

        Assert.Contains("running late", withinTheMinute); // the answer of a minute ago: pages cost the database nothing
        Assert.DoesNotContain("running late", afterTheMinute);
    }

    /// <summary>The prerendered page's text, tags stripped and spaces collapsed, as a person would read it.</summary>
    private async Task<string> PageTextAsync(string email, string path)
    {
        var client = _app.CreateBrowserLikeClient();
        var signIn = await StaffSignIn.SignInAsync(client, email, TestApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Replace(" .", ".", StringComparison.Ordinal);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
