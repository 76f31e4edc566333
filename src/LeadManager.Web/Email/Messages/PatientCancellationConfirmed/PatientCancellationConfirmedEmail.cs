namespace LeadManager.Web.Email.Messages.PatientCancellationConfirmed;

/// <summary>
/// To the patient at once when they cancelled their request (from their manage link, or by
/// telling reception): it is closed, nobody will call, and how to ask again. It answers what they
/// did, so it does not wait for quiet hours to end.
/// </summary>
/// <param name="RequestUrl">The request form, to ask again.</param>
public sealed record PatientCancellationConfirmedEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    string RequestUrl) : IEmailModel
{
    public string Subject => $"Your request {Reference} is cancelled";
}
