namespace LeadManager.Data.Sites;

/// <summary>
/// Days the site is shut beyond its region's bank holidays, first and last day included: a
/// training day, a refurbishment, or a one-off holiday (a coronation, a state funeral) that the
/// bank-holiday rules cannot know.
/// </summary>
public sealed class SiteClosure
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    public string Reason { get; set; } = "";

    public bool Covers(DateOnly day) => FirstDay <= day && day <= LastDay;
}
