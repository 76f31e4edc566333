using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The step engine on the real app and a real SQLite file, with a fake clock and no job server:
/// the test moves the clock and runs what the sweep would, so every step runs exactly when and
/// as often as the test says. Each test counts from the clock as it finds it (tests share one
/// app and one clock that only goes forward) and from the due times the planner wrote.
/// </summary>
public sealed class FollowUpStepTests(FollowUpStepTests.ClockedApp app) : IClassFixture<FollowUpStepTests.ClockedApp>
{
    // Tuesday 1 September 2026, 09:00 in London: both demo sites are open.
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    public sealed class ClockedApp() : TestApp(
        "Testing",
        new Dictionary<string, string?> { ["FollowUp:ProcessJobs"] = "false" },
        services: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)))
    {
        public static FakeTimeProvider Clock { get; } = new(TuesdayMorning);
    }

    private static FakeTimeProvider Clock => ClockedApp.Clock;

    private static DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task A_reassigned_request_re_arms_its_escalation_and_the_old_step_is_skipped_with_its_reason()
    {
        var lead = await CreateNowAsync("Rearmed");
        await ActAsync((actions, reception) => actions.AssignAsync(reception, lead.Id, lead.Version, ClinicianIdAsync(ClinicianA).Result));
        var first = await PendingAsync(lead.Id, FollowUpKinds.FirstContactOverdue);
        MoveTo(first.DueAt.AddMinutes(-20));

        var version = (await ReadAsync(app, lead.Id)).Version;
        await ActAsync((actions, reception) => actions.AssignAsync(reception, lead.Id, version, ClinicianIdAsync(ClinicianB).Result));

        var second = await PendingAsync(lead.Id, FollowUpKinds.FirstContactOverdue);
        var old = await StepAsync(first.Id);
        Assert.Equal(FollowUpStatus.Skipped, old.Status);
        Assert.Contains("moved on", old.SkipReason, StringComparison.Ordinal);
        Assert.True(second.DueAt > first.DueAt);

        // At the old time nothing goes; at the new one the escalation does, once.
        MoveTo(first.DueAt.AddMinutes(1));
        await RunDueStepsAsync();
        Assert.Empty(await EscalationEmailsAsync(lead.Id, FollowUpKinds.FirstContactOverdue));
        MoveTo(second.DueAt.AddMinutes(1));
        await RunDueStepsAsync();
        await RunDueStepsAsync();
        Assert.NotEmpty(await EscalationEmailsAsync(lead.Id, FollowUpKinds.FirstContactOverdue));
        Assert.Equal(FollowUpStatus.Done, (await StepAsync(second.Id)).Status);
        Assert.Single((await EscalationEmailsAsync(lead.Id, FollowUpKinds.FirstContactOverdue)).Select(e => e.FollowUpId).Distinct());
    }

    [Fact]
    public async Task A_review_escalation_fires_once_and_stops_when_the_review_is_recorded()
    {
        var lead = await CreateNowAsync("Reviewonce", TriageLevel.ReviewFirst);
        // Planned the way intake plans a new request.
        await PlanAsync(lead.Id);
        var review = await PendingAsync(lead.Id, FollowUpKinds.ReviewOverdue);
        MoveTo(review.DueAt.AddMinutes(1));
        var versionBefore = (await ReadAsync(app, lead.Id)).Version;

        await RunDueStepsAsync();
        await RunDueStepsAsync();
        MoveTo(Now.AddHours(3));
        await RunDueStepsAsync();

        var emails = await EscalationEmailsAsync(lead.Id, FollowUpKinds.ReviewOverdue);
        Assert.NotEmpty(emails);
        Assert.Single(emails.Select(e => e.FollowUpId).Distinct());
        var after = await ReadAsync(app, lead.Id);
        Assert.Equal(versionBefore, after.Version); // an escalation never turns an open dialog into a conflict
        Assert.Contains(after.Events, e => e.Kind == LeadEventKind.FollowUpRan && e.Details.Contains("clinical review", StringComparison.OrdinalIgnoreCase));

        var clinician = await PrincipalAsync(app, ClinicianA);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<LeadActions>()
                .RecordClinicalReviewAsync(clinician, lead.Id, after.Version, ClinicalReviewDecision.SafeToProceed, null);
            Assert.True(result.Succeeded, result.Message);
        }

        await using var db = await NewDbAsync(app);
        Assert.False(await db.FollowUps.AnyAsync(f => f.LeadId == lead.Id && f.Status == FollowUpStatus.Pending
            && (f.Kind == FollowUpKinds.ReviewOverdue || f.Kind == FollowUpKinds.EmergencyAnnouncement)));
    }

    [Fact]
    public async Task A_step_whose_request_closed_meanwhile_sends_nothing_and_says_why()
    {
        var lead = await CreateNowAsync("Closedmeanwhile");
        await PlanAsync(lead.Id);
        var step = await PendingAsync(lead.Id, FollowUpKinds.AssignOverdue);
        // Closed by a path that did not plan (as a change on another server that has not been planned yet would look).
        await using (var db = await NewDbAsync(app))
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            tracked.MarkSpam(Actor.System, Now);
            await db.SaveChangesAsync();
        }

        MoveTo(step.DueAt.AddMinutes(1));
        await RunDueStepsAsync();

        var skipped = await StepAsync(step.Id);
        Assert.Equal(FollowUpStatus.Skipped, skipped.Status);
        Assert.Equal("The request was closed before this was due.", skipped.SkipReason);
        Assert.Empty(await EscalationEmailsAsync(lead.Id, FollowUpKinds.AssignOverdue));
        Assert.Contains((await ReadAsync(app, lead.Id)).Events, e => e.Kind == LeadEventKind.FollowUpSkipped);
    }

    [Fact]
    public async Task The_same_step_run_twice_at_once_writes_its_emails_once()
    {
        var lead = await CreateNowAsync("Twiceatonce");
        await PlanAsync(lead.Id);
        var step = await PendingAsync(lead.Id, FollowUpKinds.AssignOverdue);
        MoveTo(step.DueAt.AddMinutes(1));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunAsync(step.Id, CancellationToken.None);
        })));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunAsync(step.Id, CancellationToken.None);
        }

        var emails = await EscalationEmailsAsync(lead.Id, FollowUpKinds.AssignOverdue);
        Assert.Single(emails.Select(e => e.FollowUpId).Distinct());
        Assert.Equal(emails.Count, emails.Select(e => e.Recipient).Distinct().Count());
        Assert.Single((await ReadAsync(app, lead.Id)).Events, e => e.Kind == LeadEventKind.FollowUpRan);
    }

    [Fact]
    public async Task Reception_s_escalation_is_followed_by_the_manager_s_when_still_nobody_is_assigned()
    {
        var lead = await CreateNowAsync("Managertoo");
        await PlanAsync(lead.Id);
        var toReception = await PendingAsync(lead.Id, FollowUpKinds.AssignOverdue);
        MoveTo(toReception.DueAt.AddMinutes(1));
        await RunDueStepsAsync();

        var toManager = await PendingAsync(lead.Id, FollowUpKinds.AssignOverdueToManager);
        Assert.Equal(toReception.MadeFor, toManager.MadeFor);
        Assert.True(toManager.DueAt >= toReception.DueAt.AddHours(2));
        MoveTo(toManager.DueAt.AddMinutes(1));
        await RunDueStepsAsync();
        Assert.NotEmpty(await EscalationEmailsAsync(lead.Id, FollowUpKinds.AssignOverdueToManager));
    }

    // On the fake clock, as if the request had just arrived.
    private Task<Created> CreateNowAsync(string lastName, TriageLevel triage = TriageLevel.Routine) =>
        CreateLeadAtAsync(app, Now, triage, lastName: lastName);

    private static void MoveTo(DateTime utc)
    {
        if (utc > Now)
        {
            Clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));
        }
    }

    private async Task<int> ClinicianIdAsync(string email) => (await StaffAsync(app, email)).Id;

    private async Task ActAsync(Func<LeadActions, System.Security.Claims.ClaimsPrincipal, Task<LeadActionResult>> act)
    {
        var reception = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await act(scope.ServiceProvider.GetRequiredService<LeadActions>(), reception);
        Assert.True(result.Succeeded, result.Message);
    }

    // CreateLeadAsync writes the request straight to the database; plan it as intake would.
    private async Task PlanAsync(int leadId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await NewDbAsync(app);
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        await scope.ServiceProvider.GetRequiredService<FollowUpPlanner>().PlanAsync(db, lead, Now, null, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private async Task RunDueStepsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await NewDbAsync(app);
        var due = await db.FollowUps.AsNoTracking().Where(FollowUpStepJob.Claimable(Now, Now)).Select(f => f.Id).ToListAsync();
        foreach (var chunk in due.Chunk(FollowUpStepJob.StepsPerJob))
        {
            await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunManyAsync(chunk, CancellationToken.None);
        }
    }

    private async Task<Data.Outbox.FollowUp> PendingAsync(int leadId, string kind)
    {
        await using var db = await NewDbAsync(app);
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.LeadId == leadId && f.Kind == kind && f.Status == FollowUpStatus.Pending);
    }

    private async Task<Data.Outbox.FollowUp> StepAsync(long id)
    {
        await using var db = await NewDbAsync(app);
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    private async Task<List<OutboundEmail>> EscalationEmailsAsync(int leadId, string kind)
    {
        await using var db = await NewDbAsync(app);
        return await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == leadId && e.Kind == kind).ToListAsync();
    }
}
