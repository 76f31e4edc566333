using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

/// <summary>A request with a red flag needs a clinical review before a call outcome may close it.</summary>
public sealed class LeadClinicalReviewGateRuleTests
{
    private static readonly DateTime _at = TestClock.Later;
    private static readonly AssessmentBookingDetails _booking = OutcomeDetails.Booking;
    private static readonly ReferralDetails _referral = OutcomeDetails.Referral;

    private readonly Actor _reception = StaffBuilder.Reception;
    private readonly StaffMember _priya = StaffBuilder.Priya();

    public static TheoryData<CloseReason> EveryCallOutcome() => [.. Lead.CallOutcomes.Order()];

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

    private void RecordOutcomeWithDetails(Lead lead, CloseReason outcome) =>
        lead.RecordOutcome(outcome, _priya, _reception, _at, _booking, _referral);
}
