namespace LeadManager.Data.Leads;

public enum Funding
{
    NotSaid = 0,
    SelfPay = 1,
    HealthInsurance = 2,
}
