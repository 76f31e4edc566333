using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LeadManager.EndToEndTests;

/// <summary>The pages staff live in have no axe-core findings at all, of any impact.</summary>
public sealed class StaffPageAccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private string _background = "";

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Board_list_lead_page_clinician_pages_the_sites_page_and_the_jobs_late_banner_have_no_axe_findings(ColorScheme scheme)
    {
        var reference = await TestRequests.CreateAsync(browser.App, "Axecheck", TriageLevel.ReviewFirst, arrange: (lead, db) =>
        {
            // Escalated, with a step still due, so the escalation mark and "Due next" are checked too.
            var now = DateTime.UtcNow;
            db.FollowUps.AddRange(
                new FollowUp { Lead = lead, Kind = FollowUpKinds.ReviewOverdue, Status = FollowUpStatus.Done, MadeFor = lead.ReviewRequestedAt!.Value, DueAt = now, CompletedAt = now, CreatedAt = now },
                new FollowUp { Lead = lead, Kind = FollowUpKinds.AssignOverdue, Status = FollowUpStatus.Pending, MadeFor = lead.StageStartedAt, DueAt = now.AddHours(1), CreatedAt = now });
            return Task.CompletedTask;
        });
        var findings = new List<string>();
        // ClinicTheme's page backgrounds: #F5F8F8 light, #0F1A1D dark.
        _background = scheme == ColorScheme.Dark ? "rgb(15, 26, 29)" : "rgb(245, 248, 248)";

        var reception = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 1600, Height = 1000 };
            o.ColorScheme = scheme;
        });
        await StaffPages.SignInAsync(reception, "reception@clinic.test", "/board");
        await reception.GetByTestId("board-card").First.WaitForAsync();
        await reception.Locator($"[data-reference='{reference}'] [data-testid=escalated-mark]").WaitForAsync();
        findings.AddRange(await FindingsAsync(reception, "the board"));
        await reception.GotoAsync("/leads");
        await StaffPages.WaitUntilInteractiveAsync(reception);
        await reception.GetByTestId("leads-row-link").First.WaitForAsync();
        findings.AddRange(await FindingsAsync(reception, "the list"));
        await reception.GotoAsync($"/leads/{reference}");
        await reception.GetByTestId("lead-heading").WaitForAsync();
        findings.AddRange(await FindingsAsync(reception, "the lead page"));

        var clinician = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 390, Height = 844 };
            o.ColorScheme = scheme;
        });
        await StaffPages.SignInAsync(clinician, "clinician@clinic.test", "/my-calls");
        await clinician.GetByTestId("call-card").First.WaitForAsync();
        findings.AddRange(await FindingsAsync(clinician, "my calls on a phone"));
        await clinician.GotoAsync($"/leads/{reference}");
        await clinician.GetByTestId("call-sheet").WaitForAsync();
        findings.AddRange(await FindingsAsync(clinician, "the call sheet on a phone"));

        await AddEmailAHungJobHoldsAsync();
        var admin = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 1600, Height = 1000 };
            o.ColorScheme = scheme;
        });
        await StaffPages.SignInAsync(admin, "admin@clinic.test", "/board");
        await admin.GetByTestId("jobs-late-banner").WaitForAsync();
        findings.AddRange(await FindingsAsync(admin, "the board with the jobs-late banner"));
        await admin.GotoAsync("/admin/sites");
        await StaffPages.WaitUntilInteractiveAsync(admin);
        await admin.GetByTestId("site-row").First.WaitForAsync();
        findings.AddRange(await FindingsAsync(admin, "the sites page"));
        await admin.GetByTestId("site-edit").First.ClickAsync();
        await admin.GetByTestId("site-save").WaitForAsync();
        findings.AddRange(await FindingsAsync(admin, "the site dialog"));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await admin.GetByTestId("site-closures-edit").First.ClickAsync();
        await admin.GetByTestId("closure-add").WaitForAsync();
        findings.AddRange(await FindingsAsync(admin, "the closures dialog"));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Clinic_settings_with_the_first_run_checklist_and_its_banner_and_the_audit_trail_have_no_axe_findings(ColorScheme scheme)
    {
        var findings = new List<string>();
        _background = scheme == ColorScheme.Dark ? "rgb(15, 26, 29)" : "rgb(245, 248, 248)";
        // The demo clinic lacks only the test email: each run starts without one, so /admin shows the checklist.
        await using (var db = await TestRequests.NewDbAsync(browser.App))
        {
            await db.OutboundEmails.Where(e => e.Kind == OutboundEmailKinds.ReceptionTestEmail).ExecuteDeleteAsync();
        }

        // As in the other tests here, a hung job holds an email: the admin pages keep one answer to
        // "is the workflow late?" for a minute, so every test in this class must ask it the same way.
        await AddEmailAHungJobHoldsAsync();

        var admin = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 1600, Height = 1000 };
            o.ColorScheme = scheme;
        });
        await StaffPages.SignInAsync(admin, "admin@clinic.test", "/admin");
        await admin.GetByTestId("first-run-checklist").WaitForAsync();
        findings.AddRange(await FindingsAsync(admin, "the first-run checklist"));
        await admin.GotoAsync("/leads");
        await StaffPages.WaitUntilInteractiveAsync(admin);
        await admin.GetByTestId("first-run-banner").WaitForAsync();
        await admin.GetByTestId("jobs-late-banner").WaitForAsync();
        findings.AddRange(await FindingsAsync(admin, "the list with both banners"));

        await admin.GotoAsync("/admin");
        await StaffPages.WaitUntilInteractiveAsync(admin);
        await admin.GetByTestId("first-run-send-test-email").ClickAsync();
        await admin.GetByTestId("first-run-complete").WaitForAsync();
        findings.AddRange(await FindingsAsync(admin, "clinic settings once set up"));
        await admin.GotoAsync("/admin/audit");
        await StaffPages.WaitUntilInteractiveAsync(admin);
        await Assertions.Expect(admin.GetByTestId("audit-grid")).ToContainTextAsync("Test email sent");
        findings.AddRange(await FindingsAsync(admin, "the audit trail"));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task The_skip_link_appears_when_focused_and_takes_the_keyboard_to_the_page_itself()
    {
        var page = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1600, Height = 1000 });
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/leads");
        await StaffPages.WaitUntilInteractiveAsync(page);
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Assertions.Expect(skip).Not.ToBeInViewportAsync();

        // It is the first thing in the page's tab order; after a navigation the focus is on the
        // page's heading (FocusOnNavigate), so Shift+Tab from the menu's first item reaches it.
        await skip.FocusAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_jobs_late_banner_takes_an_admin_to_the_job_server_s_dashboard()
    {
        await AddEmailAHungJobHoldsAsync();
        var page = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1600, Height = 1000 });
        await StaffPages.SignInAsync(page, "admin@clinic.test", "/leads");
        var banner = page.GetByTestId("jobs-late-banner");
        await Assertions.Expect(banner).ToContainTextAsync(new Regex(@"Follow-up emails are running late \(the oldest is 1\d minutes overdue\)\."));

        await banner.GetByRole(AriaRole.Link, new() { Name = "/hangfire" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/hangfire", StringComparison.Ordinal));
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("LeadManager jobs"));
    }

    /// <summary>
    /// An email due 10 minutes ago whose job hung holding its claim, so this app's running job
    /// server leaves it alone and admins see the jobs-late banner.
    /// </summary>
    private async Task AddEmailAHungJobHoldsAsync()
    {
        await using var db = await TestRequests.NewDbAsync(browser.App);
        var now = DateTime.UtcNow;
        db.OutboundEmails.Add(new OutboundEmail
        {
            Kind = OutboundEmailKinds.ReceptionNewRequest,
            Recipient = "reception@clinic.test",
            Status = OutboundEmailStatus.Pending,
            NextAttemptAt = now.AddMinutes(-10),
            ClaimedUntil = now.AddHours(1),
            ClaimedBy = "a job that hung",
            CreatedAt = now.AddMinutes(-10),
        });
        await db.SaveChangesAsync();
    }

    private async Task<IReadOnlyList<string>> FindingsAsync(IPage page, string what)
    {
        // The saved or system theme is applied after the first render, with colour transitions: judge the
        // final colours, so switch transitions off and wait until the page has the theme's background.
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        await page.WaitForFunctionAsync("bg => getComputedStyle(document.body).backgroundColor === bg", _background);
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            output.WriteLine($"axe on {what}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join("; ", violation.Nodes.Select(n => n.Target))}");
        }

        return result.Violations
            .Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} at {string.Join("; ", v.Nodes.Select(n => $"{n.Target}: {string.Join(" ", n.Any.Select(c => c.Message))}"))}")
            .ToList();
    }
}
