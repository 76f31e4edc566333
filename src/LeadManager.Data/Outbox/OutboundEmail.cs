using LeadManager.Data.Leads;

namespace LeadManager.Data.Outbox;

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

    /// <summary>The staff member the email is to, when it is to one (an escalation, an assignment, a digest); null for the patient and for reception's shared address.</summary>
    public int? StaffMemberId { get; set; }

    /// <summary>The follow-up step that wrote this email, if one did.</summary>
    public long? FollowUpId { get; set; }
    public OutboundEmailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }

    /// <summary>The process holding the claim, so a restart releases its dead predecessor's claims at once.</summary>
    public string? ClaimedBy { get; set; }
    public string? SmtpMessageId { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
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
