using System.Globalization;
using LeadManager.Web.Configuration;

namespace LeadManager.Web.Features.Leads;

/// <summary>How the lead page shows a stored time and reads a typed one, so its panels and forms agree.</summary>
public static class LeadTimes
{
    /// <summary>The value format of a date-and-time input box.</summary>
    public const string InputFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>A stored UTC time as clinic time, "Tue 1 Dec 2026, 09:30"; empty for none.</summary>
    public static string Format(this ClinicClock clock, DateTime? utc) =>
        utc is null ? "" : clock.ToClinicTime(utc.Value).ToString("ddd d MMM yyyy, HH:mm");

    /// <summary>
    /// A stored UTC time near now, as a sentence says it: "at 10:15" today, "on Mon at 09:15"
    /// within a week either way, else "on 23 Nov at 09:15".
    /// </summary>
    public static string Moment(this ClinicClock clock, DateTime utc)
    {
        var at = clock.ToClinicTime(utc);
        var days = Math.Abs((at.Date - clock.ClinicNow.Date).Days);
        var time = at.ToString("HH:mm", CultureInfo.InvariantCulture);
        return days switch
        {
            0 => $"at {time}",
            < 7 => $"on {at.ToString("ddd", CultureInfo.InvariantCulture)} at {time}",
            _ => $"on {at.ToString("d MMM", CultureInfo.InvariantCulture)} at {time}",
        };
    }

    public static string ToInput(DateTime clinicTime) => clinicTime.ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>A date-and-time box's value (with or without seconds) as clinic time; null if it is not one.</summary>
    public static DateTime? ParseInput(string? value) =>
        DateTime.TryParseExact(value, [InputFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : null;
}
