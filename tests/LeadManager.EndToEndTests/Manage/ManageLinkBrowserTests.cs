using Deque.AxeCore.Playwright;
using LeadManager.Data.Leads;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Demo;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Manage;

/// <summary>The patient's manage link in a browser with JavaScript off, and what the clinician then sees.</summary>
public sealed class ManageLinkBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PatientLastName = "Manageslink";

    [Fact]
    public async Task With_JavaScript_off_the_patient_picks_another_time_from_their_link_and_the_clinician_s_list_shows_the_new_time()
    {
        var clock = browser.App.Services.GetRequiredService<ClinicClock>();
        // Agreed for 07:00 the day after tomorrow: before Priya's hours, so never one of the free slots offered.
        var agreedAt = clock.ToUtc(clock.ClinicNow.Date.AddDays(2).AddHours(7));
        var reference = await TestRequests.CreateAsync(browser.App, PatientLastName, arrange: async (lead, db) =>
        {
            var userId = await db.Users.Where(u => u.Email == DemoSeeder.ClinicianEmail).Select(u => u.Id).SingleAsync();
            var now = DateTime.UtcNow;
            lead.Assign(await db.StaffMembers.SingleAsync(s => s.UserId == userId), Actor.System, now.AddHours(-1));
            lead.Schedule(agreedAt, Actor.System, now.AddMinutes(-30));
        });
        await using var db = await TestRequests.NewDbAsync(browser.App);
        var leadId = await db.Leads.Where(l => l.Reference == reference).Select(l => l.Id).SingleAsync();
        // The link as the emails carry it; only its path is used, against this test's server.
        var link = browser.App.Services.GetRequiredService<ManageLinks>().CreateUrl(leadId, reference);
        var patient = await browser.NewPageAsync(o => o.JavaScriptEnabled = false);
        await patient.GotoAsync(new Uri(link).PathAndQuery);

        await Assertions.Expect(patient.GetByTestId("reference")).ToHaveTextAsync(reference);
        var pickedUtc = await ManagePages.PickFirstFreeSlotAsync(patient, "Move my call to this time");

        await Assertions.Expect(patient.GetByTestId("manage-done")).ToContainTextAsync("updated calendar invite");
        Assert.Equal(pickedUtc, (await db.Leads.AsNoTracking().SingleAsync(l => l.Reference == reference)).ScheduledCallAt);

        await ManagePages.ExpectOnPriyasCallsAtAsync(browser, $"Robin {PatientLastName}", pickedUtc);
    }

    [Fact]
    public async Task The_manage_page_with_its_new_actions_has_no_axe_findings()
    {
        var findings = new List<string>();
        // Assigned (the free slots) and not yet assigned (the best times to call).
        var assigned = await TestRequests.CreateAsync(browser.App, "Axeassigned", arrange: async (lead, db) =>
        {
            var userId = await db.Users.Where(u => u.Email == DemoSeeder.ClinicianEmail).Select(u => u.Id).SingleAsync();
            lead.Assign(await db.StaffMembers.SingleAsync(s => s.UserId == userId), Actor.System, DateTime.UtcNow.AddHours(-1));
        });
        var unassigned = await TestRequests.CreateAsync(browser.App, "Axeunassigned");
        foreach (var reference in new[] { assigned, unassigned })
        {
            await using var db = await TestRequests.NewDbAsync(browser.App);
            var leadId = await db.Leads.Where(l => l.Reference == reference).Select(l => l.Id).SingleAsync();
            var link = browser.App.Services.GetRequiredService<ManageLinks>().CreateUrl(leadId, reference);
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(link).PathAndQuery);
            await Assertions.Expect(page.GetByTestId("reference")).ToHaveTextAsync(reference);
            var result = await page.RunAxe();
            findings.AddRange(result.Violations.Select(v => $"{reference}: {v.Id} ({v.Impact}) {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Target))}"));
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
