using System.Net;
using LeadManager.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Admin.Invites;

/// <summary>
/// A fresh install's first admin signs in with the password from configuration and is sent to
/// choose their own before any staff page opens; the page wants the current password and a
/// different new one, and then lets them in. A fresh app per test: each starts from the install.
/// </summary>
public sealed class BootstrapAdminPasswordTests : IAsyncLifetime
{
    private const string Email = "manager@fresh-clinic.test";
    private const string ConfiguredPassword = "configured-password-0001";
    private const string OwnPassword = "the manager's own password";

    private readonly TestApp _app = new("Testing", new Dictionary<string, string?>
    {
        ["Demo:Seed"] = "false",
        ["Bootstrap:AdminEmail"] = Email,
        ["Bootstrap:AdminPassword"] = ConfiguredPassword,
        ["FollowUp:ProcessJobs"] = "false",
    });

    public Task InitializeAsync()
    {
        _ = _app.Services; // starts the app: the database initialiser creates the admin
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_bootstrap_admin_is_sent_to_change_their_password_from_every_staff_page_until_they_do()
    {
        var client = _app.CreateBrowserLikeClient();

        var signIn = await StaffSignIn.SignInAsync(client, Email, ConfiguredPassword);

        Assert.Equal("/board", Redirect.PathOf(signIn));
        foreach (var page in new[] { "/board", "/leads", "/admin", "/admin/emails", "/hangfire", "/leads/export.csv" })
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode}");
            Assert.Equal("/Account/ChangePassword", Redirect.PathOf(response));
        }

        // The change page itself, its styles and the other public pages still open.
        var change = await client.GetStringAsync("/Account/ChangePassword");
        Assert.Contains("data-testid=\"must-change-password\"", change);
        Assert.Contains("action=\"/Account/Logout\"", change);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/request")).StatusCode);

        var same = await ChangeAsync(client, ConfiguredPassword, ConfiguredPassword);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains("Choose a new password: not the one you have now.", await same.Content.ReadAsStringAsync());
        var wrong = await ChangeAsync(client, "not-the-password-at-all", OwnPassword);
        Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal("/Account/ChangePassword", Redirect.PathOf(await client.GetAsync("/board")));
        Assert.True(await MustChangeAsync());

        var changed = await ChangeAsync(client, ConfiguredPassword, OwnPassword);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/board", Redirect.PathOf(changed));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        Assert.False(await MustChangeAsync());
        Assert.Equal(HttpStatusCode.OK, (await StaffSignIn.SignInAsync(_app.CreateBrowserLikeClient(), Email, ConfiguredPassword)).StatusCode);
        var again = _app.CreateBrowserLikeClient();
        Assert.Equal("/board", Redirect.PathOf(await StaffSignIn.SignInAsync(again, Email, OwnPassword)));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/board")).StatusCode);

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        var manager = await db.StaffMembers.SingleAsync();
        Assert.NotNull(manager.LastSignInAt);
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == "Password changed").ToListAsync());
        Assert.Equal("Clinic manager", audit.ActorName);
        Assert.Null(audit.From);
        Assert.Null(audit.To);
    }

    [Fact]
    public async Task Signing_out_still_works_while_the_password_must_be_changed()
    {
        var client = _app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(client, Email, ConfiguredPassword);
        var page = await client.GetStringAsync("/Account/ChangePassword");

        var signedOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryToken(page),
        }));

        Assert.Equal("/Account/SignedOut", Redirect.PathOf(signedOut));
        Assert.StartsWith("/Account/Login", Redirect.PathOf(await client.GetAsync("/board")));
    }

    private async Task<bool> MustChangeAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        return (await db.StaffMembers.SingleAsync()).MustChangePassword;
    }

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next)
    {
        var page = await client.GetStringAsync("/Account/ChangePassword");
        return await client.PostAsync("/Account/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryToken(page),
            ["_handler"] = "change-password",
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        }));
    }
}
