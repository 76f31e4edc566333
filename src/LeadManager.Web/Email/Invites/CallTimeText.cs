using System.Globalization;

namespace LeadManager.Web.Email.Invites;

/// <summary>A call's time as a patient email prints it ("Tuesday 8 December at 10:15"), whatever the server's culture.</summary>
internal static class CallTimeText
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string DayAndTime(DateTime clinicTime) => clinicTime.ToString("dddd d MMMM 'at' HH:mm", British);

    public static string Time(DateTime clinicTime) => clinicTime.ToString("HH:mm", British);
}
