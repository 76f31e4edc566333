using LeadManager.Data.Leads;

namespace LeadManager.Web.Email.Messages;

/// <summary>
/// The request an email to reception is about: our reference, the triage and a link. No patient
/// name (a name beside a triage word is health information about that person) and no health
/// details: both stay in the app, behind the link.
/// </summary>
public sealed record ReceptionRequest(string Reference, TriageLevel Triage, string Channel, string LeadUrl);
