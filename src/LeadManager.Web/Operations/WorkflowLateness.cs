using LeadManager.Data;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Operations;

/// <summary>
/// The watchdog: is the oldest due follow-up step or outbox email more than Workflow:LateAfter
/// past its time? A stopped job server is otherwise silent (nothing fails, emails simply stop),
/// so /health reports this as Degraded and admins see a banner. It names the kind of row and how
/// late it is, never a request or a patient.
/// </summary>
public sealed class WorkflowLateness(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock, IOptionsMonitor<WorkflowOptions> options)
{
    /// <summary>How long the banner's answer is kept: every admin page asks, the database is asked at most this often.</summary>
    public static readonly TimeSpan BannerRefresh = TimeSpan.FromMinutes(1);

    private Answer? _forBanner;

    /// <summary>The oldest due row is <paramref name="By"/> past its time; <paramref name="What"/> is "step" or "email".</summary>
    public sealed record Late(string What, TimeSpan By)
    {
        public string Overdue => By.TotalMinutes < 120 ? Count((int)By.TotalMinutes, "minute")
            : By.TotalHours < 48 ? Count((int)By.TotalHours, "hour")
            : Count((int)By.TotalDays, "day");

        public string Description => $"The oldest due {What} is {Overdue} late: is the job server running?";

        private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
    }

    private sealed record Answer(DateTime CheckedAt, Late? Late);

    /// <summary>Asks the database now: three one-row reads on the (Status, due time) indexes. Null when nothing is late.</summary>
    public async Task<Late?> MeasureAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var step = await OldestDueStep(db).FirstOrDefaultAsync(cancellationToken);
        var email = Earliest(
            await OldestDueEmail(db, OutboundEmailStatus.Pending).FirstOrDefaultAsync(cancellationToken),
            await OldestDueEmail(db, OutboundEmailStatus.Retrying).FirstOrDefaultAsync(cancellationToken));

        var lateAfter = options.CurrentValue.LateAfter;
        var stepLate = step is { } s ? now - s : TimeSpan.Zero;
        var emailLate = email is { } e ? now - e : TimeSpan.Zero;
        var (what, by) = stepLate >= emailLate ? ("step", stepLate) : ("email", emailLate);
        return by > lateAfter ? new Late(what, by) : null;
    }

    /// <summary>The answer for the admins' banner, from the database at most once a <see cref="BannerRefresh"/> of clock time.</summary>
    public async Task<Late?> RecentAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (_forBanner is { } kept && now >= kept.CheckedAt && now - kept.CheckedAt < BannerRefresh)
        {
            return kept.Late;
        }

        // Two pages asking at once may both read; that is cheaper than making one wait on a lock.
        var late = await MeasureAsync(cancellationToken);
        _forBanner = new Answer(now, late);
        return late;
    }

    // Each is a seek on the (Status, due time) index whose order serves ORDER BY: one index entry
    // read, no sort. Pending and Retrying are read apart for the same reason: an IN over both would
    // merge two ranges and sort them.
    internal static IQueryable<DateTime?> OldestDueStep(LeadDbContext db) =>
        db.FollowUps.AsNoTracking()
            .Where(f => f.Status == FollowUpStatus.Pending)
            .OrderBy(f => f.DueAt)
            .Select(f => (DateTime?)f.DueAt)
            .Take(1);

    internal static IQueryable<DateTime?> OldestDueEmail(LeadDbContext db, OutboundEmailStatus status) =>
        db.OutboundEmails.AsNoTracking()
            .Where(e => e.Status == status)
            .OrderBy(e => e.NextAttemptAt)
            .Select(e => (DateTime?)e.NextAttemptAt)
            .Take(1);

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
