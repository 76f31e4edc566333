namespace LeadManager.Data.Leads;

[Flags]
public enum PreviousCare
{
    None = 0,
    GP = 1,
    Scan = 2,
    NeurologistOrConsultant = 4,
    OtherPhysio = 8,
    Surgery = 16,
    NothingYet = 32,
}
