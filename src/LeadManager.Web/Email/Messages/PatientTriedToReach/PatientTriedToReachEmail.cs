namespace LeadManager.Web.Email.Messages.PatientTriedToReach;

/// <summary>
/// To the patient after a call they did not answer: when we rang and from which number, when we
/// will try again, and the manage link to pick a better time. No health details.
/// </summary>
/// <param name="TriedAtClinicTime">When the unanswered call was made, in clinic time.</param>
/// <param name="TryAgain">When we will try again in words ("tomorrow afternoon"); null when no try is planned yet (we will be in touch).</param>
public sealed record PatientTriedToReachEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    DateTime TriedAtClinicTime,
    string? TryAgain,
    string ManageUrl) : IEmailModel
{
    public string TriedAt => ClinicTimeText.DayAndTime(TriedAtClinicTime);

    public string Subject => $"We tried to call you: {ClinicName}";
}
