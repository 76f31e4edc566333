namespace LeadManager.Web.Email.Messages.PatientNotSuitable;

/// <summary>
/// To the patient when the call found an assessment here is not the right next step: kind words,
/// "if things get worse, contact your GP or call NHS 111", and how to ask again. Never the
/// reason, and nothing in the subject says what the call decided.
/// </summary>
/// <param name="RequestUrl">The request form, to ask again.</param>
public sealed record PatientNotSuitableEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    string RequestUrl) : IEmailModel
{
    public string Subject => $"After your discovery call with {ClinicName}";
}
