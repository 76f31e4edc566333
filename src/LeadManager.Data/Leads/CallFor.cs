namespace LeadManager.Data.Leads;

public enum CallFor
{
    Self = 0,
    ChildUnder16 = 1,
    SomeoneElse = 2,
}
