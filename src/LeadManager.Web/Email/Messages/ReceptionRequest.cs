using LeadManager.Data.Leads;

namespace LeadManager.Web.Email.Messages;

/// <summary>The request an email to reception is about: who, our reference, the triage and a link. Health details stay in the app.</summary>
public sealed record ReceptionRequest(string PatientName, string Reference, TriageLevel Triage, string Channel, string LeadUrl);
