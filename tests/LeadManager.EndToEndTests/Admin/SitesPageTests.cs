using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Admin;

/// <summary>The sites page in Chromium, beside a receptionist's open board.</summary>
public sealed class SitesPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_deactivating_a_site_says_where_its_requests_go_and_an_open_board_shows_them_moved_at_once()
    {
        var reference = await TestRequests.CreateAsync(browser.App, "Sitemover", arrange: async (lead, db) =>
            lead.PreferredSite = await db.Sites.SingleAsync(s => s.Name == "Riverside"));
        var reception = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1600, Height = 1000 });
        await StaffPages.SignInAsync(reception, "reception@clinic.test", "/board");
        var card = reception.Locator($"[data-reference='{reference}']");
        await Assertions.Expect(card).ToContainTextAsync("Riverside");

        var admin = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1600, Height = 1000 });
        await StaffPages.SignInAsync(admin, "admin@clinic.test", "/admin/sites");
        await admin.Locator("tr", new() { Has = admin.Locator("[data-site='Riverside']") }).GetByTestId("site-edit").ClickAsync();
        var dialog = admin.GetByTestId("site-dialog");
        await Input(admin, "site-phone").FillAsync("020 7946 0001");
        await admin.GetByLabel("Active: on the request form, its hours count").UncheckAsync();
        await admin.GetByTestId("site-save").ClickAsync();

        // Not saved until the admin says where the open requests go.
        await Assertions.Expect(admin.GetByTestId("site-errors")).ToContainTextAsync("prefer Riverside");
        await admin.GetByLabel("To Town Centre").CheckAsync();
        await admin.GetByTestId("site-save").ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Locator("[data-site='Riverside'] [data-testid=site-inactive]")).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("Town Centre");
        await using var db = await TestRequests.NewDbAsync(browser.App);
        var lead = await db.Leads.Include(l => l.PreferredSite).SingleAsync(l => l.Reference == reference);
        Assert.Equal("Town Centre", lead.PreferredSite!.Name);
        Assert.Contains(await db.LeadEvents.Where(e => e.LeadId == lead.Id).ToListAsync(), e => e.Kind == LeadEventKind.SiteChanged);
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]");
}
