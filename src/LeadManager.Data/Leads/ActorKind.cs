namespace LeadManager.Data.Leads;

public enum ActorKind
{
    Staff = 0,
    Patient = 1,
    System = 2,
}
