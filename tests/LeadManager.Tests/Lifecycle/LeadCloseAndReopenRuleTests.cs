using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

/// <summary>Closing a request as a duplicate or by the patient, what a closed request refuses, and reopening it.</summary>
public sealed class LeadCloseAndReopenRuleTests
{
    private static readonly DateTime _at = TestClock.Later;

    private readonly Actor _reception = StaffBuilder.Reception;
    private readonly StaffMember _priya = StaffBuilder.Priya();

    // ---- Duplicates -------------------------------------------------------------------------

    [Fact]
    public void Duplicate_cannot_point_at_itself()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.MarkDuplicateOf(lead, _reception, _at));
        Assert.Contains("itself", refusal.Message);
    }

    [Fact]
    public void Duplicate_of_a_duplicate_is_refused()
    {
        var original = LeadBuilder.ANewLead().WithReference("DC-ABCDEF").Build();
        var firstCopy = LeadBuilder.ANewLead().WithReference("DC-GHJKMN").Build();
        firstCopy.MarkDuplicateOf(original, _reception, _at);
        var secondCopy = LeadBuilder.InStatus(LeadStatus.Assigned).WithReference("DC-PQRTUV").Build();

        var refusal = LeadAssert.Refused(secondCopy, () => secondCopy.MarkDuplicateOf(firstCopy, _reception, _at), firstCopy, original);
        Assert.Contains("DC-GHJKMN", refusal.Message);
        Assert.Contains("duplicate", refusal.Message);
    }

    [Fact]
    public void Duplicate_of_a_spam_lead_is_refused()
    {
        var spam = LeadBuilder.InStatus(LeadStatus.Closed).WithReference("DC-ABCDEF").Build();
        var lead = LeadBuilder.ANewLead().WithReference("DC-GHJKMN").Build();

        var refusal = LeadAssert.Refused(lead, () => lead.MarkDuplicateOf(spam, _reception, _at), spam);
        Assert.Contains("spam", refusal.Message);
    }

    [Fact]
    public void Marking_duplicate_writes_events_on_both_leads()
    {
        var original = LeadBuilder.InStatus(LeadStatus.Assigned).WithReference("DC-ABCDEF").Build();
        var copy = LeadBuilder.InStatus(LeadStatus.Scheduled).WithReference("DC-GHJKMN").Build();
        var originalVersion = original.Version;

        var marked = LeadAssert.OneEventAdded(copy, LeadEventKind.MarkedDuplicate, () => copy.MarkDuplicateOf(original, _reception, _at));

        Assert.Equal("Closed as a duplicate of DC-ABCDEF.", marked.Details);
        var mergedIn = original.Events[^1];
        Assert.Equal(LeadEventKind.DuplicateMergedIn, mergedIn.Kind);
        Assert.Equal("DC-GHJKMN was merged into this request as a duplicate.", mergedIn.Details);
        Assert.Equal(_reception.StaffMemberId, mergedIn.ActorStaffMemberId);
        Assert.Equal(originalVersion + 1, original.Version);
        Assert.Equal(LeadStatus.Assigned, original.Status);

        Assert.Equal(CloseReason.Duplicate, copy.CloseReason);
        Assert.Same(original, copy.MergedInto);
        Assert.Null(copy.ScheduledCallAt);
        Assert.Equal(2, copy.CalendarSequence);
    }

    // ---- Closing and reopening --------------------------------------------------------------

    [Fact]
    public void Closed_lead_refuses_changes_and_says_to_reopen()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Closed).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Assign(_priya, _reception, _at));
        Assert.Equal("This request is closed (spam) and cannot be assigned. Reopen it first.", refusal.Message);
    }

    [Fact]
    public void Closing_sets_closed_time_and_reopen_clears_it()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        lead.RecordOutcome(CloseReason.NotSuitable, _priya, _reception, _at);

        Assert.Equal(_at, lead.ClosedAt);
        Assert.Equal(_at, lead.UpdatedAt);
        Assert.False(lead.IsOpen);

        var reopenedAt = _at.AddDays(1);
        var reopened = LeadAssert.OneEventAdded(lead, LeadEventKind.Reopened, () => lead.Reopen(_reception, reopenedAt));

        Assert.Null(lead.ClosedAt);
        Assert.Null(lead.CloseReason);
        Assert.Equal(reopenedAt, lead.UpdatedAt);
        Assert.True(lead.IsOpen);
        Assert.Equal("Reopened (was closed: not suitable for physiotherapy).", reopened.Details);
    }

    [Fact]
    public void Reopen_restores_assigned_or_attempted()
    {
        var assigned = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        var attempted = LeadBuilder.InStatus(LeadStatus.Attempted).Build();
        assigned.MarkSpam(_reception, _at);
        attempted.CancelByPatient(Actor.Patient, _at);

        assigned.Reopen(_reception, _at.AddHours(1));
        attempted.Reopen(_reception, _at.AddHours(1));

        // The agreed call was cancelled on closing, so a scheduled lead comes back as Assigned.
        Assert.Equal(LeadStatus.Assigned, assigned.Status);
        Assert.Null(assigned.ScheduledCallAt);
        Assert.Equal(_priya.Id, assigned.AssignedClinicianId);
        Assert.Equal(LeadStatus.Attempted, attempted.Status);
        Assert.Equal(1, attempted.UnansweredAttempts);
    }

    [Fact]
    public void Reopen_without_a_clinician_returns_to_new()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Closed).Build();

        lead.Reopen(_reception, _at);

        Assert.Equal(LeadStatus.New, lead.Status);
    }

    [Fact]
    public void Reopen_unlinks_a_duplicate_from_its_original()
    {
        var original = LeadBuilder.ANewLead().WithReference("DC-ABCDEF").Build();
        var copy = LeadBuilder.ANewLead().WithReference("DC-GHJKMN").Build();
        copy.MarkDuplicateOf(original, _reception, _at);

        copy.Reopen(_reception, _at.AddHours(1));

        Assert.Null(copy.MergedInto);
        Assert.Null(copy.MergedIntoLeadId);
        Assert.Null(copy.CloseReason);
    }

    [Fact]
    public void Reopening_an_open_lead_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Reopen(_reception, _at));
        Assert.Equal("This request is open already.", refusal.Message);
    }

    [Fact]
    public void Patient_cancel_twice_says_already_cancelled()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        lead.CancelByPatient(Actor.Patient, _at);

        var refusal = LeadAssert.Refused(lead, () => lead.CancelByPatient(Actor.Patient, _at.AddMinutes(1)));
        Assert.Equal("This request is already cancelled.", refusal.Message);
    }

    [Fact]
    public void Patient_cancel_after_another_close_says_already_closed()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Closed).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.CancelByPatient(Actor.Patient, _at));
        Assert.Equal("This request is already closed.", refusal.Message);
    }

    [Fact]
    public void Patient_cancel_of_a_scheduled_call_bumps_the_calendar_sequence()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        lead.CancelByPatient(Actor.Patient, _at);

        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal(2, lead.CalendarSequence);
        Assert.Equal(_at, lead.ClosedAt);
    }
}
