namespace LeadManager.Data.Leads;

// How the lifecycle puts things into words: its refusals, the timeline lines that vary by
// case, and the enums as people read them. Kept apart so Lead.Lifecycle.cs holds the rules.
public sealed partial class Lead
{
    public const string ClinicalReviewRequiredMessage =
        "A clinician must record a clinical review of the red-flag answers before this request can be closed with a call outcome. It can still be closed as a duplicate or as spam.";

    /// <summary>Why a close reason that has its own action cannot be recorded as a call outcome.</summary>
    private static string NotACallOutcome(CloseReason outcome) => outcome switch
    {
        Leads.CloseReason.Duplicate => "Use \"mark as duplicate\" to merge this request into the other one.",
        Leads.CloseReason.Spam => "Use \"mark as spam\" for junk requests.",
        Leads.CloseReason.CancelledByPatient => "Only the patient cancels a request.",
        _ => $"{outcome} is not a call outcome.",
    };

    private static string AssignedDetails(string? previousClinician, string clinician) => previousClinician is null
        ? $"Assigned to {clinician}."
        : $"Reassigned from {previousClinician} to {clinician}.";

    private static string UnassignedDetails(string previousClinician, bool callCancelled) => callCancelled
        ? $"Unassigned from {previousClinician}; the agreed call time was cancelled."
        : $"Unassigned from {previousClinician}.";

    private static string AskedAgainDetails(LeadChannel channel, TriageLevel? raisedTo) => raisedTo is { } triage
        ? $"Asked again ({channel}); triage raised to {triage}."
        : $"Asked again ({channel}).";

    public static string Describe(CloseReason reason) => reason switch
    {
        Leads.CloseReason.BookedAssessment => "assessment booked",
        Leads.CloseReason.NotSuitable => "not suitable for physiotherapy",
        Leads.CloseReason.ReferredElsewhere => "referred elsewhere",
        Leads.CloseReason.NotInterested => "not interested",
        Leads.CloseReason.NoResponse => "no response",
        Leads.CloseReason.CancelledByPatient => "cancelled by the patient",
        Leads.CloseReason.Duplicate => "duplicate",
        Leads.CloseReason.Spam => "spam",
        _ => reason.ToString(),
    };

    public static string Describe(CallAttemptResult result) => result switch
    {
        CallAttemptResult.NoAnswer => "no answer",
        CallAttemptResult.LeftVoicemail => "left a voicemail",
        CallAttemptResult.Engaged => "engaged",
        CallAttemptResult.WrongNumber => "wrong number",
        _ => result.ToString(),
    };

    /// <summary>In the words of the review buttons clinicians press.</summary>
    public static string Describe(ClinicalReviewDecision decision) => decision switch
    {
        ClinicalReviewDecision.SafeToProceed => "safe to book",
        ClinicalReviewDecision.NotSuitableForPhysio => "refer on (not for physiotherapy)",
        ClinicalReviewDecision.NeedsUrgentCare => "advised urgent care",
        _ => decision.ToString(),
    };

    private static string Describe(ReferralDestination destination) => destination switch
    {
        ReferralDestination.GP => "their GP",
        ReferralDestination.UrgentCare => "urgent care",
        ReferralDestination.OtherService => "another service",
        _ => destination.ToString(),
    };
}
