using LeadManager.Data.Leads;

namespace LeadManager.Web.Features.Board;

public enum TimerLevel
{
    /// <summary>More than half the time to the target is left.</summary>
    OnTrack,
    /// <summary>Half or less of the time is left.</summary>
    Nearing,
    /// <summary>The target has passed.</summary>
    Overdue,
}

/// <summary>Where a card stands against its target, as its timer chip shows it.</summary>
public sealed record TimerState(string Target, TimerLevel Level, TimeSpan Remaining, DateTime DeadlineClinicTime, DateTime ClinicNow)
{
    /// <summary>"Assign: 12 min left", "First call: by 09:15 Fri", "Call: 25 min over".</summary>
    public string Text => Level == TimerLevel.Overdue ? $"{Target}: {Describe(-Remaining)} over"
        : Remaining < TimeSpan.FromHours(1) ? $"{Target}: {Describe(Remaining)} left"
        : DeadlineClinicTime.Date == ClinicNow.Date ? $"{Target}: by {DeadlineClinicTime:HH:mm}"
        : $"{Target}: by {DeadlineClinicTime:HH:mm ddd}";

    private static string Describe(TimeSpan span) => span.TotalMinutes < 1 ? "<1 min"
        : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
        : span.TotalDays < 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
        : $"{(int)span.TotalDays} d {span.Hours} h";
}

/// <summary>
/// The target each open card is timed against: a new request must be assigned within
/// Workflow:AssignWithin, an assigned one called within Workflow:FirstContactWithin of its
/// assignment, and a scheduled call made at its time. Attempted requests have no timer (the
/// next attempt is the clinician's call). The deadlines come from <see cref="Leads.OverdueRules"/>,
/// counted in the site's business hours.
/// </summary>
public static class TargetTimer
{
    public static TimerState? For(LeadStatus status, DateTime? startedUtc, DateTime? deadlineUtc, DateTime nowUtc, Func<DateTime, DateTime> toClinicTime)
    {
        if (startedUtc is null || deadlineUtc is null)
        {
            return null;
        }

        var target = status switch
        {
            LeadStatus.New => "Assign",
            LeadStatus.Assigned => "First call",
            LeadStatus.Scheduled => "Call",
            _ => null,
        };
        if (target is null)
        {
            return null;
        }

        var remaining = deadlineUtc.Value - nowUtc;
        var whole = deadlineUtc.Value - startedUtc.Value;
        var level = remaining <= TimeSpan.Zero ? TimerLevel.Overdue
            : whole <= TimeSpan.Zero || remaining.Ticks * 2 <= whole.Ticks ? TimerLevel.Nearing
            : TimerLevel.OnTrack;
        return new TimerState(target, level, remaining, toClinicTime(deadlineUtc.Value), toClinicTime(nowUtc));
    }
}

/// <summary>The clinician suggested for an unassigned card, with the reason shown on hover.</summary>
public sealed record CardSuggestion(int ClinicianId, string ClinicianName, string Explanation);
