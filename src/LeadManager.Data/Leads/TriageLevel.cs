namespace LeadManager.Data.Leads;

public enum TriageLevel
{
    NotScreened = 0,
    Routine = 1,
    /// <summary>A clinician must review the screening answers before anything is booked.</summary>
    ReviewFirst = 2,
    /// <summary>The patient was advised to seek urgent care now.</summary>
    Emergency = 3,
}

/// <summary>
/// The red-flag screening questions a patient answered "yes" to. Which flag means which
/// triage level is decided by the intake screening, not here.
/// </summary>
[Flags]
public enum RedFlags : long
{
    None = 0,
    SuddenSevereHeadache = 1L << 0,
    NeurologicalDeficit = 1L << 1,
    BladderBowelOrSaddleNumbness = 1L << 2,
    FeverWithStiffNeckOrRash = 1L << 3,
    NewNumbnessOrPinsAndNeedles = 1L << 10,
    DizzinessBlackoutsOrDropAttacks = 1L << 11,
    RecentFallOrBlow = 1L << 12,
    WeightLossOrCancerHistory = 1L << 13,
    ConstantNightPain = 1L << 14,
}
