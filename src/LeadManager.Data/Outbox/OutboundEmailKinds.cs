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

    /// <summary>To Email:ReceptionAddress: the patient picked a (new) call time from their manage link.</summary>
    public const string ReceptionPatientRescheduled = "ReceptionPatientRescheduled";

    /// <summary>To the request's clinician: the patient picked a (new) call time from their manage link.</summary>
    public const string ClinicianPatientRescheduled = "ClinicianPatientRescheduled";

    /// <summary>What an email of this kind is, as the timeline and staff pages say it.</summary>
    public static string Describe(string kind) => kind switch
    {
        PatientConfirmation => "Confirmation email to the patient",
        ReceptionNewRequest => "New-request email to reception",
        ReceptionRepeatRequest => "Asked-again email to reception",
        ReceptionPatientCancelled => "Cancellation email to reception",
        ReceptionPatientRescheduled => "Patient's new call time, to reception",
        ClinicianPatientRescheduled => "Patient's new call time, to the clinician",
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
