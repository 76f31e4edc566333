using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

/// <summary>Calls that went unanswered, and the outcome of the call that closes the request.</summary>
public sealed class LeadCallAttemptAndOutcomeRuleTests
{
    private static readonly DateTime _at = TestClock.Later;
    private static readonly ReferralDetails _referral = OutcomeDetails.Referral;

    private readonly Actor _reception = StaffBuilder.Reception;
    private readonly StaffMember _priya = StaffBuilder.Priya();

    // ---- Call attempts ----------------------------------------------------------------------

    [Fact]
    public void Answered_result_cannot_be_recorded_as_an_attempt()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.RecordAttempt(_priya, CallAttemptResult.Answered, null, _reception, _at));
        Assert.Contains("outcome", refusal.Message);
    }

    [Fact]
    public void Call_attempt_needs_an_assigned_clinician()
    {
        var lead = LeadBuilder.ANewLead().Build();

        LeadAssert.Refused(lead, () => lead.RecordAttempt(_priya, CallAttemptResult.NoAnswer, null, _reception, _at));
    }

    [Fact]
    public void Unanswered_call_on_a_scheduled_lead_clears_the_call_time_and_counts_the_attempt()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        var attempt = lead.RecordAttempt(_priya, CallAttemptResult.LeftVoicemail, "  Rang twice.  ", _reception, _at);

        Assert.Equal(LeadStatus.Attempted, lead.Status);
        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal(2, lead.CalendarSequence);
        Assert.Equal(1, lead.UnansweredAttempts);
        Assert.Same(attempt, Assert.Single(lead.CallAttempts));
        Assert.Equal(CallAttemptResult.LeftVoicemail, attempt.Result);
        Assert.Equal("Rang twice.", attempt.Note);
        Assert.Equal(_at, attempt.At);
        Assert.Equal("Call attempt 1 by Priya Shah: left a voicemail.", lead.Events[^1].Details);
    }

    [Fact]
    public void Unanswered_attempts_accumulate_across_a_reschedule()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Attempted).Build();
        lead.Schedule(TestClock.OtherCallAt, _reception, _at);
        lead.Reschedule(TestClock.OtherCallAt.AddHours(2), _reception, _at);

        lead.RecordAttempt(_priya, CallAttemptResult.Engaged, null, _reception, TestClock.OtherCallAt.AddHours(2));

        Assert.Equal(2, lead.UnansweredAttempts);
        Assert.Equal(2, lead.CallAttempts.Count);
    }

    // ---- Outcomes ---------------------------------------------------------------------------

    [Theory]
    [InlineData(CloseReason.Duplicate, "mark as duplicate")]
    [InlineData(CloseReason.Spam, "mark as spam")]
    [InlineData(CloseReason.CancelledByPatient, "Only the patient")]
    public void Outcome_Duplicate_or_Spam_via_RecordOutcome_is_refused_with_pointer_to_the_right_action(CloseReason reason, string pointer)
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.RecordOutcome(reason, _priya, _reception, _at));
        Assert.Contains(pointer, refusal.Message);
    }

    [Fact]
    public void Booked_assessment_requires_booking_details()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.RecordOutcome(CloseReason.BookedAssessment, _priya, _reception, _at));
        Assert.Contains("date, time and site", refusal.Message);
    }

    [Fact]
    public void Booked_assessment_keeps_the_booking_and_the_answered_call()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();

        var closed = LeadAssert.OneEventAdded(lead, LeadEventKind.OutcomeRecorded,
            () => lead.RecordOutcome(CloseReason.BookedAssessment, _priya, _reception, _at, new AssessmentBookingDetails(TestClock.Now.AddDays(3), 2, "  PMS-1042 ")));

        var booking = Assert.Single(lead.AssessmentBookings);
        Assert.Equal(TestClock.Now.AddDays(3), booking.StartsAt);
        Assert.Equal(2, booking.SiteId);
        Assert.Equal("PMS-1042", booking.PracticeSystemReference);
        Assert.Equal(_priya.Id, booking.BookedById);
        var answered = Assert.Single(lead.CallAttempts);
        Assert.Equal(CallAttemptResult.Answered, answered.Result);
        Assert.Equal(0, lead.UnansweredAttempts);
        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal("Closed: assessment booked.", closed.Details);
        Assert.Equal(TestClock.Now.AddDays(3), closed.Time);
    }

    [Fact]
    public void Referred_elsewhere_requires_referral()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.RecordOutcome(CloseReason.ReferredElsewhere, _priya, _reception, _at));
        Assert.Contains("referred", refusal.Message);
    }

    [Fact]
    public void Referred_elsewhere_keeps_the_referral()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        lead.RecordOutcome(CloseReason.ReferredElsewhere, _priya, _reception, _at, referral: _referral);

        var referral = Assert.Single(lead.Referrals);
        Assert.Equal(ReferralDestination.GP, referral.Destination);
        Assert.Equal(_priya.Id, referral.ReferredById);
        Assert.Empty(lead.AssessmentBookings);
        Assert.Equal("Closed: referred to their GP.", lead.Events[^1].Details);
    }

    [Fact]
    public void Call_outcome_other_than_no_response_needs_an_assigned_clinician()
    {
        var lead = LeadBuilder.ANewLead().Build();

        var refusal = LeadAssert.Refused(lead, () => lead.RecordOutcome(CloseReason.NotInterested, _priya, _reception, _at));
        Assert.Contains("Assign a clinician", refusal.Message);
    }

    [Fact]
    public void No_response_is_refused_before_any_call_attempt()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        var refusal = LeadAssert.Refused(lead, () => lead.RecordOutcome(CloseReason.NoResponse, _priya, Actor.System, _at));
        Assert.Contains("No call attempt", refusal.Message);
    }

    [Fact]
    public void No_response_after_attempts_closes_even_when_unassigned_and_adds_no_answered_call()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Attempted).Build();
        lead.Unassign(_reception, _at);

        lead.RecordOutcome(CloseReason.NoResponse, null, Actor.System, _at);

        Assert.Equal(CloseReason.NoResponse, lead.CloseReason);
        Assert.DoesNotContain(lead.CallAttempts, a => a.Result == CallAttemptResult.Answered);
    }

    [Fact]
    public void Closing_a_scheduled_lead_with_an_outcome_updates_the_invite()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        var sequence = lead.CalendarSequence;

        lead.RecordOutcome(CloseReason.NotInterested, _priya, _reception, _at);

        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal(sequence + 1, lead.CalendarSequence);
    }
}
