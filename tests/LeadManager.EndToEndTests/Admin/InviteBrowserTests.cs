using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using LeadManager.EndToEndTests.Leads;
using LeadManager.Web.Features.Demo;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;

namespace LeadManager.EndToEndTests.Admin;

/// <summary>
/// An admin invites a clinician; the invite reaches the test mail server; its link opens the
/// page to choose a password; the clinician is signed in and lands on their calls. The public
/// account pages are checked with axe on the way. (The app sends through a real SMTP server on
/// 127.0.0.1, with its own job server: see <see cref="CallInviteBrowserFixture"/>.)
/// </summary>
public sealed partial class InviteBrowserTests(CallInviteBrowserFixture browser, ITestOutputHelper output) : IClassFixture<CallInviteBrowserFixture>
{
    private const string Password = "my own long password 7";

    [Fact]
    public async Task An_admin_invites_a_clinician_who_follows_the_emailed_link_chooses_a_password_and_lands_on_my_calls()
    {
        var email = $"new.clinician.{Guid.NewGuid():N}@clinic.test";
        var admin = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1280, Height = 900 });
        await StaffPages.SignInAsync(admin, DemoSeeder.AdminEmail, "/admin");

        await admin.GetByTestId("staff-invite").ClickAsync();
        var dialog = admin.GetByTestId("invite-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Input(admin, "invite-email").FillAsync(email);
        await Input(admin, "invite-name").FillAsync("Cara Newhire");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Clinician" }).CheckAsync();
        await dialog.GetByLabel("Riverside", new() { Exact = true }).CheckAsync();
        await admin.GetByTestId("invite-send").ClickAsync();

        await Assertions.Expect(admin.GetByText($"Invite sent to {email}.")).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var invite = await browser.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == email));
        var link = LinkIn(invite);
        Assert.DoesNotContain(Password, invite.TextBody ?? "", StringComparison.Ordinal);

        var findings = new List<string>();
        var clinician = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1280, Height = 900 });
        await clinician.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Choose your password", Level = 1 })).ToBeVisibleAsync();
        findings.AddRange(await FindingsAsync(clinician, "the accept-invite page"));
        await clinician.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await clinician.GetByLabel("Type it again", new() { Exact = true }).FillAsync(Password + " typo");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Set my password and sign in" }).ClickAsync();
        await Assertions.Expect(clinician.GetByRole(AriaRole.Alert).First).ToContainTextAsync("The two passwords don't match");
        findings.AddRange(await FindingsAsync(clinician, "the accept-invite page with an error"));
        await clinician.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await clinician.GetByLabel("Type it again", new() { Exact = true }).FillAsync(Password);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Set my password and sign in" }).ClickAsync();

        await clinician.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/my-calls");
        await StaffPages.WaitUntilInteractiveAsync(clinician);
        await Assertions.Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "My calls", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(clinician.GetByTestId("signed-in-as")).ToHaveTextAsync(email);

        // Their own change-password page, and the link's page once it has been used.
        await clinician.GotoAsync("/Account/ChangePassword");
        await Assertions.Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Change your password", Level = 1 })).ToBeVisibleAsync();
        findings.AddRange(await FindingsAsync(clinician, "the change-password page"));
        var again = await browser.NewPageAsync(o => o.ColorScheme = ColorScheme.Dark);
        await again.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(again.GetByTestId("link-not-valid")).ToHaveTextAsync("This link has expired or has already been used. Ask the clinic manager to send a new one.");
        findings.AddRange(await FindingsAsync(again, "the used link's page (dark)"));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]");

    private static string LinkIn(MimeMessage message) =>
        AcceptLink().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException("No invite link in: " + message.TextBody);

    private async Task<IReadOnlyList<string>> FindingsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            output.WriteLine($"axe on {what}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join("; ", violation.Nodes.Select(n => n.Target))}");
        }

        return result.Violations
            .Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} at {string.Join("; ", v.Nodes.Select(n => $"{n.Target}: {string.Join(" ", n.Any.Select(c => c.Message))}"))}")
            .ToList();
    }

    [GeneratedRegex(@"https?://[^\s]+/Account/AcceptInvite\?user=[^\s]+")]
    private static partial Regex AcceptLink();
}
