using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Tests.TestSupport;
using static LeadManager.Data.Leads.LeadStatus;
using static LeadManager.Tests.Lifecycle.LeadLifecycleTransitionTableTests.LifecycleAction;

namespace LeadManager.Tests.Lifecycle;

/// <summary>
/// Every lifecycle action tried from every status. A cell is either the status the lead
/// ends in (one new timeline event, version up by one) or Rejected (LeadRuleException,
/// nothing changed). Read the grid, not the test code, to learn the lifecycle.
/// </summary>
public sealed class LeadLifecycleTransitionTableTests
{
    public enum LifecycleAction
    {
        Assign,
        Unassign,
        Schedule,
        Reschedule,
        CancelCall,
        RecordAttempt,
        RecordOutcome,
        RecordClinicalReview,
        MarkDuplicate,
        MarkSpam,
        Reopen,
        CancelByPatient,
        ChangePreferredTimes,
        MoveToSite,
    }

    private static LeadStatus? Rejected => null;

    // How each action is performed (a routine-triage lead, assigned to Priya by the builder):
    //   Assign                reassigns to a second, active clinician (Tom)
    //   Schedule / Reschedule a future call time different from the one the builder agreed
    //   RecordAttempt         NoAnswer, called by Priya
    //   RecordOutcome         NotInterested, called by Priya
    //   RecordClinicalReview  SafeToProceed, reviewed by Priya
    //   MarkDuplicate         of a separate, open lead
    //   ChangePreferredTimes  to evenings, by the patient (the builder's lead has none)
    //   MoveToSite            to Town Centre, an active site (the builder's lead prefers none)
    //   Closed leads were closed as spam with nobody assigned.
    private static readonly (LifecycleAction Action, LeadStatus? FromNew, LeadStatus? FromAssigned, LeadStatus? FromScheduled, LeadStatus? FromAttempted, LeadStatus? FromClosed)[] _table =
    [
        //  action                 New        Assigned   Scheduled  Attempted  Closed
        (Assign,                   Assigned,  Assigned,  Scheduled, Attempted, Rejected),
        (Unassign,                 Rejected,  New,       New,       New,       Rejected),
        (Schedule,                 Rejected,  Scheduled, Rejected,  Scheduled, Rejected),
        (Reschedule,               Rejected,  Rejected,  Scheduled, Rejected,  Rejected),
        (CancelCall,               Rejected,  Rejected,  Assigned,  Rejected,  Rejected),
        (RecordAttempt,            Rejected,  Attempted, Attempted, Attempted, Rejected),
        (RecordOutcome,            Rejected,  Closed,    Closed,    Closed,    Rejected),
        (RecordClinicalReview,     New,       Assigned,  Scheduled, Attempted, Rejected),
        (MarkDuplicate,            Closed,    Closed,    Closed,    Closed,    Rejected),
        (MarkSpam,                 Closed,    Closed,    Closed,    Closed,    Rejected),
        (Reopen,                   Rejected,  Rejected,  Rejected,  Rejected,  New),
        (CancelByPatient,          Closed,    Closed,    Closed,    Closed,    Rejected),
        (ChangePreferredTimes,     New,       Assigned,  Scheduled, Attempted, Rejected),
        (MoveToSite,               New,       Assigned,  Scheduled, Attempted, Rejected),
    ];

    private static readonly LeadStatus[] _columns = [New, Assigned, Scheduled, Attempted, Closed];

    public static TheoryData<LifecycleAction, LeadStatus, LeadStatus?> Cells()
    {
        var cells = new TheoryData<LifecycleAction, LeadStatus, LeadStatus?>();
        foreach (var row in _table)
        {
            LeadStatus?[] results = [row.FromNew, row.FromAssigned, row.FromScheduled, row.FromAttempted, row.FromClosed];
            for (var i = 0; i < _columns.Length; i++)
            {
                cells.Add(row.Action, _columns[i], results[i]);
            }
        }

        return cells;
    }

