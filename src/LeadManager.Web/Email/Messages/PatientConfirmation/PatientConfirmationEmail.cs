namespace LeadManager.Web.Email.Messages.PatientConfirmation;

/// <summary>To the patient at once. No health details: what happens next, not what hurts.</summary>
public sealed record PatientConfirmationEmail(
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
    public string Subject => $"Your discovery call request {Reference}";
}
