using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;

namespace LeadManager.Web.Scheduling;

/// <summary>A free call slot: its start in clinic time (to show), the same instant in UTC (to store), and whether it suits the patient.</summary>
public readonly record struct FreeCallSlot(DateTime Start, DateTime StartUtc, bool MatchesPreferredTimes);

/// <summary>
/// A clinician's free discovery-call slots over the next few days. A slot:
/// <list type="bullet">
/// <item>falls on a day the clinician is not on leave, within their working hours that weekday and within the opening hours of a site
/// they work at: the lead's preferred site if they work there, otherwise any of their active sites;
/// a site gives no hours on its closure days and its region's bank holidays;</item>
/// <item>starts on a grid of the clinician's call length from the start of each such window, and ends
/// by the window's end;</item>
/// <item>does not overlap a call already scheduled for the clinician (each lasting the call length);</item>
/// <item>starts at least <see cref="MinimumNotice"/> from now (the next grid slot after that);</item>
/// <item>exists on the clock: wall-clock times the spring clock change skips are not offered, and
/// existing calls (stored in UTC) are compared in UTC, so they block the right slot either side of a change.</item>
/// </list>
/// Days run from today (clinic time) for <c>days</c> calendar days. Slots in the patient's preferred
/// times come first, then the rest, each in time order; the list is capped at <c>limit</c>.
/// </summary>
public static class FreeCallSlots
{
    public const int DefaultDays = 5;
    public const int DefaultLimit = 12;

    /// <summary>Nobody can agree a call and dial it within less than this.</summary>
    public static readonly TimeSpan MinimumNotice = TimeSpan.FromMinutes(5);

    private const PreferredCallTimes PartsOfDay = PreferredCallTimes.Mornings | PreferredCallTimes.Afternoons | PreferredCallTimes.Evenings;
    private const PreferredCallTimes Days = PreferredCallTimes.Weekdays | PreferredCallTimes.Saturday;

    /// <param name="clinician">With <see cref="StaffMember.WorkingHours"/>, <see cref="StaffMember.Leave"/>, and <see cref="StaffMember.Sites"/> with their opening hours and closures.</param>
    /// <param name="scheduledCallsUtc">Start times of the clinician's calls already agreed, in UTC.</param>
    public static IReadOnlyList<FreeCallSlot> Find(
        StaffMember clinician,
        int? preferredSiteId,
        PreferredCallTimes preferredTimes,
        IReadOnlyCollection<DateTime> scheduledCallsUtc,
        DateTime nowUtc,
        TimeZoneInfo timeZone,
        int days = DefaultDays,
        int limit = DefaultLimit)
    {
        if (clinician.CallLengthMinutes <= 0 || days <= 0 || limit <= 0)
        {
            return [];
        }

        var length = TimeSpan.FromMinutes(clinician.CallLengthMinutes);
        var earliestUtc = nowUtc + MinimumNotice;
        var sites = clinician.Sites.Where(s => s.IsActive).ToList();
        if (sites.Any(s => s.Id == preferredSiteId))
        {
            sites = sites.Where(s => s.Id == preferredSiteId).ToList();
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(nowUtc), timeZone));
        var slots = new List<FreeCallSlot>();
        for (var offset = 0; offset < days; offset++)
        {
            var day = today.AddDays(offset);
            if (clinician.Leave.Any(l => l.Covers(day)))
            {
                continue;
            }

            var working = Merge(clinician.WorkingHours.Where(h => h.Day == day.DayOfWeek).Select(h => (h.Starts, h.Ends)));
            var open = Merge(OpenHours(sites, day));
            foreach (var (from, to) in Intersect(working, open))
            {
                for (var start = from; start + length <= to; start += length)
                {
                    var local = day.ToDateTime(TimeOnly.MinValue) + start;
                    if (timeZone.IsInvalidTime(local))
                    {
                        continue;
                    }

                    var startUtc = TimeZoneInfo.ConvertTimeToUtc(local, timeZone);
                    if (startUtc < earliestUtc || scheduledCallsUtc.Any(call => Overlaps(startUtc, AsUtc(call), length)))
                    {
                        continue;
                    }

                    slots.Add(new FreeCallSlot(local, startUtc, MatchesPreferredTimes(local, preferredTimes)));
                }
            }
        }

        return slots
            .OrderByDescending(s => s.MatchesPreferredTimes)
            .ThenBy(s => s.StartUtc)
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// Mornings: before 12:00; afternoons: 12:00 to 17:00; evenings: from 17:00. Weekdays: Monday to
    /// Friday; Saturday. A patient who ticked no part of the day is happy with any, likewise for days.
    /// </summary>
    public static bool MatchesPreferredTimes(DateTime clinicTime, PreferredCallTimes preferred)
    {
        var hour = clinicTime.Hour;
        var partOfDay = (preferred & PartsOfDay) == 0
            || (preferred.HasFlag(PreferredCallTimes.Mornings) && hour < 12)
            || (preferred.HasFlag(PreferredCallTimes.Afternoons) && hour is >= 12 and < 17)
            || (preferred.HasFlag(PreferredCallTimes.Evenings) && hour >= 17);
        var day = (preferred & Days) == 0
            || (preferred.HasFlag(PreferredCallTimes.Weekdays) && clinicTime.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Friday)
            || (preferred.HasFlag(PreferredCallTimes.Saturday) && clinicTime.DayOfWeek == DayOfWeek.Saturday);
        return partOfDay && day;
    }

    private static IEnumerable<(TimeOnly, TimeOnly)> OpenHours(IEnumerable<Site> sites, DateOnly day) =>
        sites
            .Where(s => !BusinessHours.IsShut(s, day))
            .SelectMany(s => s.OpeningHours.Where(h => h.Day == day.DayOfWeek))
            .Select(h => (h.Opens, h.Closes));

    private static bool Overlaps(DateTime slotUtc, DateTime callUtc, TimeSpan length) =>
        slotUtc < callUtc + length && callUtc < slotUtc + length;

    // Values read back from the database may come without a kind; they are UTC by convention.
    private static DateTime AsUtc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>Periods of one day as sorted, non-overlapping offsets from midnight. A period that ends before it starts is ignored.</summary>
    private static List<(TimeSpan From, TimeSpan To)> Merge(IEnumerable<(TimeOnly From, TimeOnly To)> periods)
    {
        var merged = new List<(TimeSpan From, TimeSpan To)>();
        foreach (var (from, to) in periods.Where(p => p.From < p.To).Select(p => (p.From.ToTimeSpan(), p.To.ToTimeSpan())).OrderBy(p => p.Item1))
        {
            if (merged.Count > 0 && from <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
            }
            else
            {
                merged.Add((from, to));
            }
        }

        return merged;
    }

    private static IEnumerable<(TimeSpan From, TimeSpan To)> Intersect(List<(TimeSpan From, TimeSpan To)> a, List<(TimeSpan From, TimeSpan To)> b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                var from = x.From > y.From ? x.From : y.From;
                var to = x.To < y.To ? x.To : y.To;
                if (from < to)
                {
                    yield return (from, to);
                }
            }
        }
    }
}
