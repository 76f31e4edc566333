using LeadManager.Web.Email;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>To the patient at once. No health details: what happens next, not what hurts.</summary>
public sealed record PatientConfirmation(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    string ExpectedCall,
    bool Emergency,
    bool ReviewFirst,
    string ManageUrl) : IEmailModel
{
    public static string TemplateName => "PatientConfirmation";
}

/// <summary>To reception: who, the reference, the triage level and a link. Health details stay in the app.</summary>
public sealed record ReceptionNotification(
    string ClinicName,
    string PatientName,
    string Reference,
    string TriageLabel,
    bool Urgent,
    string Channel,
    string LeadUrl,
    string Headline) : IEmailModel
{
    public static string TemplateName => "ReceptionNotification";
}
