using LeadManager.Data.Sites;

namespace LeadManager.Web.Scheduling;

/// <summary>
/// Time counted only while a site is open: "assign within 15 business minutes" means 15
/// minutes of opening hours, so a request at 16:55 on a Friday is due at 09:10 on Monday.
/// Opening hours are clinic wall-clock times; instants are UTC. A site with no opening hours
/// at all counts every minute (better an early alarm than none).
/// </summary>
public sealed class BusinessHours
{
    private const int SearchDays = 60;
    private readonly IReadOnlyDictionary<DayOfWeek, (TimeOnly Opens, TimeOnly Closes)> _hours;
    private readonly IReadOnlySet<DateOnly> _closedDays;
    private readonly TimeZoneInfo _zone;

    public BusinessHours(IReadOnlyDictionary<DayOfWeek, (TimeOnly Opens, TimeOnly Closes)> hours, IReadOnlySet<DateOnly> closedDays, TimeZoneInfo zone)
    {
        _hours = hours;
        _closedDays = closedDays;
        _zone = zone;
    }

    /// <summary>One site's hours and closures.</summary>
    public static BusinessHours ForSite(Site site, TimeZoneInfo zone) => new(
        site.OpeningHours.GroupBy(h => h.Day).ToDictionary(g => g.Key, g => (g.Min(h => h.Opens), g.Max(h => h.Closes))),
        site.Closures.Select(c => c.Date).ToHashSet(),
        zone);

    /// <summary>
    /// For a request with no preferred site: open whenever any site is open (earliest opening to
    /// latest closing each day), closed only on a day every site is closed.
    /// </summary>
    public static BusinessHours Combined(IReadOnlyCollection<Site> sites, TimeZoneInfo zone)
    {
        var hours = sites.SelectMany(s => s.OpeningHours).GroupBy(h => h.Day)
            .ToDictionary(g => g.Key, g => (g.Min(h => h.Opens), g.Max(h => h.Closes)));
        // A date one site is closed still counts if another site opens that weekday and is not closed too.
        var trulyClosed = sites.SelectMany(s => s.Closures.Select(c => c.Date)).Distinct()
            .Where(d => sites.All(s => s.Closures.Any(c => c.Date == d) || s.OpeningHours.All(h => h.Day != d.DayOfWeek)))
            .ToHashSet();
        return new BusinessHours(hours, trulyClosed, zone);
    }

    public bool HasHours => _hours.Count > 0;

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

    private (DateTime Opens, DateTime Closes)? Interval(DateOnly day)
    {
        if (_closedDays.Contains(day) || !_hours.TryGetValue(day.DayOfWeek, out var hours) || hours.Closes <= hours.Opens)
        {
            return null;
        }

        return (ToUtc(day.ToDateTime(hours.Opens)), ToUtc(day.ToDateTime(hours.Closes)));
    }

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
