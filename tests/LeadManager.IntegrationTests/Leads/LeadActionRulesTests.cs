using System.Security.Claims;
using LeadManager.Data.Leads;
using LeadManager.Web.Features.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Leads;

/// <summary>
/// Every lead action × every staff role, through the real handler on a real database: the
/// allowed ones change the lead and add their timeline event; the others are refused and
/// change nothing. The expected table is written out here, not read from the rules.
/// </summary>
public sealed class LeadActionRulesTests(TestApp app) : IClassFixture<TestApp>
{
    private const string ClinicianC = "clinician3@clinic.test";

    private sealed record Prepared(Created Lead, string? OtherReference = null, int OtherId = 0);

    private sealed record Case(
        LeadAction Action,
        string Name,
        string[] AllowedFor,
        TriageLevel Triage,
        Action<Lead, Data.LeadDbContext>? Arrange,
        Func<LeadActions, ClaimsPrincipal, Prepared, Task<LeadActionResult>> Act,
        LeadEventKind Event,
        Action<Lead> Effect);

    private static readonly string[] FrontDesk = [LeadTestData.Admin, Reception];
    private static readonly string[] FrontDeskAndAssigned = [LeadTestData.Admin, Reception, ClinicianA];
    private static readonly string[] AssignedOnly = [ClinicianA];
    private const string Anonymous = "anonymous";
    private static readonly string[] Everyone = [Anonymous, LeadTestData.Admin, Reception, ClinicianA, ClinicianB];

    private static DateTime Tomorrow(int hour) => DateTime.Today.AddDays(1).AddHours(hour);

