using LeadManager.Data.Leads;
using LeadManager.Data.Staff;

namespace LeadManager.Tests.TestSupport;

/// <summary>
/// Builds a lead in a given status by calling the lifecycle methods themselves, so every
/// test starts from a state the real rules can reach.
/// </summary>
internal sealed class LeadBuilder
{
    private LeadStatus _status = LeadStatus.New;
    private TriageLevel _triage = TriageLevel.Routine;
    private StaffMember _clinician = StaffBuilder.Priya();
    private string _reference = "DC-7K3P9Q";

    public static LeadBuilder ANewLead() => new();

    /// <summary>
    /// New: just created. Assigned: assigned to Priya. Scheduled: assigned, call agreed for
    /// <see cref="TestClock.AgreedCallAt"/>. Attempted: assigned, one unanswered call.
    /// Closed: marked as spam with nobody assigned.
    /// </summary>
    public static LeadBuilder InStatus(LeadStatus status) => new() { _status = status };

    public LeadBuilder WithTriage(TriageLevel triage)
    {
        _triage = triage;
        return this;
    }

    public LeadBuilder AssignedTo(StaffMember clinician)
    {
        _clinician = clinician;
        return this;
    }

    public LeadBuilder WithReference(string reference)
    {
        _reference = reference;
        return this;
    }

    public Lead Build()
    {
        var by = StaffBuilder.Reception;
        var now = TestClock.Now;
        var lead = Lead.Create(_reference, LeadChannel.Form, _triage, Actor.System, now);
        switch (_status)
        {
            case LeadStatus.New:
                break;
            case LeadStatus.Assigned:
                lead.Assign(_clinician, by, now);
                break;
            case LeadStatus.Scheduled:
                lead.Assign(_clinician, by, now);
                lead.Schedule(TestClock.AgreedCallAt, by, now);
                break;
            case LeadStatus.Attempted:
                lead.Assign(_clinician, by, now);
                lead.RecordAttempt(_clinician, CallAttemptResult.NoAnswer, null, by, now);
                break;
            case LeadStatus.Closed:
                lead.MarkSpam(by, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(_status), _status, "No recipe for this status.");
        }

        if (lead.Status != _status)
        {
            throw new InvalidOperationException($"Builder meant to make a {_status} lead but made {lead.Status}.");
        }

        return lead;
    }
}
