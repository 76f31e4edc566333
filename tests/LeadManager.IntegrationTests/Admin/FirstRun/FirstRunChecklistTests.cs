using System.Net;
using System.Text.RegularExpressions;
using LeadManager.Data.Audit;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.Web.Features.Admin.FirstRun;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Admin.FirstRun;

/// <summary>
/// /admin on a fresh Production install: the set-up checklist, each step ticked as its data
/// appears, and the test email ticked only once the real SMTP server has taken it.
/// </summary>
public sealed partial class FirstRunChecklistTests : IAsyncLifetime
{
    private const string Admin = "second.admin@clinic.test";

    // The reception address is refused for good (550) while this is set, as a mistyped mailbox would be.
    private volatile bool _refuseReception;
    private readonly SmtpTestServer _smtp;
    private readonly FreshInstallApp _app;

    public FirstRunChecklistTests()
    {
        _smtp = new SmtpTestServer(acceptsRecipient: address => !(_refuseReception && address == FreshInstallApp.ReceptionAddress));
        _app = new FreshInstallApp(_smtp.Port);
    }

    public async Task InitializeAsync() =>
        // Signs in over HTTP as an admin who is not the bootstrap one (whose first sign-in asks for a new password).
        await _app.AddStaffAsync(Admin, StaffRoles.Admin, "Second Admin");

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_fresh_install_has_every_step_to_do_and_each_is_ticked_as_its_data_is_saved()
    {
        var fresh = await _app.ProgressAsync();
        Assert.Equal(4, fresh.Remaining);
        var page = await AdminPageAsync();
        Assert.Contains("4 of 4 steps are left", Text(page));
        Assert.Equal(["false", "false", "false", "false"], Steps(page));
        Assert.DoesNotContain("data-testid=\"admin-links\"", page);

        // What does not count: a closed site, a site with no hours, a clinician with no hours, someone deactivated; an admin is not a receptionist.
        await _app.AddSiteAsync("Old Harbour (closed)", active: false);
        await _app.AddSiteAsync("Harbourside, no hours yet", withHours: false);
        await _app.AddStaffAsync("no.hours@clinic.test", StaffRoles.Clinician, "Ada No-Hours");
        await _app.AddStaffAsync("left@clinic.test", StaffRoles.Clinician, "Len Left", withHours: true, active: false);
        await _app.AddStaffAsync("left.reception@clinic.test", StaffRoles.Receptionist, "Rita Left", active: false);
        var nothingYet = await _app.ProgressAsync();
        Assert.False(nothingYet.SiteWithHours);
        Assert.False(nothingYet.ClinicianWithHours);
        Assert.False(nothingYet.Receptionist);

        await _app.AddSiteAsync("Harbourside");
        Assert.Equal(["true", "false", "false", "false"], Steps(await AdminPageAsync()));
        await _app.AddStaffAsync("priya@clinic.test", StaffRoles.Clinician, "Priya Shah", withHours: true);
        Assert.Equal(["true", "true", "false", "false"], Steps(await AdminPageAsync()));
        await _app.AddStaffAsync("sam@clinic.test", StaffRoles.Receptionist, "Sam Desk");
        page = await AdminPageAsync();
        Assert.Equal(["true", "true", "true", "false"], Steps(page));
        Assert.Contains("One step is left", Text(page));
    }

