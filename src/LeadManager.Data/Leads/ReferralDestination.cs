namespace LeadManager.Data.Leads;

public enum ReferralDestination
{
    GP = 1,
    UrgentCare = 2,
    OtherService = 3,
}
