using System.Data;
using System.Linq.Expressions;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Runs due follow-up steps. Like <see cref="SendEmailJob"/>, the database says what has run:
/// the job claims its steps with a conditional update (due, pending, not held by a live claim),
/// so a duplicate or concurrent run of the same step does nothing. Then, in one transaction, it
/// re-reads each step's request and either writes the step's outbox emails and marks it Done,
/// or marks it Skipped with the reason (<see cref="FollowUpPlanner.WhyNot"/>); the request is
/// planned again in the same transaction (the manager's escalation follows reception's). A step
/// never sends: the emails go out through the outbox, after the commit. Its timeline line does
/// not bump the lead's version.
/// </summary>
public sealed class FollowUpStepJob(
    IDbContextFactory<LeadDbContext> dbFactory,
    WorkflowTargets targets,
    FollowUpStepEmails stepEmails,
    ClinicClock clock,
    WriteGate writeGate,
    IBackgroundJobClient jobs,
    ILeadChangeNotifier changes,
    IOptions<FollowUpOptions> options,
    ClaimOwner claimOwner,
    ILogger<FollowUpStepJob> logger)
{
    /// <summary>Steps per job when many are due together (a Monday after a long weekend): one transaction and one read of their requests for all of them.</summary>
    public const int StepsPerJob = 50;

    private static readonly TimeSpan ScheduleResolution = TimeSpan.FromSeconds(2);

    /// <summary>What may run now: pending, due by <paramref name="dueBy"/>, and not held by a live claim. The sweep and the claim share it.</summary>
    internal static Expression<Func<FollowUpStep, bool>> Claimable(DateTime dueBy, DateTime now) =>
        f => f.Status == FollowUpStatus.Pending
            && f.DueAt <= dueBy
            && (f.ClaimedUntil == null || f.ClaimedUntil < now);

    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(long stepId, CancellationToken cancellationToken) => RunManyAsync([stepId], cancellationToken);

    /// <returns>How many of the steps this run claimed and finished (Done or Skipped).</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunManyAsync(long[] stepIds, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var claimedUntil = now.AddSeconds(options.Value.ClaimSeconds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.FollowUps
            .Where(f => stepIds.Contains(f.Id))
            .Where(Claimable(now + ScheduleResolution, now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(f => f.ClaimedUntil, claimedUntil)
                .SetProperty(f => f.ClaimedBy, claimOwner.Id), cancellationToken);
        if (claimed == 0)
        {
            return 0; // done already, not due yet, or another run holds them
        }

        var calendars = await targets.CalendarsAsync(cancellationToken);
        var emails = new List<OutboundEmail>();
        var touchedLeads = new HashSet<int>();
        var leads = new Dictionary<int, Lead>();
        int finished;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            // Through the execution strategy: SQL Server's retries on failure refuse a transaction
            // begun outside it. A retry starts again from nothing.
            finished = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                emails.Clear();
                touchedLeads.Clear();
                leads.Clear();
                var done = 0;
                // Begun before anything is read: on SQLite the write lock is held from here, so no
                // lead action can move a request on between this re-read and the commit.
                await using var transaction = await db.Database.BeginTransactionAsync(
                    db.Database.IsSqlServer() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, cancellationToken);
                var mine = await db.FollowUps
                    .Where(f => stepIds.Contains(f.Id) && f.ClaimedBy == claimOwner.Id && f.ClaimedUntil == claimedUntil && f.Status == FollowUpStatus.Pending)
                    .ToListAsync(cancellationToken);
                var leadIds = mine.Where(f => f.LeadId != null).Select(f => f.LeadId!.Value).Distinct().ToList();
                foreach (var read in await db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id)).ToListAsync(cancellationToken))
                {
                    leads[read.Id] = read;
                }
                var stepsByLead = (await db.FollowUps.Where(f => f.LeadId != null && leadIds.Contains(f.LeadId.Value)).ToListAsync(cancellationToken))
                    .GroupBy(f => f.LeadId!.Value)
                    .ToDictionary(g => g.Key, g => g.ToList());

                foreach (var step in mine)
                {
                    var lead = step.LeadId is { } leadId ? leads.GetValueOrDefault(leadId) : null;
                    var steps = step.LeadId is { } id && stepsByLead.TryGetValue(id, out var found) ? found : [step];
                    var reason = FollowUpPlanner.WhyNot(step, lead, steps, calendars, now);
                    if (reason is null && lead is not null && Rescheduled(step, lead, steps, calendars, now))
                    {
                        continue; // the timing options changed since it was planned: it waits for its new time
                    }

                    if (reason is null && HeldForTheMorning(step, lead, calendars.Quiet, now))
                    {
                        continue; // came due in quiet hours (the job server was behind): the patient hears in the morning
                    }

                    step.ClaimedUntil = null;
                    step.ClaimedBy = null;
                    step.CompletedAt = now;
                    done++;
                    if (reason is not null)
                    {
                        step.Status = FollowUpStatus.Skipped;
                        step.SkipReason = reason.Length > 300 ? reason[..300] : reason;
                        AddTimeline(db, step, LeadEventKind.FollowUpSkipped, $"{FollowUpKinds.Describe(step.Kind)}: not needed. {reason}", now, touchedLeads, leads);
                        continue;
                    }

                    if (step.Kind == FollowUpKinds.CloseNoResponse && lead is not null && !lead.NeedsClinicalReview)
                    {
                        var closed = await CloseAsNoResponseAsync(db, lead, calendars, now, emails, cancellationToken);
                        leads[closed.Id] = closed;
                        AddTimeline(db, step, LeadEventKind.FollowUpRan, $"{FollowUpKinds.Describe(step.Kind)}: closed after {closed.UnansweredAttempts} unanswered calls{(closed.Email.Length > 0 ? "; the patient was emailed" : "")}.", now, touchedLeads, leads);
                        step.Status = FollowUpStatus.Done;
                        PlanAgain(db, closed, steps, calendars, now);
                        continue;
                    }

                    // A red-flagged request is never closed unreviewed: the clinicians on duty are told instead (below).
                    var written = await stepEmails.ForAsync(db, step, lead, now, cancellationToken);
                    db.OutboundEmails.AddRange(written);
                    emails.AddRange(written);
                    step.Status = FollowUpStatus.Done;
                    AddTimeline(db, step, LeadEventKind.FollowUpRan, $"{FollowUpKinds.Describe(step.Kind)}: emailed {Recipients(written)}.", now, touchedLeads, leads);
                    if (lead is not null)
                    {
                        // Planned again with this step done: what follows it (the manager after reception) is written now.
                        PlanAgain(db, lead, steps, calendars, now);
                    }
                }

                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                return done;
            });
        }

        if (emails.Count > 0)
        {
            jobs.EnqueueSends(emails.Select(e => e.Id).ToList());
        }

        // The versions read above are still right: a step's timeline line does not change them.
        foreach (var leadId in touchedLeads)
        {
            var lead = leads[leadId];
            await changes.PublishAsync(new LeadChange(lead.Id, lead.Reference, LeadEventKind.FollowUpRan, lead.Version), CancellationToken.None);
        }

        logger.LogInformation("Follow-up steps: {Finished} of {Claimed} claimed finished, {Emails} emails written", finished, claimed, emails.Count);
        return finished;
    }

    // The request closes by the system, on its timeline, and the patient gets the kind closing
    // email (outside quiet hours); the close is a real change, so the request's version moves.
    private static async Task<Lead> CloseAsNoResponseAsync(
        LeadDbContext db, Lead read, WorkflowTargets.Calendars calendars, DateTime now, List<OutboundEmail> emails, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.SingleAsync(l => l.Id == read.Id, cancellationToken);
        lead.RecordOutcome(CloseReason.NoResponse, null, Actor.System, now);
        // The same closing email, and the same option, as a no-response close recorded by hand.
        if (OutcomeEmails.Add(db, lead, CloseReason.NoResponse, null, calendars.Options, calendars.Quiet.Zone, now) is { } closing)
        {
            emails.Add(closing);
        }

        return lead;
    }

    private static void PlanAgain(LeadDbContext db, Lead lead, List<FollowUpStep> steps, WorkflowTargets.Calendars calendars, DateTime now)
    {
        foreach (var next in FollowUpPlanner.Reconcile(lead, steps, calendars, now))
        {
            db.FollowUps.Add(next);
            steps.Add(next);
        }
    }

    private static bool HeldForTheMorning(FollowUpStep step, Lead? lead, QuietHours quiet, DateTime now)
    {
        if (!FollowUpKinds.IsToThePatient(step.Kind, step.StaffMemberId) || CallCalendarSteps.AnswersThePatient(step, lead) || !quiet.IsQuiet(now))
        {
            return false;
        }

        step.DueAt = quiet.NextAllowed(now);
        step.ClaimedUntil = null;
        step.ClaimedBy = null;
        return true;
    }

    private static bool Rescheduled(FollowUpStep step, Lead lead, List<FollowUpStep> steps, WorkflowTargets.Calendars calendars, DateTime now)
    {
        if (CallCalendarSteps.KeepsItsDueTime(step.Kind))
        {
            return false;
        }

        var wanted = FollowUpPlanner.WantedSteps(lead, steps, calendars, now).FirstOrDefault(w => w.Is(step));
        if (wanted is null || wanted.DueAt <= now + ScheduleResolution)
        {
            return false;
        }

        step.DueAt = wanted.DueAt;
        step.ClaimedUntil = null;
        step.ClaimedBy = null;
        return true;
    }

    private static void AddTimeline(LeadDbContext db, FollowUpStep step, LeadEventKind kind, string details, DateTime now, HashSet<int> touchedLeads, Dictionary<int, Lead> leads)
    {
        if (step.LeadId is { } leadId && leads.ContainsKey(leadId))
        {
            db.LeadEvents.Add(LeadEvent.ForStep(leadId, kind, now, details));
            touchedLeads.Add(leadId);
        }
    }

    // The patient is named as "the patient": their address is on the request already, and a timeline line may be read out of context.
    private static string Recipients(IReadOnlyCollection<OutboundEmail> emails) => emails.Count switch
    {
        0 => "nobody (no address on record)",
        _ => string.Join(", ", emails.Select(e => FollowUpKinds.IsToThePatient(e.Kind, e.StaffMemberId) ? "the patient" : e.Recipient)),
    };
}

/// <summary>Queues committed steps to run; a step that is not queued (a crash, a lost job store) still runs at the next sweep.</summary>
public static class FollowUpStepQueue
{
    /// <summary>Queues the steps among <paramref name="steps"/> that are due by <paramref name="nowUtc"/>; call after the commit that wrote them.</summary>
    public static void EnqueueDue(this IBackgroundJobClient jobs, IEnumerable<FollowUpStep> steps, DateTime nowUtc) =>
        jobs.EnqueueSteps(steps.Where(s => s.Status == FollowUpStatus.Pending && s.DueAt <= nowUtc && s.Id != 0).Select(s => s.Id).ToList());

    public static void EnqueueSteps(this IBackgroundJobClient jobs, IReadOnlyCollection<long> stepIds)
    {
        foreach (var ids in stepIds.Chunk(FollowUpStepJob.StepsPerJob))
        {
            jobs.Enqueue<FollowUpStepJob>(job => job.RunManyAsync(ids, CancellationToken.None));
        }
    }
}
