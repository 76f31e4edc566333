using LeadManager.Web.Email.Invites;

namespace LeadManager.Web.Email.Messages.PatientCallInvite;

/// <summary>
/// To the patient when a call time is agreed, or moved, with the calendar invite attached
/// (<see cref="CallInviteCalendar.Body"/>). No health details: when we call, and how to change it.
/// </summary>
/// <param name="CallAtClinicTime">The call's start in clinic time (<c>Clinic:TimeZone</c>).</param>
/// <param name="ClinicianName">The clinician who will call; null when not yet known.</param>
/// <param name="Moved">The call had another time before: say it has moved.</param>
public sealed record PatientCallInviteEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    DateTime CallAtClinicTime,
    string? ClinicianName,
    string ManageUrl,
    bool Moved) : IEmailModel
{
    public string CallAt => ClinicTimeText.DayAndTime(CallAtClinicTime);

    public string Subject => Moved
        ? $"Your discovery call has moved: {CallAt}"
        : $"Your discovery call with {ClinicName}: {CallAt}";
}
