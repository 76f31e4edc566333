using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Tests.TestSupport;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Scheduling;

namespace LeadManager.Tests.FollowUp;

/// <summary>
/// Whether the outcome form's "Send the patient an email" tick starts ticked, outcome by outcome,
/// as the options and the request say: the one rule the form shows and the handler applies.
/// </summary>
public sealed class OutcomeEmailDefaultsTests
{
    private static Lead Request(CallFor callFor = CallFor.Self, string email = "robin@example.com")
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();
        lead.CallFor = callFor;
        lead.Email = email;
        return lead;
    }

    public static TheoryData<CloseReason, bool> OutOfTheBox() => new()
    {
        { CloseReason.BookedAssessment, true },
        { CloseReason.NotSuitable, true },
        { CloseReason.ReferredElsewhere, true },
        { CloseReason.NotInterested, false },
        { CloseReason.NoResponse, true },
        { CloseReason.CancelledByPatient, true },
        { CloseReason.Duplicate, false },
        { CloseReason.Spam, false },
    };

    [Theory]
    [MemberData(nameof(OutOfTheBox))]
    public void With_the_default_options_each_outcome_starts_ticked_or_not(CloseReason outcome, bool ticked)
    {
        Assert.Equal(ticked, OutcomeEmails.DefaultFor(outcome, Request(), new WorkflowOptions()));
    }

    [Theory]
    [InlineData(CloseReason.NotSuitable, false)]
    [InlineData(CloseReason.ReferredElsewhere, false)]
    [InlineData(CloseReason.BookedAssessment, true)]
    [InlineData(CloseReason.NoResponse, true)]
    public void A_request_made_for_someone_else_starts_unticked_for_not_suitable_and_referred_only(CloseReason outcome, bool ticked)
    {
        Assert.Equal(ticked, OutcomeEmails.DefaultFor(outcome, Request(CallFor.SomeoneElse), new WorkflowOptions()));
    }

    [Theory]
    [InlineData(CloseReason.NotSuitable)]
    [InlineData(CloseReason.ReferredElsewhere)]
    public void A_parent_asking_for_their_child_is_the_child_s_contact_so_the_tick_starts_ticked(CloseReason outcome)
    {
        Assert.True(OutcomeEmails.DefaultFor(outcome, Request(CallFor.ChildUnder16), new WorkflowOptions()));
    }

    [Fact]
    public void Each_outcome_follows_its_own_option()
    {
        var flipped = new WorkflowOptions
        {
            EmailPatientOnBookedAssessment = false,
            EmailPatientOnNotSuitable = false,
            EmailPatientOnReferredElsewhere = false,
            EmailPatientOnNotInterested = true,
            EmailPatientOnNoResponse = false,
        };

        Assert.False(OutcomeEmails.DefaultFor(CloseReason.BookedAssessment, Request(), flipped));
        Assert.False(OutcomeEmails.DefaultFor(CloseReason.NotSuitable, Request(), flipped));
        Assert.False(OutcomeEmails.DefaultFor(CloseReason.ReferredElsewhere, Request(), flipped));
        Assert.True(OutcomeEmails.DefaultFor(CloseReason.NotInterested, Request(), flipped));
        Assert.False(OutcomeEmails.DefaultFor(CloseReason.NoResponse, Request(), flipped));
        // The patient's own cancellation is always confirmed.
        Assert.True(OutcomeEmails.DefaultFor(CloseReason.CancelledByPatient, Request(), flipped));
    }

    [Fact]
    public void A_request_without_an_email_address_is_offered_no_email_at_all()
    {
        var noAddress = Request(email: "  ");

        foreach (var outcome in Enum.GetValues<CloseReason>())
        {
            Assert.False(OutcomeEmails.Offered(outcome, noAddress));
            Assert.False(OutcomeEmails.DefaultFor(outcome, noAddress, new WorkflowOptions()));
        }
    }

    [Fact]
    public void Duplicate_and_spam_have_no_email_and_every_other_ending_has_its_own()
    {
        Assert.Null(OutcomeEmails.KindFor(CloseReason.Duplicate));
        Assert.Null(OutcomeEmails.KindFor(CloseReason.Spam));
        Assert.Equal(
            [
                OutboundEmailKinds.PatientAssessmentBooked, OutboundEmailKinds.PatientNotSuitable, OutboundEmailKinds.PatientReferredElsewhere,
                OutboundEmailKinds.PatientNotInterested, OutboundEmailKinds.PatientNoResponse, OutboundEmailKinds.PatientCancellationConfirmed,
            ],
            Enum.GetValues<CloseReason>().Select(OutcomeEmails.KindFor).OfType<string>());
    }
}
