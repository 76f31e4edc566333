namespace LeadManager.Data.Leads;

public enum LeadChannel
{
    Form = 0,
    Embed = 1,
    Api = 2,
    Phone = 3,
    WalkIn = 4,
}
