using System.Threading.Channels;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Writes intake submissions with group commit: the submissions that arrive while one batch is
/// being written wait, then go to the database together in one transaction with one commit.
/// Each caller is answered only after the commit that holds its rows, so nothing is
/// acknowledged that is not stored. At a clinic's usual pace every batch holds one submission;
/// under a burst (a campaign, a bot the rate limit lets through) the cost of a transaction,
/// a commit and a Hangfire enqueue is shared by the whole batch. See ADR-010.
/// <para>
/// One writer runs at a time, inside the <see cref="WriteGate"/> and an immediate transaction,
/// so the duplicate check and the insert are atomic: a batch loads, in one query, every open
/// request its submissions could be repeating (seeing all earlier batches), and each stage also
/// sees the requests staged before it in its own batch. If a batch fails (a reference collision,
/// another server's change to a request being asked again), the batch is rolled back and each
/// submission in it is written alone, so one bad submission fails only itself.
/// </para>
/// </summary>
public sealed class IntakeWriter : IAsyncDisposable
{
    /// <summary>Large enough to absorb a burst, small enough that one batch commits in a few milliseconds.</summary>
    public const int MaxBatchSize = 32;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<LeadDbContext> _dbFactory;
    private readonly WriteGate _writeGate;
    private readonly IBackgroundJobClient _jobs;
    private readonly ClinicClock _clock;
    private readonly IOptions<IntakeOptions> _options;
    private readonly IntakeMetrics _metrics;
    private readonly FollowUpPlanner _planner;
    private readonly ILogger<IntakeWriter> _logger;
    private readonly Task _loop;
    private int _waiting;

    public IntakeWriter(
        IDbContextFactory<LeadDbContext> dbFactory,
        WriteGate writeGate,
        IBackgroundJobClient jobs,
        ClinicClock clock,
        IOptions<IntakeOptions> options,
        IntakeMetrics metrics,
        FollowUpPlanner planner,
        ILogger<IntakeWriter> logger)
    {
        _dbFactory = dbFactory;
        _writeGate = writeGate;
        _jobs = jobs;
        _clock = clock;
        _options = options;
        _metrics = metrics;
        _planner = planner;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Queues a submission and completes after its batch is committed, with the stage's answer,
    /// or with the exception that writing it alone ended in. Once queued it is written even if
    /// the caller stops waiting: a patient whose connection dropped may still have been heard.
    /// </summary>
    public Task<T> WriteAsync<T>(IntakeContact from, IntakeStage<T> stage)
    {
        var pending = new Pending<T>(from, stage);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            throw new InvalidOperationException("The app is shutting down and takes no new requests.");
        }

        return pending.Result;
    }

    /// <summary>Submissions queued and not yet taken into a batch.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            var emailIds = new List<long>();
            var stepIds = new List<long>();
            // The batch is taken once the gate is ours, so everything that queued while the
            // previous batch (or a lead action) was writing goes into this one.
            try
            {
                using (await _writeGate.EnterAsync(CancellationToken.None))
                {
                    batch.Clear();
                    while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var pending))
                    {
                        Interlocked.Decrement(ref _waiting);
                        batch.Add(pending);
                    }

