namespace LeadManager.Web.Email.Invites;

/// <summary>
/// What a call's calendar event says (SUMMARY and DESCRIPTION). A calendar entry is copied to
/// phones and shared calendars, so it says less than the email: the patient's copy names the
/// clinic and how to change the call; the clinician's copy carries our reference and a link only,
/// never the patient's name or anything about their health.
/// </summary>
public static class CallInviteText
{
    public static string PatientSummary(string clinicName) => $"Discovery call with {clinicName}";

    /// <param name="manageUrl">The patient's manage link; null once the request is closed.</param>
    /// <param name="clinicPhone">Empty when the clinic has none configured.</param>
    public static string PatientDescription(string clinicName, string clinicPhone, string? manageUrl, InviteMethod method)
    {
        var howToChange = (HasText(manageUrl), HasText(clinicPhone)) switch
        {
            (true, true) => $"use {manageUrl} or phone {clinicPhone}",
            (true, false) => $"use {manageUrl}",
            (false, true) => $"phone {clinicPhone}",
            _ => $"contact {clinicName}",
        };

        return method == InviteMethod.Request
            ? $"{clinicName} will phone you at this time. Replying to this invite changes nothing: to change or cancel the call {howToChange}."
            : $"{clinicName} has cancelled this call. Replying to this invite changes nothing: to ask about it {howToChange}.";
    }

    public static string ClinicianSummary(string reference) => $"Discovery call {reference}";

    public static string ClinicianDescription(string leadUrl) => $"Open the request for the details:\n{leadUrl}";

    private static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);
}
