using LeadManager.Data.Leads;
using LeadManager.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Scheduling;

/// <summary>Free call slots from the real database: the demo clinician's hours and site, and the calls already agreed.</summary>
public sealed class FreeCallSlotsQueryTests(FreeCallSlotsQueryTests.MondayMorningApp app) : IClassFixture<FreeCallSlotsQueryTests.MondayMorningApp>
{
    // Monday 23 November 2026, 07:00 in London (GMT, so clinic time is UTC): Priya starts at 8.
    private static readonly DateTime Monday = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    public sealed class MondayMorningApp() : TestApp("Testing", null, services: services => services.Replace(
        ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Monday.AddHours(7))))));

    [Fact]
    public async Task A_call_agreed_with_the_clinician_removes_its_slot_from_the_free_slots()
    {
        var reception = await PrincipalAsync(app, Reception);
        var lead = await CreateLeadAsync(app, arrange: (l, db) =>
        {
            l.PreferredSiteId = db.Sites.Single(s => s.Name == "Riverside").Id;
            l.PreferredCallTimes = PreferredCallTimes.Mornings | PreferredCallTimes.Weekdays;
            l.Assign(Staff(db, ClinicianA), Actor.System, Monday.AddDays(-1));
        }, lastName: "Needs-a-time");
        var eightThirty = Monday.AddHours(8.5);

        var before = await SlotsAsync(q => q.ForLeadAsync(reception, lead.Id));

        Assert.Equal(Monday.AddHours(8), before[0].StartUtc);
        Assert.Contains(before, s => s.StartUtc == eightThirty && s.Start == eightThirty && s.MatchesPreferredTimes);

        await CreateLeadAsync(app, arrange: (l, db) =>
        {
            l.Assign(Staff(db, ClinicianA), Actor.System, Monday.AddDays(-1));
            l.Schedule(eightThirty, Actor.System, Monday.AddHours(6));
        }, lastName: "Booked-at-half-eight");

        var after = await SlotsAsync(q => q.ForLeadAsync(reception, lead.Id));

        Assert.DoesNotContain(after, s => s.StartUtc == eightThirty);
        Assert.Contains(after, s => s.StartUtc == Monday.AddHours(8.25));
        Assert.Contains(after, s => s.StartUtc == Monday.AddHours(8.75));
        Assert.All(after, s => Assert.InRange(s.Start.TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(15.75)));
    }

    private async Task<IReadOnlyList<FreeCallSlot>> SlotsAsync(Func<FreeCallSlotsQuery, Task<IReadOnlyList<FreeCallSlot>>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<FreeCallSlotsQuery>());
    }
}
