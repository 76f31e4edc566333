using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Sites;
using LeadManager.Tests.TestSupport;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Scheduling;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Tests.FollowUp;

/// <summary>
/// Every kind of timeline event walked through the planner, as production calls it after each
/// change: which steps are pending afterwards, which were voided and why. A new event kind
/// fails <see cref="Every_event_kind_has_a_case"/> until it has one here.
/// </summary>
public sealed class FollowUpPlannerTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Thursday 26 November 2026, 09:00 UTC (09:00 in London); the site is open every day 08:00–20:00.
    private static readonly DateTime Start = TestClock.Now;

    private static readonly WorkflowTargets.Calendars Calendars = CalendarsFor(new WorkflowOptions());

    public static TheoryData<LeadEventKind> EveryEventKind() => [.. Enum.GetValues<LeadEventKind>()];

    [Fact]
    public void Every_event_kind_has_a_case()
    {
        var missing = Enum.GetValues<LeadEventKind>().Where(kind => !Cases.ContainsKey(kind)).ToList();
        Assert.True(missing.Count == 0, $"No planner case for: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(EveryEventKind))]
    public void After_each_event_the_request_has_the_steps_its_new_state_needs(LeadEventKind kind)
    {
        var (walk, expectedPending, expectedVoided) = Cases[kind]();

        Assert.Equal(expectedPending.Order(), walk.Pending.Select(s => s.Kind).Order());
        Assert.Equal(expectedVoided.Order(), walk.VoidedByLastChange.Select(s => s.Kind).Order());
        Assert.All(walk.VoidedByLastChange, s => Assert.False(string.IsNullOrWhiteSpace(s.SkipReason)));
    }

    [Fact]
    public void A_reassigned_request_re_arms_its_first_contact_escalation_and_the_old_step_says_why()
    {
        var walk = Walk.Of(LeadBuilder.ANewLead().Build());
        walk.Do(l => l.Assign(StaffBuilder.Priya(), StaffBuilder.Reception, walk.Now));
        var first = walk.Pending.Single(s => s.Kind == FollowUpKinds.FirstContactOverdue);

        walk.Do(l => l.Assign(StaffBuilder.Tom(), StaffBuilder.Reception, walk.Now));

        var second = walk.Pending.Single(s => s.Kind == FollowUpKinds.FirstContactOverdue);
        Assert.Equal(FollowUpStatus.Skipped, first.Status);
        Assert.Contains("moved on", first.SkipReason, StringComparison.Ordinal);
        Assert.True(second.DueAt > first.DueAt);
        Assert.Equal(walk.Lead.StageStartedAt, second.MadeFor);
        // Priya is told it was taken away and Tom that he has it.
        Assert.Contains(walk.Steps, s => s.Kind == FollowUpKinds.ClinicianUnassigned && s.StaffMemberId == StaffBuilder.Priya().Id);
        Assert.Contains(walk.Steps, s => s.Kind == FollowUpKinds.ClinicianAssigned && s.StaffMemberId == StaffBuilder.Tom().Id);
    }

    [Fact]
    public void A_clinician_who_takes_a_request_is_not_emailed_about_it()
    {
        var walk = Walk.Of(LeadBuilder.ANewLead().Build());
        var priya = StaffBuilder.Priya();

        walk.Do(l => l.Assign(priya, Actor.Staff(priya.Id, priya.DisplayName), walk.Now), actingStaffMemberId: priya.Id);

        Assert.DoesNotContain(walk.Steps, s => s.Kind == FollowUpKinds.ClinicianAssigned);
    }

    [Fact]
    public void An_escalation_is_written_once_per_breach_however_often_the_request_is_planned_again()
    {
        var walk = Walk.Of(LeadBuilder.ANewLead().Build());
        var step = walk.Pending.Single();
        step.Status = FollowUpStatus.Done; // reception was told

        walk.Do(l => l.AddNote(3, "Rang, no answer from the number given", StaffBuilder.Reception, walk.Now));
        walk.Do(l => l.AddNote(3, "Tried again", StaffBuilder.Reception, walk.Now));

        Assert.Single(walk.Steps, s => s.Kind == FollowUpKinds.AssignOverdue);
        // Reception's escalation done, the manager's follows it, once.
        var manager = Assert.Single(walk.Steps, s => s.Kind == FollowUpKinds.AssignOverdueToManager);
        Assert.Equal(Calendars.For(null).Add(step.DueAt, TimeSpan.FromHours(2)), manager.DueAt);
    }

    [Fact]
    public void A_changed_timing_moves_a_pending_step_when_the_request_is_planned_again()
    {
        var walk = Walk.Of(LeadBuilder.ANewLead().Build());
        var step = walk.Pending.Single();
        var slower = CalendarsFor(new WorkflowOptions { AssignWithin = TimeSpan.FromMinutes(45) });

        FollowUpPlanner.Reconcile(walk.Lead, walk.Steps, slower, walk.Now);

        Assert.Equal(Start.AddMinutes(45), step.DueAt);
        Assert.Equal(FollowUpStatus.Pending, step.Status);
    }

    [Fact]
    public void An_emergency_is_announced_at_the_next_opening_and_its_review_escalates_an_hour_of_opening_later()
    {
        // 21:30 on Thursday: the site opens again at 08:00 on Friday.
        var evening = new DateTime(2026, 11, 26, 21, 30, 0, DateTimeKind.Utc);
        var lead = Lead.Create("DC-EMRG01", LeadChannel.Form, TriageLevel.Emergency, Actor.Patient, evening);

        var steps = FollowUpPlanner.Reconcile(lead, [], Calendars, evening);

        var fridayEight = new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(fridayEight, steps.Single(s => s.Kind == FollowUpKinds.EmergencyAnnouncement).DueAt);
        Assert.Equal(fridayEight.AddHours(1), steps.Single(s => s.Kind == FollowUpKinds.ReviewOverdue).DueAt);
    }

    [Fact]
    public void A_due_step_whose_request_closed_meanwhile_no_longer_applies()
    {
        var walk = Walk.Of(LeadBuilder.ANewLead().Build());
        var step = walk.Pending.Single();
        walk.Lead.MarkSpam(StaffBuilder.Reception, walk.Now);

        Assert.Equal("The request was closed before this was due.", FollowUpPlanner.WhyNot(step, walk.Lead, walk.Steps, Calendars, walk.Now));
    }

    private static readonly Dictionary<LeadEventKind, Func<(Walk Walk, string[] Pending, string[] Voided)>> Cases = new()
    {
        [LeadEventKind.Created] = () =>
        {
            var walk = Walk.Of(Lead.Create("DC-7K3P9Q", LeadChannel.Form, TriageLevel.Emergency, Actor.Patient, Start));
            return (walk, [FollowUpKinds.AssignOverdue, FollowUpKinds.EmergencyAnnouncement, FollowUpKinds.ReviewOverdue], []);
        },
        [LeadEventKind.Assigned] = () =>
        {
            var walk = Walk.Of(LeadBuilder.ANewLead().Build());
            walk.Do(l => l.Assign(StaffBuilder.Priya(), StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.FirstContactOverdue, FollowUpKinds.ClinicianAssigned], [FollowUpKinds.AssignOverdue]);
        },
        [LeadEventKind.Unassigned] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Assigned).Build());
            walk.Do(l => l.Unassign(StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.AssignOverdue, FollowUpKinds.ClinicianUnassigned], [FollowUpKinds.FirstContactOverdue]);
        },
        [LeadEventKind.Scheduled] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Assigned).Build());
            walk.Do(l => l.Schedule(TestClock.AgreedCallAt, StaffBuilder.Reception, walk.Now));
            // The patient's and the clinician's invites, the patient's reminder.
            return (walk, [FollowUpKinds.MissedCall, FollowUpKinds.CallInvite, FollowUpKinds.CallInvite, FollowUpKinds.CallReminder], [FollowUpKinds.FirstContactOverdue]);
        },
        [LeadEventKind.Rescheduled] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Scheduled).Build());
            walk.Do(l => l.Reschedule(TestClock.OtherCallAt, StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.MissedCall, FollowUpKinds.CallInvite, FollowUpKinds.CallInvite, FollowUpKinds.CallReminder], [FollowUpKinds.MissedCall, FollowUpKinds.CallInvite, FollowUpKinds.CallInvite, FollowUpKinds.CallReminder]);
        },
        [LeadEventKind.CallCancelled] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Scheduled).Build());
            walk.Do(l => l.CancelCall(StaffBuilder.Reception, walk.Now));
            // The invites had not gone yet: nothing to take out of anyone's calendar.
            return (walk, [FollowUpKinds.FirstContactOverdue], [FollowUpKinds.MissedCall, FollowUpKinds.CallInvite, FollowUpKinds.CallInvite, FollowUpKinds.CallReminder]);
        },
        [LeadEventKind.AttemptRecorded] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Assigned).Build());
            walk.Do(l => l.RecordAttempt(StaffBuilder.Priya(), CallAttemptResult.NoAnswer, null, StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.RetryCallOverdue], [FollowUpKinds.FirstContactOverdue]);
        },
        [LeadEventKind.OutcomeRecorded] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Attempted).Build());
            walk.Do(l => l.RecordOutcome(CloseReason.NotInterested, StaffBuilder.Priya(), StaffBuilder.Reception, walk.Now));
            return (walk, [], [FollowUpKinds.RetryCallOverdue]);
        },
        [LeadEventKind.ClinicalReviewRecorded] = () =>
        {
            var walk = Walk.Of(LeadBuilder.ANewLead().WithTriage(TriageLevel.ReviewFirst).Build());
            walk.Do(l => l.RecordClinicalReview(StaffBuilder.Priya(), ClinicalReviewDecision.SafeToProceed, null, StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.AssignOverdue], [FollowUpKinds.ReviewOverdue]);
        },
        [LeadEventKind.MarkedDuplicate] = () =>
        {
            var original = LeadBuilder.ANewLead().WithReference("DC-ORIG01").Build();
            var walk = Walk.Of(LeadBuilder.ANewLead().Build());
            walk.Do(l => l.MarkDuplicateOf(original, StaffBuilder.Reception, walk.Now));
            return (walk, [], [FollowUpKinds.AssignOverdue]);
        },
        [LeadEventKind.DuplicateMergedIn] = () =>
        {
            // The original keeps its stage and its steps: a duplicate joining it moves nothing on.
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Assigned).Build());
            var duplicate = LeadBuilder.ANewLead().WithReference("DC-DUPE01").Build();
            walk.Do(l => duplicate.MarkDuplicateOf(l, StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.FirstContactOverdue], []);
        },
        [LeadEventKind.MarkedSpam] = () =>
        {
            var walk = Walk.Of(LeadBuilder.ANewLead().Build());
            walk.Do(l => l.MarkSpam(StaffBuilder.Reception, walk.Now));
            return (walk, [], [FollowUpKinds.AssignOverdue]);
        },
        [LeadEventKind.Reopened] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Closed).Build());
            walk.Do(l => l.Reopen(StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.AssignOverdue], []);
        },
        [LeadEventKind.CancelledByPatient] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Scheduled).Build());
            walk.Do(l => l.CancelByPatient(Actor.Patient, walk.Now));
            return (walk, [], [FollowUpKinds.MissedCall, FollowUpKinds.CallInvite, FollowUpKinds.CallInvite, FollowUpKinds.CallReminder]);
        },
        [LeadEventKind.NoteAdded] = () =>
        {
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Attempted).Build());
            walk.Do(l => l.AddNote(3, "Left a voicemail", StaffBuilder.Reception, walk.Now));
            return (walk, [FollowUpKinds.RetryCallOverdue], []);
        },
        [LeadEventKind.AskedAgain] = () =>
        {
            // Asked again with a new red flag: the raised triage needs a review, and it is timed.
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Assigned).Build());
            walk.Do(l => l.RecordRepeatRequest(LeadChannel.Form, TriageLevel.ReviewFirst, RedFlags.ConstantNightPain, null, Actor.Patient, walk.Now));
            return (walk, [FollowUpKinds.FirstContactOverdue, FollowUpKinds.ReviewOverdue], []);
        },
        [LeadEventKind.EmailSent] = EmailLine,
        [LeadEventKind.EmailRetrying] = EmailLine,
        [LeadEventKind.EmailFailed] = EmailLine,
        [LeadEventKind.EmailUncertain] = EmailLine,
        [LeadEventKind.FollowUpRan] = () =>
        {
            // Reception's escalation ran: planned again, the manager's is written.
            var walk = Walk.Of(LeadBuilder.ANewLead().Build());
            walk.Pending.Single().Status = FollowUpStatus.Done;
            walk.Do(_ => { });
            return (walk, [FollowUpKinds.AssignOverdueToManager], []);
        },
        [LeadEventKind.FollowUpSkipped] = () =>
        {
            // A skipped step is not written again for the same stage.
            var walk = Walk.Of(LeadBuilder.ANewLead().Build());
            var step = walk.Pending.Single();
            step.Status = FollowUpStatus.Skipped;
            step.SkipReason = "Not needed.";
            walk.Do(_ => { });
            return (walk, [], []);
        },
        [LeadEventKind.PreferredTimesChanged] = () =>
        {
            // When to call is not who calls: nobody has it yet, and the escalation keeps its time.
            var walk = Walk.Of(LeadBuilder.ANewLead().Build());
            var before = walk.Pending.Single().DueAt;
            walk.Do(l => l.ChangePreferredTimes(PreferredCallTimes.Evenings, Actor.Patient, walk.Now));
            Assert.Equal(before, walk.Pending.Single().DueAt);
            return (walk, [FollowUpKinds.AssignOverdue], []);
        },
        [LeadEventKind.SiteChanged] = () =>
        {
            // Another site: timed in its hours from now on. Where is not who calls, so the stage is
            // not restarted and the escalation is the same breach, at the new calendar's time.
            var walk = Walk.Of(LeadBuilder.ANewLead().Build());
            var step = walk.Pending.Single();
            walk.Do(l => l.MoveToSite(new Site { Id = 1, Name = "Riverside" }, StaffBuilder.Reception, walk.Now));
            Assert.Same(step, walk.Pending.Single());
            return (walk, [FollowUpKinds.AssignOverdue], []);
        },
        // Never on a request (the live-update signal that a site changed): planning again changes nothing.
        [LeadEventKind.ClinicSetupChanged] = EmailLine,
        [LeadEventKind.PatientConfirmedAvailable] = () =>
        {
            // A statement, not a change: the next attempt is still due when it was. (There is no
            // escalation about confirming the call to void; if one comes, this case says so.)
            var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Attempted).Build());
            var before = walk.Pending.Single().DueAt;
            walk.Do(l => l.RecordPatientAvailable(Actor.Patient, walk.Now));
            Assert.Equal(before, walk.Pending.Single().DueAt);
            return (walk, [FollowUpKinds.RetryCallOverdue], []);
        },
    };

    // An email line changes nothing on the request: planning again leaves its steps alone.
    private static (Walk, string[], string[]) EmailLine()
    {
        var walk = Walk.Of(LeadBuilder.InStatus(LeadStatus.Assigned).Build());
        walk.Do(_ => { });
        return (walk, [FollowUpKinds.FirstContactOverdue], []);
    }

    private static WorkflowTargets.Calendars CalendarsFor(WorkflowOptions options)
    {
        var site = new Site { Id = 1, Name = "Riverside", BankHolidayRegion = BankHolidayRegion.EnglandAndWales };
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            site.OpeningHours.Add(new SiteOpeningHours { Day = day, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(20, 0) });
        }

        return new WorkflowTargets.Calendars(
            new Dictionary<int, BusinessHours> { [site.Id] = BusinessHours.ForSite(site, London) },
            BusinessHours.Combined([site], London),
            options);
    }

    /// <summary>A request and its steps, planned after every change as production does.</summary>
    private sealed class Walk
    {
        private List<FollowUpStep> _voided = [];

        private Walk(Lead lead)
        {
            Lead = lead;
            Now = lead.UpdatedAt;
        }

        public Lead Lead { get; }

        public DateTime Now { get; private set; }

        public List<FollowUpStep> Steps { get; } = [];

        public IEnumerable<FollowUpStep> Pending => Steps.Where(s => s.Status == FollowUpStatus.Pending);

        public IReadOnlyList<FollowUpStep> VoidedByLastChange => _voided;

        public static Walk Of(Lead lead)
        {
            var walk = new Walk(lead);
            walk.Steps.AddRange(FollowUpPlanner.Reconcile(lead, [], Calendars, walk.Now));
            return walk;
        }

        public void Do(Action<Lead> change, int? actingStaffMemberId = 3)
        {
            Now = Now.AddMinutes(5);
            var pendingBefore = Pending.ToList();
            var previousClinician = Lead.AssignedClinicianId;
            change(Lead);
            Steps.AddRange(FollowUpPlanner.Reconcile(Lead, Steps, Calendars, Now, new AssignmentChange(previousClinician, actingStaffMemberId)));
            _voided = pendingBefore.Where(s => s.Status != FollowUpStatus.Pending).ToList();
        }
    }
}
