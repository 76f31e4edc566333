using System.Globalization;
using LeadManager.Data.Audit;
using LeadManager.Data.Sites;
using LeadManager.Web.Features.Admin.Sites;
using Microsoft.EntityFrameworkCore;
using static LeadManager.IntegrationTests.Admin.Sites.SiteTestData;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>Every change on the sites page is in the audit trail: who, what, from and to, as a person reads them. An app of its own: it starts from the demo sites.</summary>
public sealed class SiteAuditTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Every_change_is_audited_as_a_person_reads_it_and_a_save_that_changes_nothing_writes_nothing()
    {
        var grace = await AdminAsync(app);
        int hannah;
        await using (var staff = await DbAsync(app))
        {
            hannah = await staff.StaffMembers.Where(s => s.DisplayName == "Hannah Lewis").Select(s => s.Id).SingleAsync();
        }

        var riverside = (await SiteIdAsync(app, "Riverside")).ToString(CultureInfo.InvariantCulture);
        await ChangeAsync(app, "Riverside", f =>
        {
            f.Name = "Riverside Clinic";
            Day(f, DayOfWeek.Saturday).IsOpen = true;
            Day(f, DayOfWeek.Saturday).Opens = new TimeOnly(9, 0);
            Day(f, DayOfWeek.Saturday).Closes = new TimeOnly(12, 30);
            f.BankHolidayRegion = BankHolidayRegion.Scotland;
            f.DutyClinicianId = hannah;
        }, grace);
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        Assert.True((await AddClosureAsync(app, grace, "Riverside Clinic", new ClosureForm { FirstDay = first, LastDay = first.AddDays(2), Reason = "Refurbishment" })).Succeeded);
        await ChangeAsync(app, "Riverside Clinic", f => f.Name = "Riverside", grace);
        var unchanged = await StateAsync(app, "Riverside");
        await ChangeAsync(app, "Riverside", _ => { }, grace);

        Assert.Equal(unchanged, await StateAsync(app, "Riverside"));
        await using var db = await DbAsync(app);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Area == AuditAreas.Site).OrderBy(e => e.Id).ToListAsync();
        var changed = entries.Where(e => e.Action == "Changed").ToDictionary(e => (e.Field, e.To));
        Assert.Equal("Riverside", changed[("Name", "Riverside Clinic")].From);
        Assert.Equal("Riverside Clinic", changed[("Name", "Riverside")].From);
        Assert.Equal("Mon–Fri 08:00–20:00", changed[("Opening hours", "Mon–Fri 08:00–20:00, Sat 09:00–12:30")].From);
        Assert.Equal("England and Wales", changed[("Bank holidays", "Scotland")].From);
        Assert.Equal(SiteRules.NoDutyClinician, changed[("Duty clinician", "Hannah Lewis")].From);
        Assert.Contains(changed.Keys, k => k == ("Phone", "020 7946 0001"));
        Assert.Equal(6, changed.Count);
        var closure = Assert.Single(entries, e => e.Action == "Closure added");
        Assert.Equal("Closure", closure.Field);
        Assert.Equal($"{SiteRules.Days(first, first.AddDays(2))}: Refurbishment", closure.To);
        Assert.All(entries, e => Assert.Equal("Grace Bennett", e.ActorName));
        Assert.All(entries, e => Assert.Equal(riverside, e.SubjectId));
    }
}
