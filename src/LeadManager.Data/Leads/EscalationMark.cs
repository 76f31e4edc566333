using LeadManager.Data.Outbox;

namespace LeadManager.Data.Leads;

/// <summary>The escalation a request's mark shows: which step (one of <see cref="FollowUpKinds.Escalations"/>) and when it went out (UTC).</summary>
public sealed record EscalationMark(string Kind, DateTime At)
{
    /// <summary>The mark from the two columns <see cref="LeadEscalations"/> reads; none when no escalation was found.</summary>
    public static EscalationMark? Of(string? kind, DateTime? at) => kind is null || at is null ? null : new EscalationMark(kind, at.Value);
}
