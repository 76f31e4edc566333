using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Outbox;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The outbox's one idiom: an <see cref="OutboundEmail"/> row is written in the same
/// transaction as the change that causes it, and <see cref="SendEmailJob"/> is enqueued for it
/// only after the commit, so a job never looks for a row that is not there yet. An enqueue
/// that never happens (a crash in between, a lost in-memory job store) only delays the email:
/// <see cref="OutboxSweepJob"/> sends whatever is due. See ADR-007.
/// </summary>
public static class EmailOutbox
{
    /// <summary>Emails per job when a batch is queued together: sent by several Hangfire workers, not one after another.</summary>
    private const int EmailsPerJob = 8;

    /// <summary>
    /// Adds <paramref name="email"/> to the change <paramref name="db"/> is tracking, commits
    /// both with one SaveChanges, then queues the email. For a context with no transaction of
    /// its own open, where SaveChanges is the commit.
    /// </summary>
    public static async Task SaveAndSendAsync(this IBackgroundJobClient jobs, LeadDbContext db, OutboundEmail email, CancellationToken cancellationToken)
    {
        db.OutboundEmails.Add(email);
        await db.SaveChangesAsync(cancellationToken);
        jobs.EnqueueSend(email.Id);
    }

    /// <summary>Queues one committed email to be sent now.</summary>
    public static void EnqueueSend(this IBackgroundJobClient jobs, long emailId) =>
        jobs.Enqueue<SendEmailJob>(job => job.RunAsync(emailId, CancellationToken.None));

    /// <summary>Queues committed emails together, a few to a job: one enqueue per few emails instead of one each.</summary>
    public static void EnqueueSends(this IBackgroundJobClient jobs, IReadOnlyCollection<long> emailIds)
    {
        foreach (var ids in emailIds.Chunk(EmailsPerJob))
        {
            jobs.Enqueue<SendEmailJob>(job => job.RunManyAsync(ids, CancellationToken.None));
        }
    }

    /// <summary>Queues a committed email to be tried again after <paramref name="delay"/>; its row holds the timing too, for the sweep.</summary>
    public static void ScheduleSend(this IBackgroundJobClient jobs, long emailId, TimeSpan delay) =>
        jobs.Schedule<SendEmailJob>(job => job.RunAsync(emailId, CancellationToken.None), delay);
}
