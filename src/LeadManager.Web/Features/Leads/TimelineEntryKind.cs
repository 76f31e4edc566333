namespace LeadManager.Web.Features.Leads;

/// <summary>What a line on a lead's timeline stands for; the page colours each kind.</summary>
public enum TimelineEntryKind
{
    Event,
    Note,
    Attempt,
    Review,
    Email,

    /// <summary>A timed step of the workflow ran (an escalation went out) or was no longer needed: a system line, like an email's.</summary>
    FollowUp,
}
