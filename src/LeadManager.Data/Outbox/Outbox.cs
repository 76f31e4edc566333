using LeadManager.Data.Leads;

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

    /// <summary>What an email of this kind is, as the timeline and staff pages say it.</summary>
    public static string Describe(string kind) => kind switch
    {
        PatientConfirmation => "Confirmation email to the patient",
        ReceptionNewRequest => "New-request email to reception",
        ReceptionRepeatRequest => "Asked-again email to reception",
        ReceptionPatientCancelled => "Cancellation email to reception",
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

public enum OutboundEmailStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>Gave up after the retry schedule; someone must look.</summary>
    Failed = 2,
    Cancelled = 3,

    /// <summary>The server could not be reached or answered 4xx: tried again on the retry schedule.</summary>
    Retrying = 4,

    /// <summary>The connection broke after the message was handed over: it may have been delivered, so a person decides.</summary>
    Uncertain = 5,
}

/// <summary>
/// An email that must be sent, written in the same transaction as the change that causes
/// it. The database, not the job store, says what has been sent: a job claims the row
/// (sets <see cref="ClaimedUntil"/> with a conditional update) before it sends.
/// </summary>
public sealed class OutboundEmail
{
    public long Id { get; set; }
    public int? LeadId { get; set; }
    public Lead? Lead { get; set; }

    /// <summary>Which email this is, e.g. "PatientConfirmation"; picks the template.</summary>
    public string Kind { get; set; } = "";

    public string Recipient { get; set; } = "";
    public OutboundEmailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? SmtpMessageId { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum FollowUpStatus
{
    Pending = 0,
    Done = 1,
    Cancelled = 2,
}

/// <summary>A timed step of the follow-up workflow (escalation, reminder, next attempt...).</summary>
public sealed class FollowUp
{
    public long Id { get; set; }
    public int LeadId { get; set; }
    public Lead? Lead { get; set; }
    public string Kind { get; set; } = "";
    public DateTime DueAt { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
