using System.Globalization;

namespace LeadManager.Web.Email.Messages;

/// <summary>Clinic times as staff emails print them ("Mon 6 Apr 09:10"), whatever the server's culture.</summary>
public static class ClinicTimeText
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string When(DateTime clinicTime) => clinicTime.ToString("ddd d MMM HH:mm", British);

    public static string Time(DateTime clinicTime) => clinicTime.ToString("HH:mm", British);

    public static string Day(DateOnly day) => day.ToString("dddd d MMMM", British);
}
