namespace LeadManager.Data.Outbox;

/// <summary>The workflow's timed steps. What each one does, and what voids it, is in <c>docs/architecture.md</c> ("The follow-up workflow").</summary>
public static class FollowUpKinds
{
    /// <summary>Nobody assigned within Workflow:AssignWithin of business time: reception is told.</summary>
    public const string AssignOverdue = "AssignOverdue";

    /// <summary>Still nobody assigned Workflow:EscalateToManagerAfter later: reception and the admins.</summary>
    public const string AssignOverdueToManager = "AssignOverdueToManager";

    /// <summary>Assigned, but no call attempt and no agreed call time within Workflow:FirstContactWithin: the clinician and reception.</summary>
    public const string FirstContactOverdue = "FirstContactOverdue";

    /// <summary>A call to try again (Attempted) not tried within Workflow:RetryCallWithin: the clinician and reception.</summary>
    public const string RetryCallOverdue = "RetryCallOverdue";

    /// <summary>The agreed call time passed by Workflow:MissedCallGrace with nothing recorded: the clinician and reception.</summary>
    public const string MissedCall = "MissedCall";

    /// <summary>A red-flagged request not reviewed within Workflow:ReviewWithin: the site's clinicians on duty, else the admins.</summary>
    public const string ReviewOverdue = "ReviewOverdue";

    /// <summary>An Emergency request (the patient was told to call 999): announced to the clinicians on duty at once, or at the next opening.</summary>
    public const string EmergencyAnnouncement = "EmergencyAnnouncement";

    /// <summary>The clinician was given a request.</summary>
    public const string ClinicianAssigned = "ClinicianAssigned";

    /// <summary>A request was taken away from the clinician (<see cref="FollowUp.StaffMemberId"/>).</summary>
    public const string ClinicianUnassigned = "ClinicianUnassigned";

    /// <summary>A clinician's morning digest at Workflow:DigestAt on a day they work (<see cref="FollowUp.StaffMemberId"/>, no lead).</summary>
    public const string DailyDigest = "DailyDigest";

    /// <summary>
    /// The agreed call's calendar invite (METHOD:REQUEST) with the day and time, to the patient
    /// (no <see cref="FollowUp.StaffMemberId"/>) or to the clinician (<see cref="FollowUp.StaffMemberId"/>);
    /// made for the call time (<see cref="FollowUp.MadeFor"/>) and sequence (<see cref="FollowUp.CallSequence"/>).
    /// </summary>
    public const string CallInvite = "CallInvite";

    /// <summary>The invite taken back (METHOD:CANCEL) from whoever was sent it, while the call time is still ahead.</summary>
    public const string CallInviteCancel = "CallInviteCancel";

    /// <summary>The patient's reminder Workflow:ReminderBefore the agreed call.</summary>
    public const string CallReminder = "CallReminder";

    /// <summary>To the patient after an unanswered call: when we rang, from which number, when we will try again, the manage link.</summary>
    public const string TriedToReach = "TriedToReach";

    /// <summary>A wrong number: no retry; reception is asked to check the contact details.</summary>
    public const string CheckContactDetails = "CheckContactDetails";

    /// <summary>
    /// Workflow:CloseAfterLastAttempt business days after the unanswered call that reached
    /// Workflow:MaxCallAttempts: the request closes as no response with a kind email, or, with its
    /// red flags unreviewed, the clinicians on duty are told instead.
    /// </summary>
    public const string CloseNoResponse = "CloseNoResponse";

    /// <summary>The steps that keep the patient's and the clinician's calendars in step with the agreed call.</summary>
    public static readonly IReadOnlySet<string> CallCalendar = new HashSet<string> { CallInvite, CallInviteCancel, CallReminder };

    /// <summary>The steps whose email goes to the patient when the step names no staff member (a clinician's copy of an invite names one).</summary>
    public static readonly IReadOnlySet<string> PatientSteps = new HashSet<string> { CallInvite, CallInviteCancel, CallReminder, TriedToReach };

    /// <summary>
    /// Whether a step, or an email it wrote, is to the patient: it keeps quiet hours, and the
    /// timeline says "the patient" rather than their address.
    /// </summary>
    public static bool IsToThePatient(string kind, int? staffMemberId) => staffMemberId is null && PatientSteps.Contains(kind);

    /// <summary>The steps that tell someone a request is waiting too long; they mark the board card and the list.</summary>
    public static readonly IReadOnlySet<string> Escalations = new HashSet<string>
    {
        AssignOverdue, AssignOverdueToManager, FirstContactOverdue, RetryCallOverdue, MissedCall, ReviewOverdue,
    };

    /// <summary>What a step is, as the timeline, the outbox and /admin/emails name it.</summary>
    public static string Describe(string kind) => kind switch
    {
        AssignOverdue => "Escalation to reception (not assigned)",
        AssignOverdueToManager => "Escalation to reception and the manager (still not assigned)",
        FirstContactOverdue => "Escalation to the clinician and reception (no first call)",
        RetryCallOverdue => "Escalation to the clinician and reception (call not tried again)",
        MissedCall => "Escalation to the clinician and reception (agreed call not recorded)",
        ReviewOverdue => "Escalation to the clinicians on duty (clinical review waiting)",
        EmergencyAnnouncement => "Urgent-care announcement to the clinicians on duty",
        ClinicianAssigned => "Email to the clinician: request assigned",
        ClinicianUnassigned => "Email to the clinician: request taken away",
        DailyDigest => "Daily digest",
        CallInvite => "Calendar invite for the agreed call",
        CallInviteCancel => "Calendar cancellation for the call",
        CallReminder => "Reminder to the patient before the call",
        TriedToReach => "Email to the patient: we tried to reach you",
        CheckContactDetails => "Escalation to reception (wrong number: check the details)",
        CloseNoResponse => "Close as no response after the last unanswered call",
        _ => kind,
    };
}
