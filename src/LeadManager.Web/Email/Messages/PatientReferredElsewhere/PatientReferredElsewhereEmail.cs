namespace LeadManager.Web.Email.Messages.PatientReferredElsewhere;

/// <summary>
/// To the patient when the call ended in a referral elsewhere: another service is better placed
/// to help, follow the advice given on the call, and where to turn if things get worse. It never
/// names the service it was (a GP, urgent care...), which would say something about their health,
/// nor the reason or the referral note.
/// </summary>
/// <param name="RequestUrl">The request form, to ask again.</param>
public sealed record PatientReferredElsewhereEmail(
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
