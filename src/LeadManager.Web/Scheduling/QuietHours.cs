namespace LeadManager.Web.Scheduling;

/// <summary>
/// The nightly hours in which no email goes to a patient (Workflow:QuietHoursStart to
/// Workflow:QuietHoursEnd, clinic time, usually across midnight). Worked out on the clinic's
/// wall clock, so the same 21:00 to 08:00 holds on the nights the clocks change (the period is
/// then an hour longer or shorter). The one place patient emails learn when they may go.
/// </summary>
public sealed class QuietHours(TimeOnly start, TimeOnly end, TimeZoneInfo zone)
{
    /// <summary>How early a reminder that would fall in quiet hours goes instead: far enough ahead of them that a sweep or a retry does not push it in.</summary>
    public static readonly TimeSpan ReminderMargin = TimeSpan.FromMinutes(30);

    public TimeZoneInfo Zone => zone;

    public static QuietHours From(WorkflowOptions options, TimeZoneInfo zone) => new(options.QuietHoursStart, options.QuietHoursEnd, zone);

    /// <summary>How long quiet hours last on a day without a clock change.</summary>
    public static TimeSpan Length(TimeOnly start, TimeOnly end) => end > start ? end - start : TimeSpan.FromDays(1) - (start - end);

    public bool IsQuiet(DateTime utc) => Containing(utc) is not null;

    /// <summary><paramref name="utc"/> itself when it is not in quiet hours, else the moment they end.</summary>
    public DateTime NextAllowed(DateTime utc) => Containing(utc) is { } period ? period.EndUtc : utc;

    /// <summary>
    /// When a patient email meant for <paramref name="utc"/> goes instead: then, or when it falls
    /// in quiet hours, <see cref="ReminderMargin"/> before they began (the evening before a
    /// morning call).
    /// </summary>
    public DateTime LatestBefore(DateTime utc) => Containing(utc) is { } period ? period.StartUtc - ReminderMargin : utc;

    /// <summary>The quiet period (UTC start and end) that <paramref name="utc"/> falls in, or null.</summary>
    public (DateTime StartUtc, DateTime EndUtc)? Containing(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var day = DateOnly.FromDateTime(local);
        // The period that began today, and the one that began yesterday (still running after midnight).
        foreach (var began in new[] { day, day.AddDays(-1) })
        {
            var startUtc = ToUtc(began, start);
            var endUtc = ToUtc(end > start ? began : began.AddDays(1), end);
            if (utc >= startUtc && utc < endUtc)
            {
                return (startUtc, endUtc);
            }
        }

        return null;
    }

    // A wall-clock time that does not exist (skipped at the spring change) is taken an hour on;
    // one that happens twice (autumn) is taken the first time.
    private DateTime ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
