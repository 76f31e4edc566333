namespace LeadManager.Data.Outbox;

/// <summary>Which email an outbox row is; each picks its template in the follow-up workflow.</summary>
public static class OutboundEmailKinds
{
    /// <summary>To the patient at once: reference, what happens next, the manage link.</summary>
    public const string PatientConfirmation = "PatientConfirmation";

    /// <summary>To Email:ReceptionAddress at once: a new request arrived.</summary>
    public const string ReceptionNewRequest = "ReceptionNewRequest";

    /// <summary>To Email:ReceptionAddress: someone with an open request asked again.</summary>
    public const string ReceptionRepeatRequest = "ReceptionRepeatRequest";

    /// <summary>To Email:ReceptionAddress: the patient cancelled from their manage link.</summary>
    public const string ReceptionPatientCancelled = "ReceptionPatientCancelled";

    // The email a request's ending sends the patient (the outcome form's tick): what happens
    // next, never why. Each waits out quiet hours but the cancellation's confirmation, which
    // answers what the patient did.

    /// <summary>To the patient: their first assessment is booked (when, where, what to bring).</summary>
    public const string PatientAssessmentBooked = "PatientAssessmentBooked";

    /// <summary>To the patient: not suitable for an assessment here; kind words and where to turn if things get worse.</summary>
    public const string PatientNotSuitable = "PatientNotSuitable";

    /// <summary>To the patient: another service is better placed to help; never where, or why.</summary>
    public const string PatientReferredElsewhere = "PatientReferredElsewhere";

    /// <summary>To the patient: a short thank-you when they did not want to go on.</summary>
    public const string PatientNotInterested = "PatientNotInterested";

    /// <summary>To the patient at once: their cancellation is done.</summary>
    public const string PatientCancellationConfirmed = "PatientCancellationConfirmed";

    /// <summary>To the patient: we tried to reach them several times and closed the request; they may ask again.</summary>
    public const string PatientNoResponse = "PatientNoResponse";

    /// <summary>To Email:ReceptionAddress: the patient picked a (new) call time from their manage link.</summary>
    public const string ReceptionPatientRescheduled = "ReceptionPatientRescheduled";

    /// <summary>To the request's clinician: the patient picked a (new) call time from their manage link.</summary>
    public const string ClinicianPatientRescheduled = "ClinicianPatientRescheduled";

    // A staff member's own account emails: no request, StaffMemberId set, and the link in them is
    // made when the email is composed (so the outbox row holds no secret). Never patient data.

    /// <summary>To a new staff member: a one-time, expiring link to choose their password.</summary>
    public const string StaffInvite = "StaffInvite";

    /// <summary>To a staff member, sent by an admin: a one-time, expiring link to choose a new password.</summary>
    public const string StaffPasswordReset = "StaffPasswordReset";

    /// <summary>The emails about a staff member's own account (each to one staff member, about no request).</summary>
    public static bool IsStaffAccountEmail(string kind) => kind is StaffInvite or StaffPasswordReset;

    /// <summary>To Email:ReceptionAddress, asked for by an admin on /admin: proves mail reaches reception. No request.</summary>
    public const string ReceptionTestEmail = "ReceptionTestEmail";

    /// <summary>What an email of this kind is, as the timeline and staff pages say it.</summary>
    public static string Describe(string kind) => kind switch
    {
        PatientConfirmation => "Confirmation email to the patient",
        ReceptionNewRequest => "New-request email to reception",
        ReceptionRepeatRequest => "Asked-again email to reception",
        ReceptionPatientCancelled => "Cancellation email to reception",
        PatientAssessmentBooked => "Assessment-booked email to the patient",
        PatientNotSuitable => "Not-suitable email to the patient",
        PatientReferredElsewhere => "Referred-elsewhere email to the patient",
        PatientNotInterested => "Thank-you email to the patient",
        PatientCancellationConfirmed => "Cancellation confirmation to the patient",
        PatientNoResponse => "Closing email to the patient (no response)",
        ReceptionPatientRescheduled => "Patient's new call time, to reception",
        ClinicianPatientRescheduled => "Patient's new call time, to the clinician",
        StaffInvite => "Invitation to set a password, to the staff member",
        StaffPasswordReset => "Password-reset link, to the staff member",
        ReceptionTestEmail => "Test email to reception",
        _ => kind,
    };

    public static OutboundEmail Due(Leads.Lead lead, string kind, string recipient, DateTime nowUtc) => new()
    {
        Lead = lead,
        Kind = kind,
        Recipient = recipient,
        Status = OutboundEmailStatus.Pending,
        NextAttemptAt = nowUtc,
        CreatedAt = nowUtc,
    };
}
