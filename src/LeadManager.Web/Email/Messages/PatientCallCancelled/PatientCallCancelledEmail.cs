namespace LeadManager.Web.Email.Messages.PatientCallCancelled;

/// <summary>
/// To the patient when their agreed call is cancelled, with the invite's CANCEL attached so their
/// calendar drops the event. No health details, and no reason: only that the call is off and what happens next.
/// </summary>
/// <param name="CallAtClinicTime">The cancelled call's start in clinic time.</param>
/// <param name="StillOpen">The request goes on: we will be in touch to agree a new time.</param>
/// <param name="ManageUrl">The patient's manage link; null when the request is closed.</param>
public sealed record PatientCallCancelledEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    DateTime CallAtClinicTime,
    bool StillOpen,
    string? ManageUrl) : IEmailModel
{
    public string CallAt => ClinicTimeText.DayAndTime(CallAtClinicTime);

    public string Subject => $"Your discovery call on {CallAt} is cancelled";
}
