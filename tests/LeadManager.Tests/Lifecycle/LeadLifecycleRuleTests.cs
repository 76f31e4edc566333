using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

public sealed class LeadLifecycleRuleTests
{
    private static readonly DateTime _at = TestClock.Later;
    private static readonly AssessmentBookingDetails _booking = new(TestClock.Now.AddDays(3), SiteId: 2, "PMS-1042");
    private static readonly ReferralDetails _referral = new(ReferralDestination.GP, "Advised to see GP about night pain.");

    private readonly Actor _reception = StaffBuilder.Reception;
    private readonly StaffMember _priya = StaffBuilder.Priya();
    private readonly StaffMember _tom = StaffBuilder.Tom();

    public static TheoryData<CloseReason> EveryCallOutcome() => [.. Lead.CallOutcomes.Order()];

    // ---- Creation -------------------------------------------------------------------------

    [Fact]
    public void New_lead_starts_at_version_one_with_a_created_event()
    {
        var lead = Lead.Create("DC-7K3P9Q", LeadChannel.Phone, TriageLevel.Routine, Actor.System, TestClock.Now);

        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(1, lead.Version);
        var created = Assert.Single(lead.Events);
        Assert.Equal(LeadEventKind.Created, created.Kind);
        Assert.Equal(TestClock.Now, lead.CreatedAt);
        Assert.Null(lead.ClosedAt);
        Assert.True(lead.IsOpen);
    }

    // ---- Clinical review gate ---------------------------------------------------------------

