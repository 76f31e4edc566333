using LeadManager.Data.Leads;
using LeadManager.Data.Staff;

namespace LeadManager.Web.Scheduling;

/// <summary>
/// When to try a patient again after an unanswered call: on the clinician's next working day
/// (the site open, the clinician working and not on leave), at another part of the day than the call that went
/// unanswered (morning after an afternoon, afternoon after a morning), within the patient's
/// preferred times when they gave any. Parts of the day are clinic wall-clock times: morning
/// until 12:00, afternoon until 17:00, evening after. The window is the part of the day cut to
/// the clinician's working periods and the site's opening hours.
/// </summary>
public static class NextAttemptWindow
{
    private const int SearchDays = 14;
    private static readonly TimeSpan Shortest = TimeSpan.FromMinutes(15);

    public enum PartOfDay { Morning, Afternoon, Evening }

    public static PartOfDay PartOf(TimeOnly time) => time.Hour < 12 ? PartOfDay.Morning : time.Hour < 17 ? PartOfDay.Afternoon : PartOfDay.Evening;

    /// <returns>The window (UTC), or null when no working day was found in two weeks (the target then counts Workflow:RetryCallWithin).</returns>
    public static (DateTime From, DateTime By)? After(
        DateTime attemptUtc, IReadOnlyCollection<StaffWorkingHours> clinicianHours, BusinessHours site, PreferredCallTimes preferred, TimeZoneInfo zone,
        IReadOnlyCollection<StaffLeave>? clinicianLeave = null)
    {
        var attemptLocal = TimeZoneInfo.ConvertTimeFromUtc(attemptUtc, zone);
        var triedIn = PartOf(TimeOnly.FromDateTime(attemptLocal));
        var wanted = PartsThePatientPrefers(preferred);
        // Another part of the day first; the same part only when the patient allows no other.
        var order = wanted.Where(p => p != triedIn).Concat(wanted.Where(p => p == triedIn)).ToList();
        var day = DateOnly.FromDateTime(attemptLocal);
        for (var i = 1; i <= SearchDays; i++)
        {
            var candidate = day.AddDays(i);
            if (!DayAllowed(candidate.DayOfWeek, preferred) || site.HoursOn(candidate) is not { } open
                || clinicianLeave?.Any(l => l.Covers(candidate)) == true)
            {
                continue;
            }

            var periods = clinicianHours.Where(h => h.Day == candidate.DayOfWeek).OrderBy(h => h.Starts).ToList();
            foreach (var part in order)
            {
                var (partStarts, partEnds) = Bounds(part);
                foreach (var period in periods)
                {
                    var from = Latest(partStarts, period.Starts, open.Opens);
                    var by = Earliest(partEnds, period.Ends, open.Closes);
                    if (by > from && by - from >= Shortest)
                    {
                        return (ToUtc(candidate, from, zone), ToUtc(candidate, by, zone));
                    }
                }
            }
        }

        return null;
    }

    /// <summary>"tomorrow afternoon", "Monday morning", as the patient's email says when we will try again.</summary>
    public static string Describe(DateTime fromUtc, DateTime todayClinicDate, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(fromUtc, zone);
        var part = PartOf(TimeOnly.FromDateTime(local)) switch
        {
            PartOfDay.Morning => "morning",
            PartOfDay.Afternoon => "afternoon",
            _ => "evening",
        };
        var day = local.Date == todayClinicDate.Date.AddDays(1)
            ? "tomorrow"
            : local.ToString(local.Date - todayClinicDate.Date < TimeSpan.FromDays(7) ? "dddd" : "dddd d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        return $"{day} {part}";
    }

    private static List<PartOfDay> PartsThePatientPrefers(PreferredCallTimes preferred)
    {
        var parts = new List<PartOfDay>(3);
        if (preferred.HasFlag(PreferredCallTimes.Mornings))
        {
            parts.Add(PartOfDay.Morning);
        }

        if (preferred.HasFlag(PreferredCallTimes.Afternoons))
        {
            parts.Add(PartOfDay.Afternoon);
        }

        if (preferred.HasFlag(PreferredCallTimes.Evenings))
        {
            parts.Add(PartOfDay.Evening);
        }

        return parts.Count > 0 ? parts : [PartOfDay.Morning, PartOfDay.Afternoon, PartOfDay.Evening];
    }

    // Weekdays and Saturday are the days the patient may have asked for; no day asked for means any day.
    private static bool DayAllowed(DayOfWeek day, PreferredCallTimes preferred)
    {
        var weekdays = preferred.HasFlag(PreferredCallTimes.Weekdays);
        var saturday = preferred.HasFlag(PreferredCallTimes.Saturday);
        if (!weekdays && !saturday)
        {
            return true;
        }

        return day switch
        {
            DayOfWeek.Saturday => saturday,
            DayOfWeek.Sunday => false,
            _ => weekdays,
        };
    }

    private static (TimeOnly Starts, TimeOnly Ends) Bounds(PartOfDay part) => part switch
    {
        PartOfDay.Morning => (TimeOnly.MinValue, new TimeOnly(12, 0)),
        PartOfDay.Afternoon => (new TimeOnly(12, 0), new TimeOnly(17, 0)),
        _ => (new TimeOnly(17, 0), TimeOnly.MaxValue),
    };

    private static TimeOnly Latest(TimeOnly a, TimeOnly b, TimeOnly c) => a > b ? (a > c ? a : c) : (b > c ? b : c);

    private static TimeOnly Earliest(TimeOnly a, TimeOnly b, TimeOnly c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

    private static DateTime ToUtc(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
