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

    /// <summary>The clinician who receives this site's clinical-review escalations; null: every clinician on duty there.</summary>
    public int? DutyClinicianId { get; set; }

    /// <summary>Raised by every admin change, so two admins editing one site cannot overwrite each other.</summary>
    public int Version { get; set; }
}