    [Fact]
    public async Task The_test_email_is_ticked_only_once_the_mail_server_has_taken_it_and_the_send_is_audited()
    {
        // The mail server is busy (452 to every message) until the test says otherwise.
        _smtp.TemporaryRefusals = 1_000_000;
        var admin = await _app.PrincipalAsync(Admin);
        await using var scope = _app.Services.CreateAsyncScope();
        var sent = await scope.ServiceProvider.GetRequiredService<ReceptionTestEmails>().SendAsync(admin, CancellationToken.None);
        Assert.False(sent.AlreadyOnItsWay);

        var retrying = await WaitForProgressAsync(p => p.Latest?.Status == OutboundEmailStatus.Retrying, "the test email waiting to be retried");
        Assert.False(retrying.TestEmailDelivered);
        Assert.Empty(_smtp.Messages);
        var page = await AdminPageAsync();
        Assert.Equal("false", Steps(page)[3]);
        Assert.Contains("is not sent yet (The mail server refused it (452)", Text(page));
        // A second press while it is still on its way queues nothing more.
        var again = await scope.ServiceProvider.GetRequiredService<ReceptionTestEmails>().SendAsync(admin, CancellationToken.None);
        Assert.True(again.AlreadyOnItsWay);
        Assert.Equal(sent.EmailId, again.EmailId);

        _smtp.TemporaryRefusals = 0;
        var message = await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == FreshInstallApp.ReceptionAddress));
        var done = await WaitForProgressAsync(p => p.TestEmailDelivered, "the test email marked sent");

        Assert.Equal(sent.EmailId, done.LastSent!.Id);
        Assert.Equal("Test email from LeadManager", message.Subject);
        Assert.Contains("This is a test email from LeadManager for Harbour Physio", message.TextBody);
        Assert.Contains("https://calls.harbour-physio.test/", message.TextBody);
        Assert.Single(_smtp.Messages);
        page = await AdminPageAsync();
        Assert.Equal("true", Steps(page)[3]);
        Assert.Contains("Sent ", Text(page));

        await using var db = await _app.DbAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Action == ReceptionTestEmails.AuditAction).ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal("Second Admin", entry.ActorName);
        Assert.Equal(AuditAreas.Clinic, entry.Area);
        Assert.Equal(("To", null, FreshInstallApp.ReceptionAddress), (entry.Field, entry.From, entry.To));
    }

    [Fact]
    public async Task A_test_email_the_mail_server_refuses_shows_why_and_the_step_stays_to_do_until_one_gets_through()
    {
        _refuseReception = true;
        var admin = await _app.PrincipalAsync(Admin);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceptionTestEmails>().SendAsync(admin, CancellationToken.None);
        }

        var refused = await WaitForProgressAsync(p => p.Latest?.Status == OutboundEmailStatus.Failed, "the test email refused");
        Assert.False(refused.TestEmailDelivered);
        var page = Text(await AdminPageAsync());
        Assert.Contains("was not delivered: The mail server refused it (550)", page);
        Assert.Contains("Check the Email:Smtp settings and Email:ReceptionAddress, then send another.", page);

        // The mailbox is fixed; the admin sends another.
        _refuseReception = false;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceptionTestEmails>().SendAsync(admin, CancellationToken.None);
        }

        await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == FreshInstallApp.ReceptionAddress));
        await WaitForProgressAsync(p => p.TestEmailDelivered, "the second test email marked sent");
        Assert.Equal("true", Steps(await AdminPageAsync())[3]);
    }

    [Fact]
    public async Task A_test_email_to_an_address_no_longer_configured_does_not_count()
    {
        await using (var db = await _app.DbAsync())
        {
            db.OutboundEmails.Add(new OutboundEmail
            {
                Kind = OutboundEmailKinds.ReceptionTestEmail,
                Recipient = "old-reception@clinic.test",
                Status = OutboundEmailStatus.Sent,
                SentAt = DateTime.UtcNow,
                NextAttemptAt = DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        Assert.False((await _app.ProgressAsync()).TestEmailDelivered);
    }

    [Fact]
    public async Task Once_every_step_is_done_the_page_shows_the_admin_links_instead()
    {
        await _app.AddSiteAsync("Harbourside");
        await _app.AddStaffAsync("priya@clinic.test", StaffRoles.Clinician, "Priya Shah", withHours: true);
        await _app.AddStaffAsync("sam@clinic.test", StaffRoles.Receptionist, "Sam Desk");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceptionTestEmails>().SendAsync(await _app.PrincipalAsync(Admin), CancellationToken.None);
        }

        await WaitForProgressAsync(p => p.IsComplete, "set-up complete");
        var page = await AdminPageAsync();

        Assert.DoesNotContain("data-testid=\"first-run-checklist\"", page);
        Assert.Contains("data-testid=\"admin-links\"", page);
        foreach (var href in new[] { "/admin/staff", "/admin/sites", "/admin/emails", "/admin/audit", "/hangfire" })
        {
            Assert.Contains($"href=\"{href}\"", page);
        }
    }

    [Fact]
    public async Task Only_an_admin_may_send_the_test_email_even_over_the_circuit()
    {
        await _app.AddStaffAsync("sam@clinic.test", StaffRoles.Receptionist, "Sam Desk");
        await using var scope = _app.Services.CreateAsyncScope();
        var emails = scope.ServiceProvider.GetRequiredService<ReceptionTestEmails>();
        var reception = await _app.PrincipalAsync("sam@clinic.test");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => emails.SendAsync(reception, CancellationToken.None));

        await using var db = await _app.DbAsync();
        Assert.False(await db.OutboundEmails.AnyAsync(e => e.Kind == OutboundEmailKinds.ReceptionTestEmail));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == ReceptionTestEmails.AuditAction));
    }

    private Task<LeadManager.Web.Operations.SetUpProgress.State> WaitForProgressAsync(Func<LeadManager.Web.Operations.SetUpProgress.State, bool> condition, string what) =>
        Eventually.ValueAsync(async () =>
        {
            var state = await _app.ProgressAsync();
            return condition(state) ? state : null;
        }, what, TimeSpan.FromSeconds(30));

    /// <summary>/admin as the admin gets it from the server (prerendered).</summary>
    private async Task<string> AdminPageAsync()
    {
        var client = _app.CreateBrowserLikeClient();
        var signIn = await StaffSignIn.SignInAsync(client, Admin, FreshInstallApp.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var response = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Whether each step is done, in the checklist's order: site, clinician, receptionist, test email.</summary>
    private static string[] Steps(string html) =>
        new[] { "first-run-site", "first-run-clinician", "first-run-receptionist", "first-run-test-email" }
            .Select(id => Regex.Match(html, $"data-testid=\"{id}\" data-done=\"(true|false)\"") is { Success: true } m ? m.Groups[1].Value : "missing")
            .ToArray();

    /// <summary>The page's text, tags stripped and spaces collapsed, as a person reads it.</summary>
    internal static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Replace(" .", ".", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
