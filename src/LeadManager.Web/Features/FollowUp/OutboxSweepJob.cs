using Hangfire;
using LeadManager.Data;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The workflow's one scheduler, every minute and at start-up: enqueue every follow-up step and
/// every outbox email that is due and not done, and write the clinicians' digest steps for the
/// day. A crash between commit and enqueue, a lost in-memory job store, or an expired claim
/// delays a step or an email by at most a minute; it never drops one. Both look-ups read only
/// due rows, on the (Status, due time) indexes.
/// </summary>
public sealed class OutboxSweepJob(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock, IBackgroundJobClient jobs, DailyDigests digests)
{
    public const string RecurringJobId = "outbox-sweep";

    /// <summary>Rows read per look-up; a longer backlog is read again straight away, so 10,000 due steps are all queued by one sweep.</summary>
    private const int Page = 2000;

    public sealed record SweepResult(int Steps, int Emails);

    // No DisableConcurrentExecution: two sweeps at once only enqueue a row twice, and the
    // jobs' claims make the second run a no-op; a distributed lock would park a worker.
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await SweepAsync(cancellationToken)).Emails;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await digests.PlanAsync(db, now, cancellationToken);

        var steps = 0;
        long afterStep = 0;
        while (true)
        {
            var due = await db.FollowUps.AsNoTracking()
                .Where(FollowUpStepJob.Claimable(now, now))
                .Where(f => f.Id > afterStep)
                .OrderBy(f => f.Id)
                .Select(f => f.Id)
                .Take(Page)
                .ToListAsync(cancellationToken);
            jobs.EnqueueSteps(due);
            steps += due.Count;
            if (due.Count < Page)
            {
                break;
            }

            afterStep = due[^1];
        }

        var emails = await db.OutboundEmails.AsNoTracking()
            .Where(SendEmailJob.Claimable(now, now))
            .OrderBy(e => e.NextAttemptAt)
            .Select(e => e.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        foreach (var id in emails)
        {
            jobs.EnqueueSend(id);
        }

        return new SweepResult(steps, emails.Count);
    }
}