    [Theory]
    [MemberData(nameof(EveryCallOutcome))]
    public void ReviewFirst_lead_cannot_be_closed_with_a_call_outcome_until_reviewed(CloseReason outcome)
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).WithTriage(TriageLevel.ReviewFirst).Build();

        Assert.True(lead.NeedsClinicalReview);
        var refusal = LeadAssert.Refused(lead, () => RecordOutcomeWithDetails(lead, outcome));
        Assert.Equal(Lead.ClinicalReviewRequiredMessage, refusal.Message);
    }

    [Theory]
    [MemberData(nameof(EveryCallOutcome))]
    public void Emergency_lead_cannot_be_closed_with_a_call_outcome_until_reviewed(CloseReason outcome)
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Attempted).WithTriage(TriageLevel.Emergency).Build();

        var refusal = LeadAssert.Refused(lead, () => RecordOutcomeWithDetails(lead, outcome));
        Assert.Equal(Lead.ClinicalReviewRequiredMessage, refusal.Message);
    }

    [Fact]
    public void Emergency_lead_can_be_closed_as_spam_or_duplicate_without_review()
    {
        var spam = LeadBuilder.InStatus(LeadStatus.Assigned).WithTriage(TriageLevel.Emergency).Build();
        var duplicate = LeadBuilder.InStatus(LeadStatus.Assigned).WithTriage(TriageLevel.Emergency).WithReference("DC-DUP777").Build();
        var original = LeadBuilder.ANewLead().WithReference("DC-ABCDEF").Build();

        spam.MarkSpam(_reception, _at);
        duplicate.MarkDuplicateOf(original, _reception, _at);

        Assert.Equal(CloseReason.Spam, spam.CloseReason);
        Assert.Equal(CloseReason.Duplicate, duplicate.CloseReason);
        Assert.True(spam.NeedsClinicalReview);
        Assert.True(duplicate.NeedsClinicalReview);
    }

    [Fact]
    public void Emergency_lead_can_be_cancelled_by_the_patient_without_review()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).WithTriage(TriageLevel.Emergency).Build();

        lead.CancelByPatient(Actor.Patient, _at);

        Assert.Equal(CloseReason.CancelledByPatient, lead.CloseReason);
    }

    [Theory]
    [InlineData(TriageLevel.ReviewFirst)]
    [InlineData(TriageLevel.Emergency)]
    public void Review_lifts_the_outcome_gate(TriageLevel triage)
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).WithTriage(triage).Build();

        var review = lead.RecordClinicalReview(_priya, ClinicalReviewDecision.SafeToProceed, "  Checked with patient.  ", _reception, _at);

        Assert.False(lead.NeedsClinicalReview);
        Assert.Equal(_at, lead.ClinicallyReviewedAt);
        Assert.Same(review, Assert.Single(lead.ClinicalReviews));
        Assert.Equal(_priya.Id, review.ReviewerId);
        Assert.Equal("Checked with patient.", review.Note);

        lead.RecordOutcome(CloseReason.BookedAssessment, _priya, _reception, _at.AddMinutes(5), _booking);

        Assert.Equal(LeadStatus.Closed, lead.Status);
        Assert.Equal(CloseReason.BookedAssessment, lead.CloseReason);
    }

    [Theory]
    [InlineData(TriageLevel.NotScreened)]
    [InlineData(TriageLevel.Routine)]
    public void Routine_or_unscreened_lead_needs_no_review_to_be_closed(TriageLevel triage)
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).WithTriage(triage).Build();

        Assert.False(lead.NeedsClinicalReview);
        lead.RecordOutcome(CloseReason.NotInterested, _priya, _reception, _at);

        Assert.Equal(CloseReason.NotInterested, lead.CloseReason);
    }

    [Fact]
    public void Review_on_a_closed_lead_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Closed).WithTriage(TriageLevel.ReviewFirst).Build();

        LeadAssert.Refused(lead, () => lead.RecordClinicalReview(_priya, ClinicalReviewDecision.SafeToProceed, null, _reception, _at));
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
    public void Schedule_sets_the_call_time_without_changing_the_calendar_sequence()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        lead.Schedule(TestClock.OtherCallAt, _reception, _at);

        Assert.Equal(LeadStatus.Scheduled, lead.Status);
        Assert.Equal(TestClock.OtherCallAt, lead.ScheduledCallAt);
        Assert.Equal(0, lead.CalendarSequence);
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
        Assert.Equal(1, lead.CalendarSequence);
        Assert.Equal(_priya.Id, lead.AssignedClinicianId);
    }

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
        Assert.Equal(1, lead.CalendarSequence);
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
        Assert.Equal(1, lead.CalendarSequence);
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

    [Theory]
    [InlineData(ClinicalReviewDecision.NeedsUrgentCare)]
    [InlineData(ClinicalReviewDecision.NotSuitableForPhysio)]
    public void Review_that_did_not_clear_the_patient_blocks_booking_an_assessment(ClinicalReviewDecision decision)
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).WithTriage(TriageLevel.ReviewFirst).Build();
        lead.RecordClinicalReview(_priya, decision, null, _reception, _at);

        var refusal = LeadAssert.Refused(lead, () => RecordOutcomeWithDetails(lead, CloseReason.BookedAssessment));
        Assert.Contains("clinical review", refusal.Message);

        lead.RecordOutcome(CloseReason.NotSuitable, _priya, _reception, _at);
        Assert.Equal(CloseReason.NotSuitable, lead.CloseReason);
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

    [Fact]
    public void Closing_a_scheduled_lead_with_an_outcome_updates_the_invite()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        var sequence = lead.CalendarSequence;

        lead.RecordOutcome(CloseReason.NotInterested, _priya, _reception, _at);

        Assert.Null(lead.ScheduledCallAt);
        Assert.Equal(sequence + 1, lead.CalendarSequence);
    }

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
        Assert.Equal(1, copy.CalendarSequence);
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
        Assert.Equal(1, lead.CalendarSequence);
        Assert.Equal(_at, lead.ClosedAt);
    }

    // ---- Timeline ---------------------------------------------------------------------------

    [Fact]
    public void Events_record_the_staff_actor_id_and_name()
    {
        var lead = LeadBuilder.ANewLead().Build();

        lead.Assign(_priya, Actor.Staff(3, "Rachel at reception"), _at);

        var assigned = lead.Events[^1];
        Assert.Equal(ActorKind.Staff, assigned.ActorKind);
        Assert.Equal(3, assigned.ActorStaffMemberId);
        Assert.Equal("Rachel at reception", assigned.ActorName);
        Assert.Equal(_at, assigned.At);
        Assert.Same(lead, assigned.Lead);
    }

    [Fact]
    public void Events_record_patient_and_system_actors_without_a_staff_id()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        lead.CancelByPatient(Actor.Patient, _at);

        var created = lead.Events[0];
        var cancelled = lead.Events[^1];
        Assert.Equal(ActorKind.System, created.ActorKind);
        Assert.Null(created.ActorStaffMemberId);
        Assert.Equal("LeadManager", created.ActorName);
        Assert.Equal(ActorKind.Patient, cancelled.ActorKind);
        Assert.Null(cancelled.ActorStaffMemberId);
        Assert.Equal("Patient", cancelled.ActorName);
    }

    [Fact]
    public void Every_successful_action_adds_one_event_and_one_version()
    {
        var lead = LeadBuilder.ANewLead().Build();

        lead.Assign(_priya, _reception, _at);
        lead.Schedule(TestClock.OtherCallAt, _reception, _at);
        lead.Reschedule(TestClock.OtherCallAt.AddHours(1), _reception, _at);
        lead.RecordAttempt(_priya, CallAttemptResult.NoAnswer, null, _reception, TestClock.OtherCallAt.AddHours(1));
        lead.RecordOutcome(CloseReason.NotInterested, _priya, _reception, TestClock.OtherCallAt.AddHours(2));

        Assert.Equal(6, lead.Version);
        Assert.Equal(
            [
                LeadEventKind.Created,
                LeadEventKind.Assigned,
                LeadEventKind.Scheduled,
                LeadEventKind.Rescheduled,
                LeadEventKind.AttemptRecorded,
                LeadEventKind.OutcomeRecorded,
            ],
            lead.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Note_adds_an_event_and_an_empty_note_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();

        LeadAssert.Refused(lead, () => lead.AddNote(_priya.Id, "   ", _reception, _at));
        var note = lead.AddNote(_priya.Id, "  Prefers mornings.  ", _reception, _at);

        Assert.Equal("Prefers mornings.", note.Text);
        Assert.Equal(LeadEventKind.NoteAdded, lead.Events[^1].Kind);
    }

    private void RecordOutcomeWithDetails(Lead lead, CloseReason outcome) =>
        lead.RecordOutcome(outcome, _priya, _reception, _at, _booking, _referral);
}
