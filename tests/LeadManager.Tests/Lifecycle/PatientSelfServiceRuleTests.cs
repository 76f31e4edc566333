using LeadManager.Data.Leads;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

/// <summary>What the patient says from their manage link besides picking a time: the best times to call, and that they will be available.</summary>
public sealed class PatientSelfServiceRuleTests
{
    private static readonly DateTime _at = TestClock.Later;

    [Fact]
    public void New_best_times_replace_the_old_and_leave_the_stage_and_the_call_alone()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Scheduled).Build();
        var stage = lead.StageStartedAt;

        var line = LeadAssert.OneEventAdded(lead, LeadEventKind.PreferredTimesChanged,
            () => lead.ChangePreferredTimes(PreferredCallTimes.Mornings | PreferredCallTimes.Saturday, Actor.Patient, _at));

        Assert.Equal(PreferredCallTimes.Mornings | PreferredCallTimes.Saturday, lead.PreferredCallTimes);
        Assert.Equal("Best times to call changed to: mornings, saturday.", line.Details);
        Assert.Equal(ActorKind.Patient, line.ActorKind);
        Assert.Equal((stage, TestClock.AgreedCallAt), (lead.StageStartedAt, lead.ScheduledCallAt!.Value));
    }

    [Fact]
    public void Clearing_every_best_time_means_any_time()
    {
        var lead = LeadBuilder.ANewLead().Build();
        lead.ChangePreferredTimes(PreferredCallTimes.Evenings, Actor.Patient, _at);

        var line = LeadAssert.OneEventAdded(lead, LeadEventKind.PreferredTimesChanged, () => lead.ChangePreferredTimes(PreferredCallTimes.None, Actor.Patient, _at));

        Assert.Equal("Best times to call changed to: any time.", line.Details);
    }

    [Fact]
    public void The_same_best_times_again_are_refused_as_nothing_to_change()
    {
        var lead = LeadBuilder.ANewLead().Build();
        lead.ChangePreferredTimes(PreferredCallTimes.Evenings, Actor.Patient, _at);

        LeadAssert.Refused(lead, () => lead.ChangePreferredTimes(PreferredCallTimes.Evenings, Actor.Patient, _at));
    }

    [Fact]
    public void Best_times_outside_the_known_ones_are_a_programming_error()
    {
        var lead = LeadBuilder.ANewLead().Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => lead.ChangePreferredTimes((PreferredCallTimes)64, Actor.Patient, _at));
        Assert.Equal(PreferredCallTimes.None, lead.PreferredCallTimes);
    }

    [Theory]
    [InlineData(LeadStatus.New)]
    [InlineData(LeadStatus.Assigned)]
    [InlineData(LeadStatus.Scheduled)]
    [InlineData(LeadStatus.Attempted)]
    public void I_ll_be_available_is_a_timeline_line_that_changes_nothing_else(LeadStatus status)
    {
        var lead = LeadBuilder.InStatus(status).Build();
        var before = LeadSnapshot.Of(lead);

        lead.RecordPatientAvailable(Actor.Patient, _at);

        // The version stays: a receptionist with the request open is not told it changed under them.
        Assert.Equal(before with { EventCount = before.EventCount + 1 }, LeadSnapshot.Of(lead));
        var line = lead.Events[^1];
        Assert.Equal((LeadEventKind.PatientConfirmedAvailable, ActorKind.Patient, _at), (line.Kind, line.ActorKind, line.At));
        Assert.Equal(status == LeadStatus.Scheduled
            ? "The patient said they will be available at the agreed time."
            : "The patient said they will be available when we call.", line.Details);
    }

    [Fact]
    public void I_ll_be_available_on_a_closed_request_is_refused()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Closed).Build();

        LeadAssert.Refused(lead, () => lead.RecordPatientAvailable(Actor.Patient, _at));
    }
}
