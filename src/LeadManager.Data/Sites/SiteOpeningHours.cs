namespace LeadManager.Data.Sites;

/// <summary>Business hours on one weekday, in clinic local time. No row for a day means closed.</summary>
public sealed class SiteOpeningHours
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}
