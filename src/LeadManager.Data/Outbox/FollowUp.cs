using LeadManager.Data.Leads;

namespace LeadManager.Data.Outbox;

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

public enum FollowUpStatus
{
    Pending = 0,
    Done = 1,
    Cancelled = 2,
}
