namespace LeadManager.Data.Sites;

/// <summary>A clinic location.</summary>
public sealed class Site
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Phone { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public BankHolidayRegion BankHolidayRegion { get; set; } = BankHolidayRegion.EnglandAndWales;
    public List<SiteOpeningHours> OpeningHours { get; set; } = [];
    public List<SiteClosure> Closures { get; set; } = [];
}

/// <summary>Business hours on one weekday, in clinic local time. No row for a day means closed.</summary>
public sealed class SiteOpeningHours
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

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
