using LeadManager.Data.Leads;

namespace LeadManager.Data.LiveUpdates;

/// <summary>
/// One row of the change sequence that app servers sharing a database poll to learn what
/// another server changed (LiveUpdates:Mode = DatabasePolling). Rows are short-lived: they
/// carry no patient details, only which lead changed, how, and its new version.
/// </summary>
public sealed class LeadChangeRecord
{
    /// <summary>Ever-increasing: a server remembers the last one it has seen.</summary>
    public long Sequence { get; set; }
    public int LeadId { get; set; }
    public string Reference { get; set; } = "";
    public LeadEventKind What { get; set; }
    public int Version { get; set; }
    public DateTime At { get; set; }

    /// <summary>Which server published it, so that server does not hear its own change twice.</summary>
    public string Origin { get; set; } = "";
}
