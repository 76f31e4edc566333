namespace LeadManager.Data.Leads;

public enum SymptomDuration
{
    Days = 1,
    Weeks = 2,
    Months = 3,
    Years = 4,
}
