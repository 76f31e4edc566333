using System.Collections.Concurrent;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.Admin.Sites;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using LeadManager.Web.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Admin.Sites.SiteTestData;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>
/// A site's change reaches the timers, the expected call time, the free slots, the planned
/// escalations and the request form at once. The clock is fake and never moves in these tests,
/// so the one-minute caches (ActiveSites, WorkflowTargets) could only show the change by being
/// told of it: waiting a minute out is not possible here.
/// </summary>
public sealed class SiteChangesApplyAtOnceTests
{
    // Monday 8 March 2027, 10:00 in London (GMT): Riverside is open 08:00–20:00, Priya works there 08:00–16:00.
    private static readonly DateTime Monday10 = StaffEmailTestData.Utc(new DateTime(2027, 3, 8, 10, 0, 0));
    private static readonly DateTime Tuesday0815 = StaffEmailTestData.Utc(new DateTime(2027, 3, 9, 8, 15, 0));

    private static readonly Dictionary<string, string?> Polling = new()
    {
        ["FollowUp:ProcessJobs"] = "false",
        ["LiveUpdates:Mode"] = "DatabasePolling",
        ["LiveUpdates:PollIntervalMilliseconds"] = "100",
    };

    [Fact]
    public async Task A_closure_for_today_moves_the_timers_the_expected_call_time_the_free_slots_and_the_planned_escalation_at_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Monday10, TimeSpan.Zero));
        await using var app = StaffEmailTestData.App(clock);
        var admin = await AdminAsync(app);
        var reception = await LeadTestData.PrincipalAsync(app, LeadTestData.Reception);
        var riverside = await SiteIdAsync(app, "Riverside");
        var priya = (await LeadTestData.StaffAsync(app, LeadTestData.ClinicianA)).Id;
        var lead = await LeadTestData.CreateLeadAtAsync(app, Monday10, siteId: riverside);
        await PlanAsync(app, lead.Id, Monday10);
        await using var scope = app.Services.CreateAsyncScope();
        var targets = scope.ServiceProvider.GetRequiredService<WorkflowTargets>();
        var expected = scope.ServiceProvider.GetRequiredService<ExpectedCallTime>();
        var slots = scope.ServiceProvider.GetRequiredService<FreeCallSlotsQuery>();
        var today = DateOnly.FromDateTime(new DateTime(2027, 3, 8));

        // Read once, so the caches hold today's hours.
        Assert.Equal(Monday10.AddMinutes(15), (await targets.CalendarsAsync()).TargetFor(LeadStatus.New, riverside, Monday10, null)!.DueUtc);
        Assert.Equal("today before 8pm", await expected.DescribeAsync(riverside, CancellationToken.None));
        Assert.Contains(await slots.ForClinicianAsync(reception, priya), s => DateOnly.FromDateTime(s.Start) == today);
        Assert.Equal(Monday10.AddMinutes(15), (await AssignOverdueAsync(app, lead.Id)).DueAt);

        Assert.True((await AddClosureAsync(app, admin, "Riverside", new ClosureForm { FirstDay = today, Reason = "Burst pipe" })).Succeeded);

        Assert.Equal(Monday10, clock.GetUtcNow().UtcDateTime);
        Assert.Equal(Tuesday0815, (await targets.CalendarsAsync()).TargetFor(LeadStatus.New, riverside, Monday10, null)!.DueUtc);
        Assert.Equal("tomorrow morning", await expected.DescribeAsync(riverside, CancellationToken.None));
        Assert.DoesNotContain(await slots.ForClinicianAsync(reception, priya), s => DateOnly.FromDateTime(s.Start) == today);
        Assert.Equal(Tuesday0815, (await AssignOverdueAsync(app, lead.Id)).DueAt);
    }

    [Fact]
    public async Task New_and_deactivated_sites_are_on_and_off_the_request_form_at_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Monday10, TimeSpan.Zero));
        await using var app = StaffEmailTestData.App(clock);
        var admin = await AdminAsync(app);
        var active = app.Services.GetRequiredService<ActiveSites>();
        Assert.Contains("Town Centre", await active.GetNamesAsync(CancellationToken.None));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var harbour = new SiteForm { Name = "Harbour", Address = "1 Quay Street\nPortside PS1 1AA", Phone = Phone };
            Assert.True((await scope.ServiceProvider.GetRequiredService<SiteAdministration>().CreateAsync(admin, harbour)).Succeeded);
        }

        await ChangeAsync(app, "Town Centre", f =>
        {
            f.IsActive = false;
            f.OpenRequests = new OpenRequestsChoice(null);
        });

        Assert.Equal(["Harbour", "Riverside"], await active.GetNamesAsync(CancellationToken.None));
        var form = await app.CreateClient().GetStringAsync("/request");
        Assert.Contains("<option value=\"Harbour\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Town Centre", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_several_servers_polling_the_database_the_other_server_takes_a_site_change_at_once_too()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Monday10, TimeSpan.Zero));
        void Clock(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        await using var first = new TestApp("Testing", Polling, services: Clock);
        _ = first.Services; // migrated and seeded before the second server opens the file
        await using var second = new TestApp("Testing", Polling, first.Directory, Clock);
        var riverside = await SiteIdAsync(first, "Riverside");
        var elsewhere = second.Services.GetRequiredService<WorkflowTargets>();
        var elsewhereSites = second.Services.GetRequiredService<ActiveSites>();
        var heard = new ConcurrentQueue<LeadChange>();
        using var page = second.Services.GetRequiredService<ILeadChangeNotifier>().Subscribe(change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        Assert.NotNull((await elsewhere.CalendarsAsync()).For(riverside).HoursOn(new DateOnly(2027, 3, 8)));
        Assert.Contains("Riverside", await elsewhereSites.GetNamesAsync(CancellationToken.None));

        var admin = await AdminAsync(first);
        Assert.True((await AddClosureAsync(first, admin, "Riverside", new ClosureForm { FirstDay = new DateOnly(2027, 3, 8), Reason = "Burst pipe" })).Succeeded);
        await ChangeAsync(first, "Riverside", f =>
        {
            f.IsActive = false;
            f.OpenRequests = new OpenRequestsChoice(null);
        });

        await Eventually.TrueAsync(() => heard.Count(c => c.IsClinicSetup) >= 2, "The other server's pages hearing both changes to the clinic's setup");
        Assert.Null((await elsewhere.CalendarsAsync()).For(riverside).HoursOn(new DateOnly(2027, 3, 8)));
        Assert.DoesNotContain("Riverside", await elsewhereSites.GetNamesAsync(CancellationToken.None));
    }

    private static async Task<Data.Outbox.FollowUp> AssignOverdueAsync(TestApp app, int leadId)
    {
        await using var db = await DbAsync(app);
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.LeadId == leadId && f.Kind == FollowUpKinds.AssignOverdue && f.Status == FollowUpStatus.Pending);
    }
}
