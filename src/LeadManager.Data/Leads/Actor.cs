namespace LeadManager.Data.Leads;

/// <summary>Who did something to a lead: a staff member, the patient (manage link) or the system (workflow).</summary>
public sealed record Actor(ActorKind Kind, int? StaffMemberId, string Name)
{
    public static Actor Staff(int staffMemberId, string displayName) => new(ActorKind.Staff, staffMemberId, displayName);

    public static Actor Patient { get; } = new(ActorKind.Patient, null, "Patient");

    public static Actor System { get; } = new(ActorKind.System, null, "LeadManager");
}