    private static void AssignA(Lead lead, Data.LeadDbContext db) => lead.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow.AddMinutes(-20));

    private static void AssignAndSchedule(Lead lead, Data.LeadDbContext db)
    {
        AssignA(lead, db);
        lead.Schedule(DateTime.UtcNow.AddDays(2), Actor.System, DateTime.UtcNow.AddMinutes(-10));
    }

    private static readonly Case[] Cases =
    [
        new(LeadAction.Assign, "Assign", FrontDesk, TriageLevel.Routine, AssignA,
            async (actions, user, p) =>
            {
                await using var db = await NewDbAsync(TestAppHolder.App!);
                var c = Staff(db, ClinicianC);
                return await actions.AssignAsync(user, p.Lead.Id, p.Lead.Version, c.Id);
            },
            LeadEventKind.Assigned, lead => Assert.NotNull(lead.AssignedClinicianId)),
        new(LeadAction.Unassign, "Unassign", FrontDesk, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.UnassignAsync(user, p.Lead.Id, p.Lead.Version),
            LeadEventKind.Unassigned, lead => { Assert.Null(lead.AssignedClinicianId); Assert.Equal(LeadStatus.New, lead.Status); }),
        new(LeadAction.Schedule, "Schedule", FrontDeskAndAssigned, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.ScheduleAsync(user, p.Lead.Id, p.Lead.Version, Tomorrow(10)),
            LeadEventKind.Scheduled, lead => { Assert.Equal(LeadStatus.Scheduled, lead.Status); Assert.NotNull(lead.ScheduledCallAt); }),
        new(LeadAction.Reschedule, "Reschedule", FrontDeskAndAssigned, TriageLevel.Routine, AssignAndSchedule,
            (actions, user, p) => actions.RescheduleAsync(user, p.Lead.Id, p.Lead.Version, Tomorrow(15).AddDays(3)),
            LeadEventKind.Rescheduled, lead => Assert.Equal(2, lead.CalendarSequence)), // 1 when agreed, 2 when moved
        new(LeadAction.CancelCall, "CancelCall", FrontDeskAndAssigned, TriageLevel.Routine, AssignAndSchedule,
            (actions, user, p) => actions.CancelCallAsync(user, p.Lead.Id, p.Lead.Version),
            LeadEventKind.CallCancelled, lead => { Assert.Null(lead.ScheduledCallAt); Assert.Equal(LeadStatus.Assigned, lead.Status); }),
        new(LeadAction.RecordAttempt, "RecordAttempt", FrontDeskAndAssigned, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.RecordAttemptAsync(user, p.Lead.Id, p.Lead.Version, CallAttemptResult.LeftVoicemail, "Left a message"),
            LeadEventKind.AttemptRecorded, lead => { Assert.Equal(LeadStatus.Attempted, lead.Status); Assert.Equal("Left a message", Assert.Single(lead.CallAttempts).Note); }),
        new(LeadAction.RecordOutcome, "OutcomeBookedAssessment", FrontDeskAndAssigned, TriageLevel.Routine, AssignA,
            async (actions, user, p) =>
            {
                await using var db = await NewDbAsync(TestAppHolder.App!);
                var site = await db.Sites.FirstAsync();
                return await actions.RecordOutcomeAsync(user, p.Lead.Id, p.Lead.Version, CloseReason.BookedAssessment, new BookingInput(Tomorrow(9).AddDays(4), site.Id, "PX-1001"));
            },
            LeadEventKind.OutcomeRecorded, lead => { Assert.Equal(CloseReason.BookedAssessment, lead.CloseReason); Assert.Equal("PX-1001", Assert.Single(lead.AssessmentBookings).PracticeSystemReference); }),
        new(LeadAction.RecordOutcome, "OutcomeNotInterested", FrontDeskAndAssigned, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.RecordOutcomeAsync(user, p.Lead.Id, p.Lead.Version, CloseReason.NotInterested),
            LeadEventKind.OutcomeRecorded, lead => Assert.Equal(CloseReason.NotInterested, lead.CloseReason)),
        new(LeadAction.RecordOutcome, "OutcomeNotSuitable", AssignedOnly, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.RecordOutcomeAsync(user, p.Lead.Id, p.Lead.Version, CloseReason.NotSuitable),
            LeadEventKind.OutcomeRecorded, lead => Assert.Equal(CloseReason.NotSuitable, lead.CloseReason)),
        new(LeadAction.RecordOutcome, "OutcomeReferredElsewhere", AssignedOnly, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.RecordOutcomeAsync(user, p.Lead.Id, p.Lead.Version, CloseReason.ReferredElsewhere, referral: new ReferralDetails(ReferralDestination.GP, "GP to review")),
            LeadEventKind.OutcomeRecorded, lead => Assert.Equal(ReferralDestination.GP, Assert.Single(lead.Referrals).Destination)),
        new(LeadAction.RecordOutcome, "OutcomeNoResponse", AssignedOnly, TriageLevel.Routine, (lead, db) =>
            {
                AssignA(lead, db);
                lead.RecordAttempt(Staff(db, ClinicianA), CallAttemptResult.NoAnswer, null, Actor.System, DateTime.UtcNow.AddMinutes(-5));
            },
            (actions, user, p) => actions.RecordOutcomeAsync(user, p.Lead.Id, p.Lead.Version, CloseReason.NoResponse),
            LeadEventKind.OutcomeRecorded, lead => Assert.Equal(CloseReason.NoResponse, lead.CloseReason)),
        // Any clinician may review a red-flagged request nobody has reviewed yet.
        new(LeadAction.RecordClinicalReview, "ClinicalReview", [ClinicianA, ClinicianB], TriageLevel.ReviewFirst, AssignA,
            (actions, user, p) => actions.RecordClinicalReviewAsync(user, p.Lead.Id, p.Lead.Version, ClinicalReviewDecision.SafeToProceed, "Numbness is old and stable"),
            LeadEventKind.ClinicalReviewRecorded, lead => { Assert.NotNull(lead.ClinicallyReviewedAt); Assert.False(lead.NeedsClinicalReview); }),
        new(LeadAction.AddNote, "AddNote", FrontDeskAndAssigned, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.AddNoteAsync(user, p.Lead.Id, p.Lead.Version, "Prefers a call after 6pm"),
            LeadEventKind.NoteAdded, lead => Assert.Equal("Prefers a call after 6pm", Assert.Single(lead.Notes).Text)),
        new(LeadAction.MarkDuplicate, "MarkDuplicate", FrontDesk, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.MarkDuplicateAsync(user, p.Lead.Id, p.Lead.Version, p.OtherReference!),
            LeadEventKind.MarkedDuplicate, lead => { Assert.Equal(CloseReason.Duplicate, lead.CloseReason); Assert.NotNull(lead.MergedIntoLeadId); }),
        new(LeadAction.MarkSpam, "MarkSpam", FrontDesk, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.MarkSpamAsync(user, p.Lead.Id, p.Lead.Version),
            LeadEventKind.MarkedSpam, lead => Assert.Equal(CloseReason.Spam, lead.CloseReason)),
        new(LeadAction.Reopen, "Reopen", FrontDesk, TriageLevel.Routine, (lead, db) => { AssignA(lead, db); lead.MarkSpam(Actor.System, DateTime.UtcNow.AddMinutes(-1)); },
            (actions, user, p) => actions.ReopenAsync(user, p.Lead.Id, p.Lead.Version),
            LeadEventKind.Reopened, lead => Assert.Equal(LeadStatus.Assigned, lead.Status)),
        new(LeadAction.CancelForPatient, "CancelForPatient", FrontDesk, TriageLevel.Routine, AssignA,
            (actions, user, p) => actions.CancelForPatientAsync(user, p.Lead.Id, p.Lead.Version),
            LeadEventKind.CancelledByPatient, lead => Assert.Equal(CloseReason.CancelledByPatient, lead.CloseReason)),
        // Where, not a clinical judgement: front desk, like every non-clinical change (and how a deactivated site's requests move).
        new(LeadAction.MoveToSite, "MoveToSite", FrontDesk, TriageLevel.Routine, AssignA,
            async (actions, user, p) =>
            {
                await using var db = await NewDbAsync(TestAppHolder.App!);
                var site = await db.Sites.Where(s => s.IsActive).OrderBy(s => s.Id).FirstAsync();
                return await actions.MoveToSiteAsync(user, p.Lead.Id, p.Lead.Version, site.Id);
            },
            LeadEventKind.SiteChanged, lead => Assert.NotNull(lead.PreferredSiteId)),
    ];

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Cases)
        {
            foreach (var who in Everyone)
            {
                data.Add(c.Name, who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_action_is_done_only_by_the_roles_allowed_to_and_changes_nothing_otherwise(string action, string who)
    {
        TestAppHolder.App = app;
        var c = Cases.Single(x => x.Name == action);
        var other = action == "MarkDuplicate" ? await CreateLeadAsync(app, lastName: "Original") : null;
        var lead = await CreateLeadAsync(app, c.Triage, c.Arrange);
        var before = await ReadAsync(app, lead.Id);
        var user = who == Anonymous ? new ClaimsPrincipal(new ClaimsIdentity()) : await PrincipalAsync(app, who);

        await using var scope = app.Services.CreateAsyncScope();
        var result = await c.Act(scope.ServiceProvider.GetRequiredService<LeadActions>(), user, new Prepared(lead, other?.Reference, other?.Id ?? 0));

        var after = await ReadAsync(app, lead.Id);
        if (c.AllowedFor.Contains(who))
        {
            Assert.True(result.Succeeded, $"{who} should be able to {action}: {result.Status} {result.Message}");
            Assert.Equal(before.Version + 1, after.Version);
            Assert.Equal(before.Events.Count(e => e.Kind == c.Event) + 1, after.Events.Count(e => e.Kind == c.Event));
            Assert.Contains(after.Events, e => e.Kind == c.Event && e.ActorKind == ActorKind.Staff && e.ActorStaffMemberId != null);
            c.Effect(after);
        }
        else
        {
            Assert.Equal(LeadActionStatus.Forbidden, result.Status);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.Events.Count, after.Events.Count);
            Assert.Equal(before.Status, after.Status);
        }
    }

    [Fact]
    public void Every_lead_action_has_rows_in_the_table()
    {
        // View is the opening table below; ExportCsv is the export table in PageAccessMatrixTests.
        var covered = Cases.Select(c => c.Action).Append(LeadAction.View).Append(LeadAction.ExportCsv).ToHashSet();

        var missing = Enum.GetValues<LeadAction>().Except(covered).ToList();

        Assert.True(missing.Count == 0, $"No expected rule for: {string.Join(", ", missing)}");
    }

    public static TheoryData<string, TriageLevel, bool, bool> Views() => new()
    {
        { Anonymous, TriageLevel.Routine, false, false },
        // who, triage, reviewed already, may open
        { LeadTestData.Admin, TriageLevel.Routine, false, true },
        { Reception, TriageLevel.Routine, false, true },
        { ClinicianA, TriageLevel.Routine, false, true },
        { ClinicianB, TriageLevel.Routine, false, false },
        { ClinicianB, TriageLevel.ReviewFirst, false, true },
        { ClinicianB, TriageLevel.Emergency, false, true },
        { ClinicianB, TriageLevel.ReviewFirst, true, false },
        { ClinicianA, TriageLevel.ReviewFirst, true, true },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Opening_a_lead_is_allowed_by_the_same_rules_and_each_opening_is_access_logged(string who, TriageLevel triage, bool reviewed, bool mayOpen)
    {
        var lead = await CreateLeadAsync(app, triage, (l, db) =>
        {
            AssignA(l, db);
            if (reviewed)
            {
                l.RecordClinicalReview(Staff(db, ClinicianA), ClinicalReviewDecision.SafeToProceed, null, Actor.System, DateTime.UtcNow.AddMinutes(-1));
            }
        });
        var user = who == Anonymous ? new ClaimsPrincipal(new ClaimsIdentity()) : await PrincipalAsync(app, who);
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<LeadDetailsQuery>();

        var (status, view) = await query.LoadAsync(user, lead.Reference.ToLowerInvariant(), logAccess: true);
        await query.LoadAsync(user, lead.Reference, logAccess: false);

        await using var db = await NewDbAsync(app);
        var logs = await db.LeadAccessLogs.Where(l => l.LeadId == lead.Id).ToListAsync();
        if (mayOpen)
        {
            Assert.Equal(LeadViewStatus.Found, status);
            Assert.Equal(lead.Reference, view!.Lead.Reference);
            var log = Assert.Single(logs);
            Assert.Equal((await StaffAsync(app, who)).Id, log.StaffMemberId);
            Assert.Equal("lead page", log.What);
        }
        else
        {
            Assert.Equal(LeadViewStatus.Forbidden, status);
            Assert.Null(view);
            Assert.Empty(logs);
        }
    }

    [Fact]
    public async Task A_refused_action_says_why_and_changes_nothing()
    {
        var lead = await CreateLeadAsync(app);
        var user = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<LeadActions>();

        var result = await actions.ScheduleAsync(user, lead.Id, lead.Version, Tomorrow(10));

        Assert.Equal(LeadActionStatus.Refused, result.Status);
        Assert.Equal("Assign a clinician before agreeing a call time.", result.Message);
        Assert.Equal(lead.Version, (await ReadAsync(app, lead.Id)).Version);
    }

    [Fact]
    public async Task Closing_a_lead_stops_its_pending_follow_ups_in_the_same_save()
    {
        var lead = await CreateLeadAsync(app, arrange: AssignA);
        await using (var db = await NewDbAsync(app))
        {
            db.FollowUps.Add(new Data.Outbox.FollowUp { LeadId = lead.Id, Kind = "reminder", DueAt = DateTime.UtcNow.AddHours(1), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<LeadActions>().MarkSpamAsync(await PrincipalAsync(app, Reception), lead.Id, lead.Version);

        Assert.True(result.Succeeded);
        await using var check = await NewDbAsync(app);
        Assert.Equal(Data.Outbox.FollowUpStatus.Cancelled, (await check.FollowUps.SingleAsync(f => f.LeadId == lead.Id)).Status);
    }

    /// <summary>The cases are static (for MemberData); the ones that need the app's database find it here.</summary>
    private static class TestAppHolder
    {
        public static TestApp? App { get; set; }
    }
}
