namespace LeadManager.Web.Features.Leads;

/// <summary>What a line on a lead's timeline stands for; the page colours each kind.</summary>
public enum TimelineEntryKind
{
    Event,
    Note,
    Attempt,
    Review,
    Email,
}
