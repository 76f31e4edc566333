using LeadManager.Data.Leads;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

public sealed class RepeatRequestTests
{
    private static readonly DateTime At = TestClock.Now.AddHours(2);

    [Fact]
    public void Asking_again_adds_an_event_and_a_note_and_raises_the_lead()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();
        var version = lead.Version;

        lead.RecordRepeatRequest(LeadChannel.Form, TriageLevel.Routine, RedFlags.None, "Asked again: still sore.", Actor.Patient, At);

        Assert.Equal(LeadEventKind.AskedAgain, lead.Events[^1].Kind);
        Assert.Equal(version + 1, lead.Version);
        Assert.Equal(At, lead.LastRequestedAt);
        Assert.Equal("Asked again: still sore.", Assert.Single(lead.Notes).Text);
        Assert.Null(lead.Notes[0].AuthorId);
        Assert.Equal(LeadStatus.Assigned, lead.Status);
    }

    [Fact]
    public void New_red_flags_raise_the_triage_and_need_a_fresh_review()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).WithTriage(TriageLevel.ReviewFirst).Build();
        lead.RecordClinicalReview(StaffBuilder.Priya(), ClinicalReviewDecision.SafeToProceed, null, Actor.System, At);
        Assert.False(lead.NeedsClinicalReview);

        lead.RecordRepeatRequest(LeadChannel.Api, TriageLevel.Emergency, RedFlags.SuddenSevereHeadache, null, Actor.Patient, At.AddHours(1));

        Assert.Equal(TriageLevel.Emergency, lead.Triage);
        Assert.True(lead.NeedsClinicalReview);
        Assert.True(lead.RedFlags.HasFlag(RedFlags.SuddenSevereHeadache));
        Assert.Contains("triage raised", lead.Events[^1].Details);
    }

    [Fact]
    public void A_repeat_never_lowers_the_triage()
    {
        var lead = LeadBuilder.ANewLead().WithTriage(TriageLevel.Emergency).Build();

        lead.RecordRepeatRequest(LeadChannel.Form, TriageLevel.Routine, RedFlags.None, null, Actor.Patient, At);

        Assert.Equal(TriageLevel.Emergency, lead.Triage);
    }

    [Fact]
    public void A_closed_lead_cannot_take_a_repeat()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Closed).Build();

        LeadAssert.Refused(lead, () => lead.RecordRepeatRequest(LeadChannel.Form, TriageLevel.Routine, RedFlags.None, null, Actor.Patient, At));
    }
}