    [Fact]
    public void Table_has_one_row_per_action_and_one_column_per_status()
    {
        Assert.Equal(Enum.GetValues<LifecycleAction>(), _table.Select(row => row.Action).Order());
        Assert.Equal(Enum.GetValues<LeadStatus>(), _columns.Order());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Action_from_status_ends_in_the_tabled_status_or_is_refused_without_change(
        LifecycleAction action, LeadStatus from, LeadStatus? expected)
    {
        var lead = LeadBuilder.InStatus(from).Build();
        var original = LeadBuilder.ANewLead().WithReference("DC-ABCDEF").Build();
        var originalBefore = LeadSnapshot.Of(original);

        if (expected is null)
        {
            LeadAssert.Refused(lead, () => Perform(action, lead, original), original);
            return;
        }

        LeadAssert.OneEventAdded(lead, EventKindFor(action), () => Perform(action, lead, original));
        Assert.Equal(expected, lead.Status);

        if (action == MarkDuplicate)
        {
            // The original keeps the history: it gets its own "merged in" event.
            Assert.Equal(originalBefore.EventCount + 1, original.Events.Count);
            Assert.Equal(originalBefore.Version + 1, original.Version);
            Assert.Equal(LeadEventKind.DuplicateMergedIn, original.Events[^1].Kind);
            Assert.Equal(LeadStatus.New, original.Status);
        }
        else
        {
            Assert.Equal(originalBefore, LeadSnapshot.Of(original));
        }
    }

    // The calendar invite's SEQUENCE (Lead.CalendarSequence) goes up on exactly these cells: every
    // change to an agreed call, and every agreement, so a call agreed again after a cancellation
    // outranks the cancellation in the patient's calendar. Every other allowed cell keeps it.
    private static readonly HashSet<(LifecycleAction, LeadStatus)> _raisesCalendarSequence =
    [
        (Assign, Scheduled), (Unassign, Scheduled), (Schedule, Assigned), (Schedule, Attempted),
        (Reschedule, Scheduled), (CancelCall, Scheduled), (RecordAttempt, Scheduled), (RecordOutcome, Scheduled),
        (MarkDuplicate, Scheduled), (MarkSpam, Scheduled), (CancelByPatient, Scheduled),
    ];

    [Theory]
    [MemberData(nameof(Cells))]
    public void The_calendar_sequence_goes_up_exactly_when_the_agreed_call_changes(LifecycleAction action, LeadStatus from, LeadStatus? expected)
    {
        var lead = LeadBuilder.InStatus(from).Build();
        var original = LeadBuilder.ANewLead().WithReference("DC-ABCDEF").Build();
        var before = lead.CalendarSequence;
        if (expected is null)
        {
            Assert.DoesNotContain((action, from), _raisesCalendarSequence);
            return;
        }

        Perform(action, lead, original);

        Assert.Equal(before + (_raisesCalendarSequence.Contains((action, from)) ? 1 : 0), lead.CalendarSequence);
    }

    [Fact]
    public void A_call_agreed_again_after_a_cancellation_carries_a_higher_sequence_than_the_cancellation()
    {
        var lead = LeadBuilder.InStatus(Assigned).Build();
        lead.Schedule(TestClock.OtherCallAt, StaffBuilder.Reception, TestClock.Later);
        var agreed = lead.CalendarSequence;
        lead.CancelCall(StaffBuilder.Reception, TestClock.Later);
        var cancelled = lead.CalendarSequence;
        lead.Schedule(TestClock.OtherCallAt, StaffBuilder.Reception, TestClock.Later);

        Assert.True(cancelled > agreed);
        Assert.True(lead.CalendarSequence > cancelled);
        Assert.Equal(TestClock.Later, lead.CallAgreedAt);
    }

    private static void Perform(LifecycleAction action, Lead lead, Lead original)
    {
        var by = StaffBuilder.Reception;
        var priya = StaffBuilder.Priya();
        var at = TestClock.Later;
        switch (action)
        {
            case Assign:
                lead.Assign(StaffBuilder.Tom(), by, at);
                break;
            case Unassign:
                lead.Unassign(by, at);
                break;
            case Schedule:
                lead.Schedule(TestClock.OtherCallAt, by, at);
                break;
            case Reschedule:
                lead.Reschedule(TestClock.OtherCallAt, by, at);
                break;
            case CancelCall:
                lead.CancelCall(by, at);
                break;
            case RecordAttempt:
                lead.RecordAttempt(priya, CallAttemptResult.NoAnswer, null, by, at);
                break;
            case RecordOutcome:
                lead.RecordOutcome(CloseReason.NotInterested, priya, by, at);
                break;
            case RecordClinicalReview:
                lead.RecordClinicalReview(priya, ClinicalReviewDecision.SafeToProceed, null, by, at);
                break;
            case MarkDuplicate:
                lead.MarkDuplicateOf(original, by, at);
                break;
            case MarkSpam:
                lead.MarkSpam(by, at);
                break;
            case Reopen:
                lead.Reopen(by, at);
                break;
            case CancelByPatient:
                lead.CancelByPatient(Actor.Patient, at);
                break;
            case ChangePreferredTimes:
                lead.ChangePreferredTimes(PreferredCallTimes.Evenings, Actor.Patient, at);
                break;
            case MoveToSite:
                lead.MoveToSite(new Site { Id = 7, Name = "Town Centre" }, by, at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private static LeadEventKind EventKindFor(LifecycleAction action) => action switch
    {
        Assign => LeadEventKind.Assigned,
        Unassign => LeadEventKind.Unassigned,
        Schedule => LeadEventKind.Scheduled,
        Reschedule => LeadEventKind.Rescheduled,
        CancelCall => LeadEventKind.CallCancelled,
        RecordAttempt => LeadEventKind.AttemptRecorded,
        RecordOutcome => LeadEventKind.OutcomeRecorded,
        RecordClinicalReview => LeadEventKind.ClinicalReviewRecorded,
        MarkDuplicate => LeadEventKind.MarkedDuplicate,
        MarkSpam => LeadEventKind.MarkedSpam,
        Reopen => LeadEventKind.Reopened,
        CancelByPatient => LeadEventKind.CancelledByPatient,
        ChangePreferredTimes => LeadEventKind.PreferredTimesChanged,
        MoveToSite => LeadEventKind.SiteChanged,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
