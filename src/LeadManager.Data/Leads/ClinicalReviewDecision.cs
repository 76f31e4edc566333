namespace LeadManager.Data.Leads;

public enum ClinicalReviewDecision
{
    /// <summary>Safe to go ahead with the discovery call and booking.</summary>
    SafeToProceed = 1,
    /// <summary>Physiotherapy is not the right route; close as not suitable or refer.</summary>
    NotSuitableForPhysio = 2,
    /// <summary>The patient needs urgent medical care; refer.</summary>
    NeedsUrgentCare = 3,
}
