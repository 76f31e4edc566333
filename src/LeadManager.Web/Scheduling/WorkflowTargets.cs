using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Web.Configuration;
using LeadManager.Web.LiveUpdates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Scheduling;

/// <summary>What an open request is timed against now: when its target started and when it is due (UTC).</summary>
public sealed record LeadTarget(DateTime StartedUtc, DateTime DueUtc);

/// <summary>
/// The workflow's targets, counted in the preferred site's business hours (all sites' hours when
/// there is none) from the start of the request's current stage (<see cref="Lead.StageStartedAt"/>):
/// a New request is due for assignment Workflow:AssignWithin after it arrived (or was unassigned
/// or reopened); an Assigned one is due its first call Workflow:FirstContactWithin after it was
/// assigned; an Attempted one is due its next try Workflow:RetryCallWithin after the last; a
/// Scheduled one is due at its call time. The lead list's "overdue now", the board's timers, the
/// clinician's list and the escalations all use this one rule. An Attempted request whose next try
/// was planned in a part of the clinician's next working day (<see cref="Lead.NextAttemptBy"/>)
/// is due by the end of it.
/// </summary>
public sealed class WorkflowTargets(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock, IOptionsMonitor<WorkflowOptions> options, TimeProvider timeProvider, ClinicSetupChanges setup)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private volatile Snapshot? _snapshot;

    public async Task<Calendars> CalendarsAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        // A site changed in the app (ClinicSetupChanges) is read again at once, not after the minute;
        // the count is taken before the read, so a change saved during it makes the next call read again.
        var generation = setup.Generation;
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Generation == generation && now - snapshot.ReadAt < Freshness)
        {
            return snapshot.Calendars;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking().Include(s => s.OpeningHours).Include(s => s.Closures).AsSplitQuery().ToListAsync(cancellationToken);
        var calendars = new Calendars(
            sites.ToDictionary(s => s.Id, s => BusinessHours.ForSite(s, clock.TimeZone)),
            BusinessHours.Combined(sites.Where(s => s.IsActive).ToList(), clock.TimeZone),
            options);
        _snapshot = new Snapshot(calendars, now, generation);
        return calendars;
    }

    private sealed record Snapshot(Calendars Calendars, DateTimeOffset ReadAt, long Generation);

    /// <summary>Every site's business hours, read once a minute at most (at once after a change made in the app).</summary>
    /// <remarks>The options are read on every call (a monitor, not a copy), so a changed timing applies at once.</remarks>
    public sealed class Calendars(IReadOnlyDictionary<int, BusinessHours> bySite, BusinessHours anySite, IOptionsMonitor<WorkflowOptions> options)
    {
        public Calendars(IReadOnlyDictionary<int, BusinessHours> bySite, BusinessHours anySite, WorkflowOptions fixedOptions)
            : this(bySite, anySite, new FixedOptions(fixedOptions))
        {
        }

        public WorkflowOptions Options => options.CurrentValue;

        /// <summary>When patient emails may go, in the clinic's zone, as today's options say.</summary>
        public QuietHours Quiet => QuietHours.From(options.CurrentValue, anySite.Zone);

        public BusinessHours For(int? siteId) => siteId is { } id && bySite.TryGetValue(id, out var hours) ? hours : anySite;

        /// <param name="nextAttemptByUtc">For an Attempted request, the end of the part of the day its next try was planned in (<see cref="Lead.NextAttemptBy"/>).</param>
        public LeadTarget? TargetFor(LeadStatus status, int? siteId, DateTime stageStartedAtUtc, DateTime? scheduledCallAtUtc, DateTime? nextAttemptByUtc = null)
        {
            var timings = options.CurrentValue;
            return status switch
            {
                LeadStatus.New => new LeadTarget(stageStartedAtUtc, For(siteId).Add(stageStartedAtUtc, timings.AssignWithin)),
                LeadStatus.Assigned => new LeadTarget(stageStartedAtUtc, For(siteId).Add(stageStartedAtUtc, timings.FirstContactWithin)),
                LeadStatus.Attempted => new LeadTarget(stageStartedAtUtc, nextAttemptByUtc ?? For(siteId).Add(stageStartedAtUtc, timings.RetryCallWithin)),
                LeadStatus.Scheduled when scheduledCallAtUtc is { } at => new LeadTarget(stageStartedAtUtc, at),
                _ => null,
            };
        }

        public bool IsOverdue(LeadStatus status, int? siteId, DateTime stageStartedAtUtc, DateTime? scheduledCallAtUtc, DateTime nowUtc, DateTime? nextAttemptByUtc = null) =>
            TargetFor(status, siteId, stageStartedAtUtc, scheduledCallAtUtc, nextAttemptByUtc) is { } target && target.DueUtc < nowUtc;

        private sealed class FixedOptions(WorkflowOptions value) : IOptionsMonitor<WorkflowOptions>
        {
            public WorkflowOptions CurrentValue => value;

            public WorkflowOptions Get(string? name) => value;

            public IDisposable? OnChange(Action<WorkflowOptions, string?> listener) => null;
        }
    }

    /// <summary>The open requests past their target now, by id (open requests are few: this reads only their timing columns).</summary>
    public async Task<IReadOnlyList<int>> OverdueLeadIdsAsync(IQueryable<Lead> visible, CancellationToken cancellationToken = default)
    {
        var calendars = await CalendarsAsync(cancellationToken);
        var now = clock.UtcNow;
        var candidates = await visible
            .Where(l => l.Status != LeadStatus.Closed)
            .Select(l => new { l.Id, l.Status, l.PreferredSiteId, l.StageStartedAt, l.ScheduledCallAt, l.NextAttemptBy })
            .ToListAsync(cancellationToken);
        return candidates.Where(l => calendars.IsOverdue(l.Status, l.PreferredSiteId, l.StageStartedAt, l.ScheduledCallAt, now, l.NextAttemptBy)).Select(l => l.Id).ToList();
    }
}
