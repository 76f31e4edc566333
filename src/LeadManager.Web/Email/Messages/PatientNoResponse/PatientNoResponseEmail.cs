namespace LeadManager.Web.Email.Messages.PatientNoResponse;

/// <summary>
/// To the patient when their request is closed because we could not reach them: we tried several
/// times and closed it, and they are welcome to ask again (the request form and the clinic's phone).
/// </summary>
/// <param name="RequestUrl">The request form, to ask again.</param>
public sealed record PatientNoResponseEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    string RequestUrl) : IEmailModel
{
    public string Subject => $"We could not reach you about your request {Reference}";
}
