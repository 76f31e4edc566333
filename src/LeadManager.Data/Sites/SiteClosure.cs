namespace LeadManager.Data.Sites;

/// <summary>
/// A day the site is shut beyond its region's bank holidays: a training day, or a one-off holiday
/// (a coronation, a state funeral) that the bank-holiday rules cannot know.
/// </summary>
public sealed class SiteClosure
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DateOnly Date { get; set; }
    public string Reason { get; set; } = "";
}
