using System.Collections.Concurrent;
using LeadManager.Data.Sites;

namespace LeadManager.Web.Scheduling;

/// <summary>
/// The business calendar: time counted only while a site is open. "Assign within 15 business
/// minutes" means 15 minutes of opening hours, so a request at 16:55 on a Friday is due at 09:10
/// on Monday. A site is shut on its closure days and on its region's bank holidays
/// (<see cref="BankHolidays"/>). Opening hours are clinic wall-clock times; instants are UTC. A
/// site with no opening hours at all counts every minute (better an early alarm than none).
/// Every timer, the expected call time and the free call slots ask this one calendar.
/// </summary>
public sealed class BusinessHours
{
    private const int SearchDays = 60;
    private readonly IReadOnlyList<Site> _sites;
    private readonly TimeZoneInfo _zone;

    // The board and the lead list ask every open request's deadline on each render: a day's hours are worked out once.
    private readonly ConcurrentDictionary<DateOnly, (TimeOnly Opens, TimeOnly Closes)?> _hoursByDay = new();

    private BusinessHours(IReadOnlyList<Site> sites, TimeZoneInfo zone)
    {
        _sites = sites;
        _zone = zone;
        HasHours = sites.Any(s => s.OpeningHours.Count > 0);
    }

    /// <summary>One site's hours, closures and bank holidays.</summary>
    public static BusinessHours ForSite(Site site, TimeZoneInfo zone) => new([site], zone);

    /// <summary>
    /// For a request with no preferred site: open whenever any site is open (each day, from the
    /// earliest opening to the latest closing of the sites open that day), closed only on a day
    /// every site is shut.
    /// </summary>
    public static BusinessHours Combined(IReadOnlyCollection<Site> sites, TimeZoneInfo zone) => new(sites.ToList(), zone);

    /// <summary>Whether <paramref name="site"/> is shut all day: a closure or a bank holiday in its region.</summary>
    public static bool IsShut(Site site, DateOnly day) =>
        site.Closures.Any(c => c.Covers(day)) || BankHolidays.IsBankHoliday(site.BankHolidayRegion, day);

    public bool HasHours { get; }

    /// <summary>The clinic's time zone, in which the hours are kept.</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>Opening hours on <paramref name="day"/> in clinic wall-clock time; null when closed.</summary>
    public (TimeOnly Opens, TimeOnly Closes)? HoursOn(DateOnly day) => _hoursByDay.GetOrAdd(day, HoursOfSitesOpenOn);

    /// <summary><paramref name="nowUtc"/> itself while open, else the next opening.</summary>
    public DateTime NextBusinessMoment(DateTime nowUtc) => Add(nowUtc, TimeSpan.Zero);

    /// <summary>The instant <paramref name="duration"/> of opening time after <paramref name="startUtc"/>.</summary>
    public DateTime Add(DateTime startUtc, TimeSpan duration)
    {
        if (!HasHours)
        {
            return startUtc + duration;
        }

        var left = duration;
        foreach (var (opens, closes) in IntervalsFrom(startUtc))
        {
            var from = opens < startUtc ? startUtc : opens;
            var available = closes - from;
            if (available >= left)
            {
                return from + left;
            }

            left -= available;
        }

        return startUtc + duration;
    }

    /// <summary>
    /// The same clinic clock time <paramref name="days"/> open days after <paramref name="startUtc"/>'s
    /// day (a day the site is shut does not count), or that day's opening when the time is before
    /// it, or its closing when after. Without opening hours, calendar days.
    /// </summary>
    public DateTime AddBusinessDays(DateTime startUtc, int days)
    {
        if (!HasHours)
        {
            return startUtc.AddDays(days);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(startUtc, _zone);
        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var counted = 0;
        for (var i = 0; i < SearchDays && counted < days; i++)
        {
            day = day.AddDays(1);
            if (HoursOn(day) is { } hours && ++counted == days)
            {
                var at = time < hours.Opens ? hours.Opens : time > hours.Closes ? hours.Closes : time;
                return ToUtc(day.ToDateTime(at));
            }
        }

        return startUtc.AddDays(days);
    }

    /// <summary>The latest instant from which <paramref name="duration"/> of opening time has passed by <paramref name="endUtc"/>.</summary>
    public DateTime Subtract(DateTime endUtc, TimeSpan duration)
    {
        if (!HasHours)
        {
            return endUtc - duration;
        }

        var left = duration;
        foreach (var (opens, closes) in IntervalsBefore(endUtc))
        {
            var to = closes > endUtc ? endUtc : closes;
            var available = to - opens;
            if (available >= left)
            {
                return to - left;
            }

            left -= available;
        }

        return endUtc - duration;
    }

    /// <summary>Opening time between two instants.</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
        {
            return TimeSpan.Zero;
        }

        if (!HasHours)
        {
            return toUtc - fromUtc;
        }

        var total = TimeSpan.Zero;
        foreach (var (opens, closes) in IntervalsFrom(fromUtc))
        {
            if (opens >= toUtc)
            {
                break;
            }

            var from = opens < fromUtc ? fromUtc : opens;
            var to = closes > toUtc ? toUtc : closes;
            if (to > from)
            {
                total += to - from;
            }
        }

        return total;
    }

    private IEnumerable<(DateTime Opens, DateTime Closes)> IntervalsFrom(DateTime startUtc)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(startUtc, _zone));
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(1))
        {
            if (Interval(day) is { } interval && interval.Closes > startUtc)
            {
                yield return interval;
            }
        }
    }

    private IEnumerable<(DateTime Opens, DateTime Closes)> IntervalsBefore(DateTime endUtc)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(endUtc, _zone));
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(-1))
        {
            if (Interval(day) is { } interval && interval.Opens < endUtc)
            {
                yield return interval;
            }
        }
    }

    private (TimeOnly Opens, TimeOnly Closes)? HoursOfSitesOpenOn(DateOnly day)
    {
        var open = _sites
            .Where(s => !IsShut(s, day))
            .SelectMany(s => s.OpeningHours.Where(h => h.Day == day.DayOfWeek))
            .ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var opens = open.Min(h => h.Opens);
        var closes = open.Max(h => h.Closes);
        return closes > opens ? (opens, closes) : null;
    }

    private (DateTime Opens, DateTime Closes)? Interval(DateOnly day) =>
        HoursOn(day) is { } hours ? (ToUtc(day.ToDateTime(hours.Opens)), ToUtc(day.ToDateTime(hours.Closes))) : null;

    private DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, _zone);
    }
}
