namespace LeadManager.Data.Audit;

/// <summary>
/// One change made by a person on the admin pages (and by later settings pages): who, when,
/// what, and the value before and after. One row per changed field; a change without a field
/// (an invite sent, someone deactivated) has none. Never a password, a token or a health detail.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The staff member who made the change; null for the system (start-up, a job).</summary>
    public int? ActorStaffMemberId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>What kind of thing changed: <see cref="AuditAreas"/>.</summary>
    public string Area { get; set; } = "";

    /// <summary>The changed thing's id in its table (a staff member's or a site's), as text.</summary>
    public string SubjectId { get; set; } = "";

    /// <summary>Its name at the time (a person's display name, a site's name), so the trail reads without joins.</summary>
    public string SubjectName { get; set; } = "";

    /// <summary>What was done, in words: "Invited", "Changed", "Deactivated", "Leave added".</summary>
    public string Action { get; set; } = "";

    public string? Field { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
}

public static class AuditAreas
{
    public const string Staff = "Staff";
    public const string Site = "Site";
    public const string Clinic = "Clinic";
}
