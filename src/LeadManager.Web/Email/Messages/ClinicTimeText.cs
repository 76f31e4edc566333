using System.Globalization;

namespace LeadManager.Web.Email.Messages;

/// <summary>Clinic times as emails print them ("Mon 6 Apr 09:10" to staff, "Tuesday 8 December at 10:15" to a patient), whatever the server's culture.</summary>
public static class ClinicTimeText
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string When(DateTime clinicTime) => clinicTime.ToString("ddd d MMM HH:mm", British);

    /// <summary>A call's time as a patient email prints it: "Tuesday 8 December at 10:15".</summary>
    public static string DayAndTime(DateTime clinicTime) => clinicTime.ToString("dddd d MMMM 'at' HH:mm", British);

    public static string Time(DateTime clinicTime) => clinicTime.ToString("HH:mm", British);

    public static string Day(DateOnly day) => day.ToString("dddd d MMMM", British);
}
