namespace LeadManager.Web.Email.Messages.PatientNotInterested;

/// <summary>To the patient when they did not want to go on: a short thank-you, and how to ask again.</summary>
/// <param name="RequestUrl">The request form, to ask again.</param>
public sealed record PatientNotInterestedEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    string RequestUrl) : IEmailModel
{
    public string Subject => $"Thank you from {ClinicName}";
}
