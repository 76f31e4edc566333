using LeadManager.Data.Leads;

namespace LeadManager.Data.Outbox;

/// <summary>
/// A timed step of the follow-up workflow: an escalation, an announcement, a clinician's email
/// or digest. <c>FollowUpPlanner</c> writes and voids steps in the same transaction as the
/// change that causes them; the step job claims a due one, re-reads its lead, and either writes
/// its outbox emails (Done) or records why it no longer applies (Skipped). A step never sends
/// anything itself.
/// </summary>
public sealed class FollowUp
{
    public long Id { get; set; }

    /// <summary>The request the step is about; null for a staff member's own step (the daily digest).</summary>
    public int? LeadId { get; set; }
    public Lead? Lead { get; set; }

    /// <summary>The staff member the step is for when it is not about the lead's current clinician (a digest, a request taken away).</summary>
    public int? StaffMemberId { get; set; }

    /// <summary>Which step this is, one of <see cref="FollowUpKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public DateTime DueAt { get; set; }
    public FollowUpStatus Status { get; set; }

    /// <summary>
    /// The moment the step is counted from, which says which breach it is about: the start of the
    /// lead's current stage (<see cref="Lead.StageStartedAt"/>), the review request, or the digest's
    /// day. A step of the same kind made for the same moment is never written twice, so each
    /// escalation goes out once per breach; when the lead moves on the moment changes and the
    /// step is re-armed.
    /// </summary>
    public DateTime MadeFor { get; set; }

    /// <summary>The lead's version when the step was planned (0 for a staff member's own step).</summary>
    public int MadeForVersion { get; set; }

    /// <summary>
    /// For a calendar invite, its cancellation or the reminder: the lead's
    /// <see cref="Lead.CalendarSequence"/> it was written for (the invite's SEQUENCE), beside the
    /// call time in <see cref="MadeFor"/>. Null for every other step.
    /// </summary>
    public int? CallSequence { get; set; }

    /// <summary>Why a step was skipped or cancelled, for the timeline and for whoever inherits a puzzle.</summary>
    public string? SkipReason { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    /// <summary>The process holding the claim (<c>ClaimOwner</c>), so a restart releases its dead predecessor's claims at once.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
