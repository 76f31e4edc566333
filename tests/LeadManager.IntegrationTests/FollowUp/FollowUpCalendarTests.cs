using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// Escalations in business time on the demo clinic's real calendar (Riverside: Monday to Friday
/// 08:00–20:00, England and Wales bank holidays), from a request sent through the intake API on
/// a fake clock: a Friday evening before the August bank holiday, and both clock changes.
/// </summary>
public sealed class FollowUpCalendarTests(FollowUpCalendarTests.ClockedApp app) : IClassFixture<FollowUpCalendarTests.ClockedApp>
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Friday 28 August 2026, 19:55 in London (BST); Monday 31 August is the summer bank holiday.
    private static readonly DateTime FridayEvening = Local(2026, 8, 28, 19, 55);

    public sealed class ClockedApp() : TestApp(
        "Testing",
        new Dictionary<string, string?> { ["FollowUp:ProcessJobs"] = "false", ["Intake:MinimumFillSeconds"] = "0" },
        services: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)))
    {
        public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(FridayEvening, TimeSpan.Zero));
    }

    private static DateTime Now => ClockedApp.Clock.GetUtcNow().UtcDateTime;

    private static DateTime Local(int year, int month, int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), London);

    [Fact]
    public async Task A_request_on_the_Friday_evening_before_a_bank_holiday_escalates_ten_minutes_after_Tuesday_s_opening()
    {
        var reference = await OutboxEmailTests.SubmitAsync(app, "friday.evening@example.com");
        await using (var db = await NewDbAsync(app))
        {
            var lead = await db.Leads.SingleAsync(l => l.Reference == reference);
            var riverside = await db.Sites.SingleAsync(s => s.Name == "Riverside");
            // The API request named no site: count in Riverside's hours, as a receptionist would pick it.
            Assert.Null(lead.PreferredSiteId);
            var step = await db.FollowUps.SingleAsync(f => f.LeadId == lead.Id && f.Kind == FollowUpKinds.AssignOverdue);
            // 5 minutes on Friday; Saturday morning only Town Centre opens (09:00–13:00), so with no
            // preferred site the other 10 are counted there.
            Assert.Equal(Local(2026, 8, 29, 9, 10), step.DueAt);
        }

        ClockedApp.Clock.SetUtcNow(new DateTimeOffset(Local(2026, 8, 29, 9, 9), TimeSpan.Zero));
        Assert.Equal(0, await RunDueStepsAsync());
        ClockedApp.Clock.SetUtcNow(new DateTimeOffset(Local(2026, 8, 29, 9, 11), TimeSpan.Zero));
        Assert.Equal(1, await RunDueStepsAsync());

        await using var check = await NewDbAsync(app);
        var escalation = await check.OutboundEmails.SingleAsync(e => e.Lead!.Reference == reference && e.Kind == FollowUpKinds.AssignOverdue);
        Assert.Equal("reception@clinic.test", escalation.Recipient);
    }

    [Fact]
    public async Task At_a_site_shut_all_bank_holiday_weekend_the_escalation_waits_for_Tuesday()
    {
        var calendars = await CalendarsAsync();
        await using var db = await NewDbAsync(app);
        var riverside = await db.Sites.SingleAsync(s => s.Name == "Riverside");
        var lead = ArrivedAt(FridayEvening, riverside.Id);

        var step = FollowUpPlanner.Reconcile(lead, [], calendars, FridayEvening).Single(s => s.Kind == FollowUpKinds.AssignOverdue);

        Assert.Equal(Local(2026, 9, 1, 8, 10), step.DueAt);
    }

    [Theory]
    [InlineData(2026, 3, 27, 2026, 3, 30)] // Friday before the clocks go forward (Sunday 29 March)
    [InlineData(2026, 10, 23, 2026, 10, 26)] // Friday before the clocks go back (Sunday 25 October)
    public async Task Across_a_clock_change_an_assigned_request_escalates_at_half_past_eight_on_Monday_clinic_time(int y, int m, int d, int my, int mm, int md)
    {
        var calendars = await CalendarsAsync();
        await using var db = await NewDbAsync(app);
        var riverside = await db.Sites.SingleAsync(s => s.Name == "Riverside");
        var assignedAt = Local(y, m, d, 19, 30);
        var lead = ArrivedAt(assignedAt, riverside.Id);
        lead.Assign(Staff(db, ClinicianA), Actor.System, assignedAt);

        var step = FollowUpPlanner.Reconcile(lead, [], calendars, assignedAt).Single(s => s.Kind == FollowUpKinds.FirstContactOverdue);

        // 30 minutes on Friday evening, 30 after Monday's 08:00 opening, in the clock time of Monday.
        Assert.Equal(Local(my, mm, md, 8, 30), step.DueAt);
        Assert.Equal(new TimeOnly(8, 30), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(step.DueAt, London)));
    }

    [Fact]
    public async Task An_agreed_call_missed_across_the_spring_clock_change_escalates_fifteen_clock_minutes_after_it()
    {
        var calendars = await CalendarsAsync();
        await using var db = await NewDbAsync(app);
        var riverside = await db.Sites.SingleAsync(s => s.Name == "Riverside");
        var saturday = Local(2026, 3, 28, 10, 0);
        var lead = ArrivedAt(saturday, riverside.Id);
        lead.Assign(Staff(db, ClinicianA), Actor.System, saturday);
        // 09:00 on Monday 30 March is 08:00 UTC (BST).
        lead.Schedule(Local(2026, 3, 30, 9, 0), Actor.System, saturday);

        var step = FollowUpPlanner.Reconcile(lead, [], calendars, saturday).Single(s => s.Kind == FollowUpKinds.MissedCall);

        Assert.Equal(new DateTime(2026, 3, 30, 8, 15, 0, DateTimeKind.Utc), step.DueAt);
    }

    private static Lead ArrivedAt(DateTime utc, int siteId)
    {
        var lead = Lead.Create(LeadReference.New(), LeadChannel.Form, TriageLevel.Routine, Actor.Patient, utc);
        lead.PreferredSiteId = siteId;
        return lead;
    }

    private async Task<WorkflowTargets.Calendars> CalendarsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowTargets>().CalendarsAsync();
    }

    private async Task<int> RunDueStepsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await NewDbAsync(app);
        var due = await db.FollowUps.AsNoTracking()
            .Where(FollowUpStepJob.Claimable(Now, Now))
            .Where(f => f.Kind == FollowUpKinds.AssignOverdue && f.Lead!.Email == "friday.evening@example.com")
            .Select(f => f.Id).ToListAsync();
        return due.Count == 0 ? 0 : await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunManyAsync([.. due], CancellationToken.None);
    }
}
