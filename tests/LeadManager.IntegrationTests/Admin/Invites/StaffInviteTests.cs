using System.Net;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Auth;
using LeadManager.Web.Features.Admin.Staff.Invites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadManager.IntegrationTests.Admin.Invites;

/// <summary>
/// An admin invites someone: the email that arrives carries a one-time, expiring link and no
/// password; the link sets a password and signs them in. Used twice, expired, tampered with,
/// replaced by a newer invite or revoked, it shows one clear page and changes nothing.
/// </summary>
public sealed class StaffInviteTests(InviteTestApp app) : IClassFixture<InviteTestApp>
{
    [Fact]
    public async Task An_invite_emails_a_link_and_no_password_and_the_link_sets_a_password_signs_in_and_lands_on_my_calls()
    {
        var email = InviteTestApp.NewEmail();
        var invitedAt = app.Now;

        var id = await app.InviteAsync(email, "Nia Newstart");

        var (hashBefore, _, member) = await app.AccountAsync(id);
        Assert.Null(hashBefore);
        Assert.Equal("Nia Newstart", member.DisplayName);
        Assert.True(member.IsActive);
        Assert.Equal(invitedAt, member.InvitedAt);
        Assert.Single(member.Sites);
        await using (var db = await app.DbAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Id == member.UserId);
            var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).SingleAsync();
            Assert.Equal(StaffRoles.Clinician, role);
            var row = await db.OutboundEmails.SingleAsync(e => e.StaffMemberId == id);
            Assert.Equal(OutboundEmailKinds.StaffInvite, row.Kind);
            Assert.Equal(email, row.Recipient);
            Assert.Null(row.LeadId);
        }

        var (message, link) = await app.SendOneAsync(id);

        Assert.Equal(email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Your LeadManager account at Riverside Physiotherapy: choose your password", message.Subject);
        Assert.StartsWith("http://localhost/Account/AcceptInvite?user=", link);
        Assert.Contains(WebUtility.HtmlEncode(link), message.HtmlBody);
        Assert.Contains("Nia Newstart, Riverside Physiotherapy has set up a LeadManager account for you as a clinician.", message.TextBody);
        Assert.Contains("The link works once, for 7 days.", message.TextBody);
        // There is no password to send: the account has none until they choose one.
        Assert.Null((await app.AccountAsync(id)).PasswordHash);

        var client = app.CreateBrowserLikeClient();
        var page = await app.OpenAsync(client, link);
        Assert.Contains("Choose your password", page);
        Assert.Contains($"At least {StaffPasswordRules.MinimumLength} characters", page);
        Assert.Contains("name=\"Input.Token\"", page);
        Assert.Contains("action=\"/Account/AcceptInvite\"", page);
        Assert.Contains("<meta name=\"referrer\" content=\"no-referrer\"", page);

        var accepted = await InviteTestApp.ChoosePasswordAsync(client, link, InviteTestApp.NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/my-calls", Redirect.PathOf(accepted));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-calls")).StatusCode);
        var (hashAfter, _, signedIn) = await app.AccountAsync(id);
        Assert.NotNull(hashAfter);
        Assert.Equal(app.Now, signedIn.LastSignInAt);
        var fresh = app.CreateBrowserLikeClient();
        Assert.Equal("/my-calls", Redirect.PathOf(await StaffSignIn.SignInAsync(fresh, email, InviteTestApp.NewPassword)));

        var audit = await app.AuditAsync(id);
        Assert.Equal(["Invited", "Invite accepted (password chosen)"], audit.Select(a => a.Action).Distinct().ToArray());
        Assert.Contains(audit, a => a is { Action: "Invited", Field: "Role", To: "Clinician" });
        Assert.Contains(audit, a => a is { Action: "Invited", Field: "Email" } && a.To == email);
        var token = InviteTestApp.Query(link, "token");
        Assert.All(audit, a => Assert.DoesNotContain(token, $"{a.Action} {a.Field} {a.From} {a.To}", StringComparison.Ordinal));
        Assert.All(audit, a => Assert.DoesNotContain("http", $"{a.From} {a.To}", StringComparison.Ordinal));
        // Nothing the app logged, at production's levels, holds the token (or the link).
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_link_used_a_second_time_says_so_and_changes_nothing()
    {
        var email = InviteTestApp.NewEmail();
        var id = await app.InviteAsync(email);
        var (_, link) = await app.SendOneAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteTestApp.ChoosePasswordAsync(app.CreateBrowserLikeClient(), link, InviteTestApp.NewPassword)).StatusCode);
        var before = await app.AccountAsync(id);

        var someoneElse = app.CreateBrowserLikeClient();
        var again = await app.OpenAsync(someoneElse, link);
        var reused = await InviteTestApp.ChoosePasswordAsync(someoneElse, link, "a different password 2");

        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(again), again);
        Assert.DoesNotContain("name=\"Input.Token\"", again);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await reused.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(reused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("LeadManager.Staff=", StringComparison.Ordinal) && !v.StartsWith("LeadManager.Staff=;", StringComparison.Ordinal)));
        var after = await app.AccountAsync(id);
        Assert.Equal(before.PasswordHash, after.PasswordHash);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal("/my-calls", Redirect.PathOf(await StaffSignIn.SignInAsync(app.CreateBrowserLikeClient(), email, InviteTestApp.NewPassword)));
    }

    [Fact]
    public async Task The_link_works_until_its_last_minute_and_then_says_it_has_expired_and_changes_nothing()
    {
        var lifetime = app.Services.GetRequiredService<IOptions<StaffAccountOptions>>().Value.InviteLinkLifetime;
        var id = await app.InviteAsync(InviteTestApp.NewEmail());
        var (_, link) = await app.SendOneAsync(id);
        var client = app.CreateBrowserLikeClient();

        app.Clock.Advance(lifetime - TimeSpan.FromMinutes(1));
        Assert.Contains("name=\"Input.Token\"", await app.OpenAsync(client, link));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await app.OpenAsync(client, link);
        var posted = await InviteTestApp.ChoosePasswordAsync(client, link, InviteTestApp.NewPassword);

        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(expired), expired);
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await posted.Content.ReadAsStringAsync()));
        Assert.Null((await app.AccountAsync(id)).PasswordHash);
    }

    public static TheoryData<string> Tamperings() => ["token changed", "token cut short", "another account", "no token", "an invite token as a reset"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_link_says_it_no_longer_works_and_changes_nothing(string how)
    {
        var id = await app.InviteAsync(InviteTestApp.NewEmail());
        var (_, link) = await app.SendOneAsync(id);
        var token = InviteTestApp.Query(link, "token");
        var userId = InviteTestApp.Query(link, "user");
        var admin = await LeadTestData.StaffAsync(app, InviteTestApp.Admin);
        var changed = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        var tampered = how switch
        {
            "token changed" => Link("AcceptInvite", userId, changed),
            "token cut short" => Link("AcceptInvite", userId, token[..^4]),
            "another account" => Link("AcceptInvite", admin.UserId, token),
            "no token" => "http://localhost/Account/AcceptInvite?user=" + userId,
            _ => Link("ResetPassword", userId, token),
        };
        var before = await app.AccountAsync(id);
        var adminBefore = await app.AccountAsync(admin.Id);
        var client = app.CreateBrowserLikeClient();

        var page = await app.OpenAsync(client, tampered);
        var posted = await InviteTestApp.ChoosePasswordAsync(client, tampered, InviteTestApp.NewPassword, token: InviteTestApp.Query(tampered, "token"));

        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(page), page);
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await posted.Content.ReadAsStringAsync()));
        var after = await app.AccountAsync(id);
        Assert.Null(after.PasswordHash);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(adminBefore.PasswordHash, (await app.AccountAsync(admin.Id)).PasswordHash);
        // The untouched link still works: tampering with a copy voids nothing.
        Assert.Contains("name=\"Input.Token\"", await app.OpenAsync(app.CreateBrowserLikeClient(), link));
    }

    [Fact]
    public async Task Sending_the_invite_again_voids_the_earlier_link_and_the_new_one_works()
    {
        var email = InviteTestApp.NewEmail();
        var id = await app.InviteAsync(email);
        var (_, first) = await app.SendOneAsync(id);
        app.Clock.Advance(TimeSpan.FromHours(2)); // the next day, say: they never found the first email

        var resent = await app.InvitesAsync((invites, admin) => invites.ResendAsync(id, admin, CancellationToken.None));
        var (_, second) = await app.SendOneAsync(id);

        Assert.True(resent.Succeeded, resent.Message);
        Assert.NotEqual(first, second);
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await app.OpenAsync(app.CreateBrowserLikeClient(), first)));
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await (await InviteTestApp.ChoosePasswordAsync(app.CreateBrowserLikeClient(), first, InviteTestApp.NewPassword)).Content.ReadAsStringAsync()));
        Assert.Null((await app.AccountAsync(id)).PasswordHash);
        var client = app.CreateBrowserLikeClient();
        Assert.Equal("/my-calls", Redirect.PathOf(await InviteTestApp.ChoosePasswordAsync(client, second, InviteTestApp.NewPassword)));
        Assert.Contains(await app.AuditAsync(id), a => a.Action == "Invite sent again" && a.Field == "Invited");
    }

    [Fact]
    public async Task Sending_again_before_the_first_email_went_sends_only_the_new_one()
    {
        var id = await app.InviteAsync(InviteTestApp.NewEmail());

        var resent = await app.InvitesAsync((invites, admin) => invites.ResendAsync(id, admin, CancellationToken.None));
        var (_, link) = await app.SendOneAsync(id);

        Assert.True(resent.Succeeded, resent.Message);
        await using var db = await app.DbAsync();
        var rows = await db.OutboundEmails.AsNoTracking().Where(e => e.StaffMemberId == id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([OutboundEmailStatus.Cancelled, OutboundEmailStatus.Sent], rows.Select(r => r.Status).ToArray());
        Assert.Contains("name=\"Input.Token\"", await app.OpenAsync(app.CreateBrowserLikeClient(), link));
    }

    [Fact]
    public async Task A_revoked_invite_s_link_says_it_no_longer_works_and_the_person_no_longer_shows_as_invited()
    {
        var id = await app.InviteAsync(InviteTestApp.NewEmail());
        var (_, link) = await app.SendOneAsync(id);

        var revoked = await app.InvitesAsync((invites, admin) => invites.RevokeAsync(id, admin, CancellationToken.None));

        Assert.True(revoked.Succeeded, revoked.Message);
        var (hash, _, member) = await app.AccountAsync(id);
        Assert.False(member.IsActive);
        Assert.Equal(app.Now, member.DeactivatedAt);
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await app.OpenAsync(app.CreateBrowserLikeClient(), link)));
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await (await InviteTestApp.ChoosePasswordAsync(app.CreateBrowserLikeClient(), link, InviteTestApp.NewPassword)).Content.ReadAsStringAsync()));
        Assert.Null((await app.AccountAsync(id)).PasswordHash);
        Assert.Null(hash);
        Assert.Contains(await app.AuditAsync(id), a => a is { Action: "Invite revoked", From: "Invited", To: "Deactivated" });
        var again = await app.InvitesAsync((invites, admin) => invites.ResendAsync(id, admin, CancellationToken.None));
        Assert.False(again.Succeeded);
        Assert.Contains("deactivated", again.Message);
    }

    [Fact]
    public async Task An_invite_revoked_before_its_email_went_is_never_sent()
    {
        var id = await app.InviteAsync(InviteTestApp.NewEmail());

        await app.InvitesAsync((invites, admin) => invites.RevokeAsync(id, admin, CancellationToken.None));

        Assert.Empty(await app.SendAccountEmailsAsync(id));
        await using var db = await app.DbAsync();
        Assert.Equal(OutboundEmailStatus.Cancelled, (await db.OutboundEmails.SingleAsync(e => e.StaffMemberId == id)).Status);
    }

    [Theory]
    [InlineData(InviteTestApp.Admin)]
    [InlineData("Clinician@Clinic.TEST")]
    public async Task An_email_someone_already_signs_in_with_is_refused_with_a_clear_message_and_nothing_is_saved(string email)
    {
        var before = await CountsAsync();

        var result = await app.InvitesAsync((invites, admin) => invites.InviteAsync(
            new InviteInput { Email = email, DisplayName = "Second Account", Role = StaffRoles.Clinician }, admin, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Contains("already has an account with this email address", result.FieldErrors[StaffInvites.EmailField]);
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "new.person@clinic.test\nBcc: everyone@elsewhere.test", "Nia Newstart", StaffInvites.EmailField },
        { "new.person@clinic.test\r\n", "Nia Newstart", StaffInvites.EmailField },
        { "new.person@clinic", "Nia Newstart", StaffInvites.EmailField },
        { "Nia <new.person@clinic.test>", "Nia Newstart", StaffInvites.EmailField },
        { "", "Nia Newstart", StaffInvites.EmailField },
        { "new.person@clinic.test", new string('N', 10_000), StaffInvites.DisplayNameField },
        { "new.person@clinic.test", "   ", StaffInvites.DisplayNameField },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_message_on_its_field_and_nothing_is_saved(string email, string name, string field)
    {
        var before = await CountsAsync();

        var result = await app.InvitesAsync((invites, admin) => invites.InviteAsync(
            new InviteInput { Email = email, DisplayName = name, Role = StaffRoles.Clinician }, admin, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(result.FieldErrors, e => e.Key == field).Value));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_email_with_a_line_break_is_refused_as_such()
    {
        var result = await app.InvitesAsync((invites, admin) => invites.InviteAsync(
            new InviteInput { Email = "new.person@clinic.test\n", DisplayName = "Nia Newstart", Role = StaffRoles.Clinician }, admin, CancellationToken.None));

        Assert.Equal("An email address is one line: take out the line break or other hidden character.", result.FieldErrors[StaffInvites.EmailField]);
    }

    [Fact]
    public async Task Only_an_admin_may_invite()
    {
        var before = await CountsAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => app.InvitesAsync((invites, who) => invites.InviteAsync(
            new InviteInput { Email = InviteTestApp.NewEmail(), DisplayName = "Nia Newstart", Role = StaffRoles.Admin }, who, CancellationToken.None), by: InviteTestApp.Reception));

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_password_reset_link_sets_a_new_password_once_and_the_old_one_works_until_then()
    {
        var email = InviteTestApp.NewEmail("resetting");
        var id = await app.InviteAsync(email, "Rosa Reset", StaffRoles.Receptionist);
        var (_, invite) = await app.SendOneAsync(id);
        await InviteTestApp.ChoosePasswordAsync(app.CreateBrowserLikeClient(), invite, InviteTestApp.NewPassword);

        var sent = await app.InvitesAsync((invites, admin) => invites.SendPasswordResetAsync(id, admin, CancellationToken.None));
        var (message, link) = await app.SendOneAsync(id);

        Assert.True(sent.Succeeded, sent.Message);
        Assert.StartsWith("http://localhost/Account/ResetPassword?user=", link);
        Assert.Contains("The link works once, for 24 hours.", message.TextBody);
        Assert.Equal("/board", Redirect.PathOf(await StaffSignIn.SignInAsync(app.CreateBrowserLikeClient(), email, InviteTestApp.NewPassword)));
        var client = app.CreateBrowserLikeClient();
        Assert.Contains("Choose a new password", await app.OpenAsync(client, link));
        var tooShort = await InviteTestApp.ChoosePasswordAsync(client, link, "short");
        Assert.Contains($"at least {StaffPasswordRules.MinimumLength} characters", await tooShort.Content.ReadAsStringAsync());
        var mismatch = await InviteTestApp.ChoosePasswordAsync(client, link, "another long password 3", "another long password 4");
        Assert.Contains("The two passwords don", await mismatch.Content.ReadAsStringAsync());

        var reset = await InviteTestApp.ChoosePasswordAsync(client, link, "another long password 3");

        Assert.Equal("/board", Redirect.PathOf(reset));
        Assert.Equal(HttpStatusCode.OK, (await StaffSignIn.SignInAsync(app.CreateBrowserLikeClient(), email, InviteTestApp.NewPassword)).StatusCode);
        Assert.Equal("/board", Redirect.PathOf(await StaffSignIn.SignInAsync(app.CreateBrowserLikeClient(), email, "another long password 3")));
        Assert.True(InviteTestApp.SaysTheLinkNoLongerWorks(await app.OpenAsync(app.CreateBrowserLikeClient(), link)));
        Assert.Equal(
            ["Invited", "Invite accepted (password chosen)", "Password-reset link sent", "Password reset (from the emailed link)"],
            (await app.AuditAsync(id)).Select(a => a.Action).Distinct().ToArray());
    }

    [Fact]
    public async Task A_reset_link_is_refused_for_someone_who_has_not_chosen_a_password_yet()
    {
        var id = await app.InviteAsync(InviteTestApp.NewEmail());
        await app.SendOneAsync(id);

        var result = await app.InvitesAsync((invites, admin) => invites.SendPasswordResetAsync(id, admin, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Contains("Send the invite again instead", result.Message);
        Assert.Empty(await app.SendAccountEmailsAsync(id));
    }

    private static string Link(string page, string userId, string token) =>
        $"http://localhost/Account/{page}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    private async Task<(int Users, int Staff, int Emails, int Audit)> CountsAsync()
    {
        await using var db = await app.DbAsync();
        return (await db.Users.CountAsync(), await db.StaffMembers.CountAsync(), await db.OutboundEmails.CountAsync(), await db.AuditEntries.CountAsync());
    }
}
