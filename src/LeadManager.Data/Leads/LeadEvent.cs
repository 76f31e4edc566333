namespace LeadManager.Data.Leads;

/// <summary>One line of a lead's timeline. Details never hold health information.</summary>
public sealed class LeadEvent
{
    public long Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public DateTime At { get; private set; }
    public LeadEventKind Kind { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public int? ActorStaffMemberId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Details { get; private set; } = "";

    /// <summary>
    /// The time the event is about (the agreed call, the booked assessment), in UTC. Kept out
    /// of <see cref="Details"/> so every page can show it in clinic time.
    /// </summary>
    public DateTime? Time { get; private set; }

    /// <summary>For a moved call: the time it was moved from (UTC).</summary>
    public DateTime? PreviousTime { get; private set; }

    private LeadEvent()
    {
    }

    /// <summary>
    /// A line about an email sent for the lead. Not a lifecycle action: it changes nothing on
    /// the lead, so it is added on its own without touching the lead's version.
    /// </summary>
    public static LeadEvent ForEmail(int leadId, LeadEventKind kind, DateTime at, string details) => new()
    {
        LeadId = leadId,
        Kind = kind,
        ActorKind = ActorKind.System,
        ActorName = Actor.System.Name,
        At = at,
        Details = details.Length > 500 ? details[..500] : details,
    };

    /// <summary>A line about a follow-up step (an escalation sent, a step skipped): like an email line, it leaves the lead's version alone, so nobody's open dialog turns into a conflict.</summary>
    public static LeadEvent ForStep(int leadId, LeadEventKind kind, DateTime at, string details) => ForEmail(leadId, kind, at, details);

    internal static LeadEvent For(Lead lead, LeadEventKind kind, Actor by, DateTime at, string details, DateTime? time = null, DateTime? previousTime = null) => new()
    {
        Time = time,
        PreviousTime = previousTime,
        Lead = lead,
        Kind = kind,
        ActorKind = by.Kind,
        ActorStaffMemberId = by.StaffMemberId,
        ActorName = by.Name,
        At = at,
        Details = details,
    };
}
