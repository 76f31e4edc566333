using LeadManager.Data.Leads;

namespace LeadManager.Web.LiveUpdates;

/// <summary>A lead changed: which one, how, and the version it is at now. No patient details.</summary>
public sealed record LeadChange(int LeadId, string Reference, LeadEventKind What, int Version);
