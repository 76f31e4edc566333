using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Tests.TestSupport;

namespace LeadManager.Tests.Lifecycle;

/// <summary>What every lead and every action has: the start of a new lead, and the event each action writes on the timeline.</summary>
public sealed class LeadLifecycleRuleTests
{
    private static readonly DateTime _at = TestClock.Later;

    private readonly Actor _reception = StaffBuilder.Reception;
    private readonly StaffMember _priya = StaffBuilder.Priya();

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
}
