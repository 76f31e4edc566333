namespace LeadManager.Web.Email.Messages.PatientCallReminder;

/// <summary>To the patient before their agreed call. No invite: the calendar already has the event. No health details.</summary>
/// <param name="CallAtClinicTime">The call's start in clinic time.</param>
/// <param name="SentOnClinicDay">The clinic's date when the reminder goes out: decides "today", "tomorrow" or the full day.</param>
/// <param name="ClinicianName">The clinician who will call; null when not known.</param>
public sealed record PatientCallReminderEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    DateTime CallAtClinicTime,
    DateOnly SentOnClinicDay,
    string? ClinicianName,
    string ManageUrl) : IEmailModel
{
    /// <summary>"today at 10:15", "tomorrow at 10:15" or "on Tuesday 8 December at 10:15".</summary>
    public string When
    {
        get
        {
            var callDay = DateOnly.FromDateTime(CallAtClinicTime);
            if (callDay == SentOnClinicDay)
            {
                return $"today at {ClinicTimeText.Time(CallAtClinicTime)}";
            }

            return callDay == SentOnClinicDay.AddDays(1)
                ? $"tomorrow at {ClinicTimeText.Time(CallAtClinicTime)}"
                : $"on {ClinicTimeText.DayAndTime(CallAtClinicTime)}";
        }
    }

    public string Subject => $"Reminder: your discovery call {When}";
}
