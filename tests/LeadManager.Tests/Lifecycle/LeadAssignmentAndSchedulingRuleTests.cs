using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

/// <summary>Assigning a clinician, agreeing a call time and moving or cancelling it.</summary>
public sealed class LeadAssignmentAndSchedulingRuleTests
{
    private static readonly DateTime _at = TestClock.Later;

    private readonly Actor _reception = StaffBuilder.Reception;
    private readonly StaffMember _priya = StaffBuilder.Priya();
    private readonly StaffMember _tom = StaffBuilder.Tom();

    // ---- Assignment -------------------------------------------------------------------------

    [Fact]
    public void Assigning_a_new_lead_makes_it_assigned()
    {
        var lead = LeadBuilder.ANewLead().Build();

        var assigned = LeadAssert.OneEventAdded(lead, LeadEventKind.Assigned, () => lead.Assign(_priya, _reception, _at));

        Assert.Equal(LeadStatus.Assigned, lead.Status);
        Assert.Equal(_priya.Id, lead.AssignedClinicianId);
        Assert.Same(_priya, lead.AssignedClinician);
        Assert.Equal("Assigned to Priya Shah.", assigned.Details);
    }

    [Fact]
    public void Inactive_clinician_cannot_be_assigned()
    {
        var lead = LeadBuilder.ANewLead().Build();
        var leaver = StaffBuilder.AClinician().WithId(9).Named("Sam Leaver").Inactive().Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Assign(leaver, _reception, _at));
        Assert.Contains("Sam Leaver", refusal.Message);
        Assert.Contains("no longer active", refusal.Message);
    }

    [Fact]
    public void Inactive_clinician_cannot_take_over_an_assigned_lead()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();
        var leaver = StaffBuilder.AClinician().WithId(9).Named("Sam Leaver").Inactive().Build();

        LeadAssert.Refused(lead, () => lead.Assign(leaver, _reception, _at));
    }

    [Fact]
    public void Assigning_the_same_clinician_again_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Assign(StaffBuilder.Priya(), _reception, _at));
        Assert.Equal("This request is already assigned to Priya Shah.", refusal.Message);
    }

    [Fact]
    public void Reassigning_names_both_clinicians_and_keeps_the_status()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Attempted).Build();

        var reassigned = LeadAssert.OneEventAdded(lead, LeadEventKind.Assigned, () => lead.Assign(_tom, _reception, _at));

        Assert.Equal(LeadStatus.Attempted, lead.Status);
        Assert.Equal(_tom.Id, lead.AssignedClinicianId);
        Assert.Equal("Reassigned from Priya Shah to Tom Evans.", reassigned.Details);
    }

    [Fact]
    public void Unassigning_a_scheduled_lead_cancels_the_call()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        var unassigned = LeadAssert.OneEventAdded(lead, LeadEventKind.Unassigned, () => lead.Unassign(_reception, _at));

        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Null(lead.AssignedClinicianId);
        Assert.Null(lead.AssignedClinician);
        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal(2, lead.CalendarSequence);
        Assert.Contains("call time was cancelled", unassigned.Details);
    }

    [Fact]
    public void Unassigning_without_a_call_leaves_the_calendar_sequence_alone()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var unassigned = LeadAssert.OneEventAdded(lead, LeadEventKind.Unassigned, () => lead.Unassign(_reception, _at));

        Assert.Equal(0, lead.CalendarSequence);
        Assert.Equal("Unassigned from Priya Shah.", unassigned.Details);
    }

    [Fact]
    public void Unassigning_an_unassigned_lead_is_refused()
    {
        var lead = LeadBuilder.ANewLead().Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Unassign(_reception, _at));
        Assert.Equal("This request is not assigned to anyone.", refusal.Message);
    }

    [Fact]
    public void Reassigning_a_scheduled_call_keeps_the_time_and_updates_the_invite()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        var callAt = lead.ScheduledCallAt;
        var sequence = lead.CalendarSequence;

        lead.Assign(StaffBuilder.Tom(), _reception, _at);

        Assert.Equal(LeadStatus.Scheduled, lead.Status);
        Assert.Equal(callAt, lead.ScheduledCallAt);
        Assert.Equal(sequence + 1, lead.CalendarSequence);
    }

    [Fact]
    public void Assigning_again_after_unassign_keeps_the_attempt_history()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Attempted).Build();
        lead.Unassign(_reception, _at);

        lead.Assign(StaffBuilder.Tom(), _reception, _at);

        Assert.Equal(LeadStatus.Attempted, lead.Status);
    }

    // ---- Scheduling --------------------------------------------------------------------------

    [Fact]
    public void Call_back_later_is_a_reschedule_not_an_attempt()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        var sequenceBefore = lead.CalendarSequence;

        var moved = LeadAssert.OneEventAdded(lead, LeadEventKind.Rescheduled,
            () => lead.Reschedule(TestClock.OtherCallAt, _reception, _at));

        Assert.Equal(LeadStatus.Scheduled, lead.Status);
        Assert.Equal(TestClock.OtherCallAt, lead.ScheduledCallAt);
        Assert.Equal(0, lead.UnansweredAttempts);
        Assert.Empty(lead.CallAttempts);
        Assert.Equal(sequenceBefore + 1, lead.CalendarSequence);
        Assert.Equal(TestClock.OtherCallAt, moved.Time);
        Assert.Equal(TestClock.AgreedCallAt, moved.PreviousTime);
    }

    [Fact]
    public void Schedule_sets_the_call_time_and_raises_the_calendar_sequence_so_the_invite_outranks_any_earlier_cancellation()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        lead.Schedule(TestClock.OtherCallAt, _reception, _at);

        Assert.Equal(LeadStatus.Scheduled, lead.Status);
        Assert.Equal(TestClock.OtherCallAt, lead.ScheduledCallAt);
        Assert.Equal(_at, lead.CallAgreedAt);
        Assert.Equal(1, lead.CalendarSequence);
    }

    [Fact]
    public void Schedule_in_the_past_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Schedule(_at.AddMinutes(-1), _reception, _at));
        Assert.Contains("future", refusal.Message);
    }

    [Fact]
    public void Schedule_for_the_current_instant_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        LeadAssert.Refused(lead, () => lead.Schedule(_at, _reception, _at));
    }

    [Fact]
    public void Reschedule_into_the_past_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        LeadAssert.Refused(lead, () => lead.Reschedule(_at.AddHours(-1), _reception, _at));
    }

    [Fact]
    public void Reschedule_to_the_same_time_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Reschedule(TestClock.AgreedCallAt, _reception, _at));
        Assert.Equal("The call is already at that time.", refusal.Message);
    }

    [Fact]
    public void Schedule_with_a_local_time_is_a_programming_error()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();
        var local = DateTime.SpecifyKind(TestClock.OtherCallAt, DateTimeKind.Local);
        var before = LeadSnapshot.Of(lead);

        Assert.Throws<ArgumentException>("callAtUtc", () => lead.Schedule(local, _reception, _at));
        Assert.Equal(before, LeadSnapshot.Of(lead));
    }

    [Fact]
    public void Schedule_needs_an_assigned_clinician()
    {
        var lead = LeadBuilder.ANewLead().Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Schedule(TestClock.OtherCallAt, _reception, _at));
        Assert.Contains("Assign a clinician", refusal.Message);
    }

    [Fact]
    public void Scheduling_an_already_scheduled_lead_points_to_reschedule()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.Schedule(TestClock.OtherCallAt, _reception, _at));
        Assert.Contains("Reschedule", refusal.Message);
    }

    [Fact]
    public void Cancel_call_returns_to_attempted_after_an_unanswered_call()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Attempted).Build();
        lead.Schedule(TestClock.OtherCallAt, _reception, _at);
        var sequenceBefore = lead.CalendarSequence;

        LeadAssert.OneEventAdded(lead, LeadEventKind.CallCancelled, () => lead.CancelCall(_reception, _at.AddMinutes(1)));

        Assert.Equal(LeadStatus.Attempted, lead.Status);
        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal(sequenceBefore + 1, lead.CalendarSequence);
        Assert.Equal(1, lead.UnansweredAttempts);
        Assert.Equal(_priya.Id, lead.AssignedClinicianId);
    }

    [Fact]
    public void Cancel_call_returns_to_assigned_when_no_call_went_unanswered()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        lead.CancelCall(_reception, _at);

        Assert.Equal(LeadStatus.Assigned, lead.Status);
        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal(2, lead.CalendarSequence);
        Assert.Equal(_priya.Id, lead.AssignedClinicianId);
    }
}
