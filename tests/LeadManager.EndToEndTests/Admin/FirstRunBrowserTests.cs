using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadManager.EndToEndTests.Admin;

/// <summary>A clinic manager on an empty Production install, from the first sign-in to a clinic ready for its first request.</summary>
public sealed class FirstRunBrowserTests(FreshProductionBrowserFixture fixture) : IClassFixture<FreshProductionBrowserFixture>
{
    [Fact]
    public async Task A_fresh_Production_configured_app_walks_the_first_run_checklist()
    {
        var page = await fixture.NewPageAsync(o => o.ViewportSize = new() { Width = 1280, Height = 900 });

        // The bootstrap admin signs in with the password from configuration.
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(FreshProductionBrowserFixture.BootstrapAdmin);
        await page.GetByLabel("Password").FillAsync(FreshProductionBrowserFixture.BootstrapPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Her password came from configuration, so she chooses her own before anything else.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/ChangePassword");
        await Expect(page.GetByTestId("must-change-password")).ToBeVisibleAsync();
        await page.GetByLabel("Current password").FillAsync(FreshProductionBrowserFixture.BootstrapPassword);
        await page.GetByLabel("New password").FillAsync("Harbourside-Manager-2027");
        await page.GetByLabel("Type it again").FillAsync("Harbourside-Manager-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change my password" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/Account/ChangePassword");

        // Every staff page tells her the clinic is not set up, and takes her to the checklist.
        await page.GotoAsync("/board");
        await StaffPages.WaitUntilInteractiveAsync(page);
        var banner = page.GetByTestId("first-run-banner");
        await Expect(banner).ToContainTextAsync("4 set-up steps are left");
        await banner.GetByRole(AriaRole.Link, new() { Name = "Finish setting up" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin");
        await StaffPages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("first-run-checklist")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("first-run-banner")).ToHaveCountAsync(0);
        foreach (var step in Steps)
        {
            await Expect(page.GetByTestId(step)).ToHaveAttributeAsync("data-done", "false");
        }

        await Expect(page.GetByTestId("first-run-site").GetByRole(AriaRole.Link, new() { Name = "Open Sites" })).ToHaveAttributeAsync("href", "/admin/sites");
        await Expect(page.GetByTestId("first-run-clinician").GetByRole(AriaRole.Link, new() { Name = "Open Staff" })).ToHaveAttributeAsync("href", "/admin/staff");

        // (After merge: a site with hours through /admin/sites, a clinician with working hours and a
        // receptionist invited through /admin/staff, each accepting the invite.) Until then, straight to the database:
        await fixture.AddSiteAsync("Harbourside");
        await fixture.AddStaffAsync("priya@clinic.test", "Clinician", "Priya Shah", withHours: true);
        await fixture.AddStaffAsync("sam@clinic.test", "Receptionist", "Sam Desk", withHours: false);
        await page.ReloadAsync();
        await StaffPages.WaitUntilInteractiveAsync(page);
        foreach (var step in Steps.Take(3))
        {
            await Expect(page.GetByTestId(step)).ToHaveAttributeAsync("data-done", "true");
        }

        await Expect(page.GetByTestId("first-run-test-email")).ToHaveAttributeAsync("data-done", "false");

        // The test email goes to reception's real mailbox, and the page ticks it when the mail server has taken it.
        await page.GetByTestId("first-run-send-test-email").ClickAsync();
        var received = await fixture.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == FreshProductionBrowserFixture.ReceptionAddress));
        Assert.Equal("Test email from LeadManager", received.Subject);
        await Expect(page.GetByTestId("first-run-complete")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("admin-links")).ToContainTextAsync("Audit trail");

        // The banner has gone, and the clinic's form is open to patients.
        await page.GotoAsync("/board");
        await StaffPages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("first-run-banner")).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/audit");
        await Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("Test email sent");
        await page.GotoAsync("/request");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request a free discovery call" })).ToBeVisibleAsync();
    }

    private static readonly string[] Steps = ["first-run-site", "first-run-clinician", "first-run-receptionist", "first-run-test-email"];
}
