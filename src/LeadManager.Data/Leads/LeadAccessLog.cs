namespace LeadManager.Data.Leads;

/// <summary>Who opened which lead's health details, and when (data-protection audit).</summary>
public sealed class LeadAccessLog
{
    public long Id { get; set; }
    public int LeadId { get; set; }
    public string UserId { get; set; } = "";
    public int? StaffMemberId { get; set; }
    public DateTime At { get; set; }

    /// <summary>What was opened, e.g. "lead page" or "export".</summary>
    public string What { get; set; } = "";
}
