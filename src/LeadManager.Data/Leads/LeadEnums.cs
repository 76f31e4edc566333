namespace LeadManager.Data.Leads;

public enum LeadStatus
{
    /// <summary>Nobody is assigned yet.</summary>
    New = 0,
    Assigned = 1,
    /// <summary>A call time is agreed.</summary>
    Scheduled = 2,
    /// <summary>At least one unanswered call; another attempt is due.</summary>
    Attempted = 3,
    Closed = 4,
}

public enum CloseReason
{
    BookedAssessment = 1,
    NotSuitable = 2,
    ReferredElsewhere = 3,
    NotInterested = 4,
    NoResponse = 5,
    CancelledByPatient = 6,
    Duplicate = 7,
    Spam = 8,
}

public enum TriageLevel
{
    NotScreened = 0,
    Routine = 1,
    /// <summary>A clinician must review the screening answers before anything is booked.</summary>
    ReviewFirst = 2,
    /// <summary>The patient was advised to seek urgent care now.</summary>
    Emergency = 3,
}

public enum LeadChannel
{
    Form = 0,
    Embed = 1,
    Api = 2,
    Phone = 3,
    WalkIn = 4,
}

public enum ConsentMethod
{
    /// <summary>The patient ticked the consents on the form (or the website's form, through the API).</summary>
    Online = 0,
    /// <summary>The patient agreed aloud to reception on the phone or at the desk; the staff member is on the Created event.</summary>
    Verbal = 1,
}

public enum CallFor
{
    Self = 0,
    ChildUnder16 = 1,
    SomeoneElse = 2,
}

public enum BodyArea
{
    Neck = 1,
    HeadHeadaches = 2,
    Jaw = 3,
    UpperBack = 4,
    LowerBack = 5,
    Shoulder = 6,
    Elbow = 7,
    WristHand = 8,
    Hip = 9,
    Knee = 10,
    AnkleFoot = 11,
    MoreThanOneArea = 12,
    Other = 13,
}

/// <summary>Body areas as a set, for a clinician's specialties.</summary>
[Flags]
public enum BodyAreas
{
    None = 0,
    Neck = 1 << 1,
    HeadHeadaches = 1 << 2,
    Jaw = 1 << 3,
    UpperBack = 1 << 4,
    LowerBack = 1 << 5,
    Shoulder = 1 << 6,
    Elbow = 1 << 7,
    WristHand = 1 << 8,
    Hip = 1 << 9,
    Knee = 1 << 10,
    AnkleFoot = 1 << 11,
    MoreThanOneArea = 1 << 12,
    Other = 1 << 13,
}

public static class BodyAreaSets
{
    public static BodyAreas ToSet(this BodyArea area) => (BodyAreas)(1 << (int)area);

    public static bool Covers(this BodyAreas set, BodyArea area) => (set & area.ToSet()) != 0;
}

public enum SymptomDuration
{
    Days = 1,
    Weeks = 2,
    Months = 3,
    Years = 4,
}

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

public enum Funding
{
    NotSaid = 0,
    SelfPay = 1,
    HealthInsurance = 2,
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

public enum CallAttemptResult
{
    NoAnswer = 1,
    LeftVoicemail = 2,
    Engaged = 3,
    WrongNumber = 4,
    /// <summary>The call was answered; the outcome is recorded on the lead.</summary>
    Answered = 10,
}

public enum ClinicalReviewDecision
{
    /// <summary>Safe to go ahead with the discovery call and booking.</summary>
    SafeToProceed = 1,
    /// <summary>Physiotherapy is not the right route; close as not suitable or refer.</summary>
    NotSuitableForPhysio = 2,
    /// <summary>The patient needs urgent medical care; refer.</summary>
    NeedsUrgentCare = 3,
}

public enum ReferralDestination
{
    GP = 1,
    UrgentCare = 2,
    OtherService = 3,
}

public enum ActorKind
{
    Staff = 0,
    Patient = 1,
    System = 2,
}

public enum LeadEventKind
{
    Created = 0,
    Assigned = 1,
    Unassigned = 2,
    Scheduled = 3,
    Rescheduled = 4,
    CallCancelled = 5,
    AttemptRecorded = 6,
    OutcomeRecorded = 7,
    ClinicalReviewRecorded = 8,
    MarkedDuplicate = 9,
    DuplicateMergedIn = 10,
    MarkedSpam = 11,
    Reopened = 12,
    CancelledByPatient = 13,
    NoteAdded = 14,
    AskedAgain = 15,
    EmailSent = 16,
    EmailRetrying = 17,
    EmailFailed = 18,
    EmailUncertain = 19,
}
