using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Scheduling;

namespace LeadManager.Web.Features.Board;

/// <summary>The timer on each card, from the workflow's targets counted in the site's business hours.</summary>
public sealed class BoardTargets(WorkflowTargets targets, ClinicClock clock)
{
    private WorkflowTargets.Calendars? _calendars;

    /// <summary>Reads the sites' hours (cached for a minute); call before rendering cards.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) => _calendars = await targets.CalendarsAsync(cancellationToken);

    public TimerState? For(BoardCardData card, DateTime nowUtc)
    {
        var target = _calendars?.TargetFor(card.Status, card.SiteId, card.StageStartedAtUtc, card.ScheduledCallAtUtc, card.NextAttemptByUtc);
        return target is null ? null : TargetTimer.For(card.Status, target.StartedUtc, target.DueUtc, nowUtc, clock.ToClinicTime);
    }
}
