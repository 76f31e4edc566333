using LeadManager.Data.Leads;

namespace LeadManager.Web.LiveUpdates;

/// <summary>A lead changed: which one, how, and the version it is at now. No patient details.</summary>
public sealed record LeadChange(int LeadId, string Reference, LeadEventKind What, int Version)
{
    /// <summary>
    /// Not one lead: the clinic's setup (sites, hours, closures, duty clinicians) changed. Open
    /// boards and lists reload, since timers, site filters and free slots depend on it; it travels
    /// like any change, so other servers hear it through the change sequence.
    /// </summary>
    public static LeadChange ClinicSetup { get; } = new(0, "", LeadEventKind.ClinicSetupChanged, 0);

    public bool IsClinicSetup => What == LeadEventKind.ClinicSetupChanged;
}