                    await WriteBatchAsync(batch, emailIds, stepIds);
                }

                // Off the writer's loop: the next batch need not wait for the job store.
                _ = Task.Run(() => EnqueueSends(emailIds, stepIds));
            }
            catch (Exception exception)
            {
                // Not expected (each submission's failure is caught above), but if it happens the
                // loop must go on: a stopped writer would leave every later patient waiting.
                _logger.LogCritical(exception, "The intake writer failed outside a batch; answering its {Count} submissions with the error", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Fail(exception);
                }
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch, List<long> emailIds, List<long> stepIds)
    {
        if (batch.Count > 1)
        {
            try
            {
                var (emails, steps) = await WriteTogetherAsync(batch);
                emailIds.AddRange(emails);
                stepIds.AddRange(steps);
                return;
            }
            catch (Exception exception)
            {
                _logger.LogInformation(exception, "Writing {Count} requests together failed; writing each alone", batch.Count);
            }
        }

        foreach (var pending in batch)
        {
            try
            {
                var (emails, steps) = await WriteTogetherAsync([pending]);
                emailIds.AddRange(emails);
                stepIds.AddRange(steps);
            }
            catch (Exception exception)
            {
                pending.Fail(exception);
            }
        }
    }

    /// <returns>The outbox emails the batch added, to be queued for sending, and its follow-up steps due at once.</returns>
    private async Task<(long[] EmailIds, long[] DueStepIds)> WriteTogetherAsync(IReadOnlyList<Pending> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var calendars = await _planner.CalendarsAsync(CancellationToken.None);
        await using var db = await _dbFactory.CreateDbContextAsync();
        // Stages only add rows or change loaded ones; changes are detected once, before saving.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Through the execution strategy: SQL Server's retries on failure refuse a transaction
        // begun outside it. A retry starts the batch again from nothing.
        var written = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is held from the duplicate
            // check on, also against another process on the same file.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var now = _clock.UtcNow;
            var staging = new IntakeBatch(db, now, _options.Value.DuplicateWindowDays, calendars);
            await staging.LoadCandidatesAsync(batch.Select(p => p.From).ToArray());
            foreach (var pending in batch)
            {
                pending.Stage(staging);
            }

            if (db.Database.IsSqlite())
            {
                // SQLite's provider sends every row as a command of its own; see ADR-011.
                using var inserts = new SqliteBatchInserts(db);
                foreach (var request in staging.NewRequests)
                {
                    inserts.Insert(request.Lead, request.Emails, request.Steps);
                }
            }
            else
            {
                // SQL Server's provider already sends a batch's rows together.
                foreach (var request in staging.NewRequests)
                {
                    db.Leads.Add(request.Lead);
                    db.OutboundEmails.AddRange(request.Emails);
                    db.FollowUps.AddRange(request.Steps);
                }
            }

            // Requests asked again (with their version check), and on SQL Server the new ones.
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            var emailIds = db.ChangeTracker.Entries<OutboundEmail>().Select(e => e.Entity)
                .Concat(staging.NewRequests.SelectMany(r => r.Emails))
                .Select(e => e.Id)
                .Distinct()
                .ToArray();
            var dueStepIds = db.ChangeTracker.Entries<Data.Outbox.FollowUp>().Select(e => e.Entity)
                .Concat(staging.NewRequests.SelectMany(r => r.Steps))
                .Where(s => s.Status == FollowUpStatus.Pending && s.DueAt <= now)
                .Select(s => s.Id)
                .Distinct()
                .ToArray();
            return (emailIds, dueStepIds);
        });
        _metrics.BatchSize.Record(batch.Count);
        _metrics.BatchWrite.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        foreach (var pending in batch)
        {
            pending.Succeed();
        }

        return written;
    }

    // After the commit, so a job never looks for a row that is not there yet. Never throws: the
    // rows are committed, and a failure here must not make the batch be written again. If the
    // enqueue fails, or the process dies before it, the outbox sweep sends them within a minute.
    private void EnqueueSends(List<long> emailIds, List<long> stepIds)
    {
        try
        {
            _jobs.EnqueueSends(emailIds);
            _jobs.EnqueueSteps(stepIds);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Could not queue {Count} emails for sending; the outbox sweep will send them", emailIds.Count);
        }
    }

    private abstract class Pending(IntakeContact from)
    {
        public IntakeContact From { get; } = from;

        public abstract void Stage(IntakeBatch batch);

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(IntakeContact from, IntakeStage<T> stage) : Pending(from)
    {
        // Callers go on on their own threads, not on the writer's.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Func<T>? _answer;

        public Task<T> Result => _result.Task;

        public override void Stage(IntakeBatch batch) => _answer = stage(batch);

        public override void Succeed()
        {
            try
            {
                _result.TrySetResult(_answer!());
            }
            catch (Exception exception)
            {
                _result.TrySetException(exception);
            }
        }

        public override void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
