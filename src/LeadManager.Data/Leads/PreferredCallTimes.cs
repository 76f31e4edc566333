namespace LeadManager.Data.Leads;

[Flags]
public enum PreferredCallTimes
{
    None = 0,
    Mornings = 1,
    Afternoons = 2,
    Evenings = 4,
    Weekdays = 8,
    Saturday = 16,
}
