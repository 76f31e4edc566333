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
