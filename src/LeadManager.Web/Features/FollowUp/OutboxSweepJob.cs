using Hangfire;
using LeadManager.Data;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Every minute and at start-up: enqueue every outbox email that is due and not done. A crash
/// between commit and enqueue, a lost in-memory job store, or an expired claim delays an email
/// by at most a minute; it never drops one.
/// </summary>
public sealed class OutboxSweepJob(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock, IBackgroundJobClient jobs)
{
    public const string RecurringJobId = "outbox-sweep";

    // No DisableConcurrentExecution: two sweeps at once only enqueue a row twice, and the
    // send job's claim makes the second run a no-op; a distributed lock would park a worker.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.OutboundEmails.AsNoTracking()
            .Where(SendEmailJob.Claimable(now, now))
            .OrderBy(e => e.NextAttemptAt)
            .Select(e => e.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            jobs.EnqueueSend(id);
        }

        return due.Count;
    }
}
