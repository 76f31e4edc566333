using System.Globalization;
using LeadManager.Data.Sites;
using LeadManager.Web.Configuration;

namespace LeadManager.Web.Scheduling;

/// <summary>
/// "When to expect the call", in words a patient reads: "today before 5pm", "tomorrow
/// morning", "on Monday morning". From the business calendar of the preferred site (all active
/// sites when there is no preference), in clinic time.
/// </summary>
public sealed class ExpectedCallTime(WorkflowTargets targets, ClinicClock clock)
{
    /// <summary>Too close to closing to promise a call today.</summary>
    public static readonly TimeSpan LastCallMargin = TimeSpan.FromMinutes(30);

    // The same calendars, read at most once a minute, that the targets count business time in.
    public async Task<string> DescribeAsync(int? siteId, CancellationToken cancellationToken) =>
        Describe((await targets.CalendarsAsync(cancellationToken)).For(siteId), clock.ClinicNow);

    // Only the calendar's wall-clock hours per day are read here, so the zone does not matter.
    public static string Describe(IReadOnlyCollection<Site> sites, DateTime clinicNow) =>
        Describe(BusinessHours.Combined(sites, TimeZoneInfo.Utc), clinicNow);

    public static string Describe(BusinessHours calendar, DateTime clinicNow)
    {
        var today = DateOnly.FromDateTime(clinicNow);
        for (var offset = 0; offset < 21; offset++)
        {
            var day = today.AddDays(offset);
            if (calendar.HoursOn(day) is not { } hours)
            {
                continue;
            }

            var (opens, closes) = hours;

            if (offset == 0)
            {
                var time = TimeOnly.FromDateTime(clinicNow);
                if (time < opens)
                {
                    return $"this {PartOfDay(opens)}, soon after we open at {Format(opens)}";
                }

                if (time.ToTimeSpan() <= closes.ToTimeSpan() - LastCallMargin)
                {
                    return $"today before {Format(closes)}";
                }

                continue;
            }

            var when = offset == 1 ? "tomorrow" : "on " + day.DayOfWeek.ToString();
            return $"{when} {PartOfDay(opens)}";
        }

        return "as soon as the clinic reopens";
    }

    private static string PartOfDay(TimeOnly opens) => opens.Hour < 12 ? "morning" : opens.Hour < 17 ? "afternoon" : "evening";

    private static string Format(TimeOnly time)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var suffix = time.Hour < 12 ? "am" : "pm";
        return time.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hour}{suffix}")
            : string.Create(CultureInfo.InvariantCulture, $"{hour}:{time.Minute:00}{suffix}");
    }
}
