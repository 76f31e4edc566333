using System.Linq.Expressions;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

using LeadManager.Web.Features.Leads;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Sends one outbox email. The database, not Hangfire, says what has been sent: the job first
/// claims the row with a conditional update (due, not done, not claimed by a live job), so a
/// duplicate or concurrent run of the same job sends nothing twice; a claim left by a crashed
/// run expires and is taken over by the sweep. Hangfire's own retries are off: failures follow
/// the outbox's schedule (<see cref="FollowUpOptions.RetryDelaysSeconds"/>).
/// </summary>
public sealed class SendEmailJob(
    IDbContextFactory<LeadDbContext> dbFactory,
    OutboundEmailComposer composer,
    EmailSender sender,
    ClinicClock clock,
    IBackgroundJobClient jobs,
    ILeadChangeNotifier changes,
    IOptions<FollowUpOptions> options,
    ClaimOwner claimOwner,
    IOptionsMonitor<WorkflowOptions> workflow,
    ILogger<SendEmailJob> logger)
{
    private static readonly TimeSpan ScheduleResolution = TimeSpan.FromSeconds(2);

    /// <summary>What may be sent now: not finished, due by <paramref name="dueBy"/>, and not held by a live claim. The sweep and the claim share it.</summary>
    internal static Expression<Func<OutboundEmail, bool>> Claimable(DateTime dueBy, DateTime now) =>
        e => (e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying)
            && e.NextAttemptAt <= dueBy
            && (e.ClaimedUntil == null || e.ClaimedUntil < now);

    /// <summary>The emails one change caused, as one job: one enqueue on the request's path instead of one per email.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunManyAsync(long[] emailIds, CancellationToken cancellationToken)
    {
        foreach (var id in emailIds)
        {
            await RunAsync(id, cancellationToken);
        }
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long emailId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var claimedUntil = now.AddSeconds(options.Value.ClaimSeconds);
        // Hangfire's schedule has whole-second resolution, so a scheduled retry may start a
        // moment before its NextAttemptAt; it must not then find itself "not due" and stop.
        var dueBy = now + ScheduleResolution;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.OutboundEmails
            .Where(e => e.Id == emailId)
            .Where(Claimable(dueBy, now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.ClaimedUntil, claimedUntil)
                .SetProperty(e => e.ClaimedBy, claimOwner.Id)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            // Sent already, not due yet, or another run holds it.
            return;
        }

        var email = await db.OutboundEmails.SingleAsync(e => e.Id == emailId, cancellationToken);
        Lead? lead = null;
        if (email.LeadId is { } leadId)
        {
            lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == leadId, cancellationToken);
            if (lead is null)
            {
                await FinishAsync(db, email, claimedUntil, OutboundEmailStatus.Failed, "The request this email belonged to no longer exists.", null, cancellationToken);
                return;
            }
        }

        if (lead is not null && FollowUpKinds.CallCalendar.Contains(email.Kind) && email.FollowUpId is { } stepId)
        {
            var steps = await db.FollowUps.AsNoTracking().Where(f => f.LeadId == lead.Id).ToListAsync(cancellationToken);
            if (steps.Find(s => s.Id == stepId) is { } step && CallCalendarSteps.WhyStaleAtSend(step, lead, steps, now) is { } stale)
            {
                email.LastError = stale;
                await FinishAsync(db, email, claimedUntil, OutboundEmailStatus.Cancelled, $"{What(email)} not sent: {stale}", LeadEventKind.FollowUpSkipped, cancellationToken);
                return;
            }
        }

        // A staff member's own email (a digest) has no request: it composes from its step.
        MimeMessage message;
        try
        {
            message = await composer.ComposeAsync(db, email, lead, cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            // Sending again would fail the same way: a person must look (/admin/emails).
            logger.LogError(exception, "Outbox email {EmailId} ({Kind}) could not be composed", email.Id, email.Kind);
            email.LastError = Shorten($"Could not be composed: {exception.Message}");
            await FinishAsync(db, email, claimedUntil, OutboundEmailStatus.Failed, $"{What(email)} failed: it could not be composed.", LeadEventKind.EmailFailed, cancellationToken);
            return;
        }

        try
        {
            var messageId = await sender.SendAsync(message, cancellationToken);
            email.SmtpMessageId = messageId;
            email.SentAt = clock.UtcNow;
            email.LastError = null;
            await FinishAsync(db, email, claimedUntil, OutboundEmailStatus.Sent,
                $"{What(email)} sent (message id {messageId}).", LeadEventKind.EmailSent, cancellationToken);
        }
        catch (EmailDeliveryException failure) when (failure.Failure == EmailDeliveryFailure.NotSentTryAgain
            && clock.UtcNow - email.CreatedAt < TimeSpan.FromHours(options.Value.GiveUpAfterHours))
        {
            var delay = options.Value.RetryDelay(email.Attempts);
            if (KeepsQuietHours(email))
            {
                // A patient's calendar email that misses its moment waits out quiet hours like the rest.
                delay = QuietHours.From(workflow.CurrentValue, clock.TimeZone).NextAllowed(clock.UtcNow + delay) - clock.UtcNow;
            }

            email.NextAttemptAt = clock.UtcNow + delay;
            email.LastError = failure.Message;
            await FinishAsync(db, email, claimedUntil, OutboundEmailStatus.Retrying,
                $"{What(email)} not sent yet; trying again in {delay.TotalMinutes:0.#} min. {failure.Message}", LeadEventKind.EmailRetrying, cancellationToken);
            jobs.ScheduleSend(emailId, delay);
        }
        catch (EmailDeliveryException failure)
        {
            email.LastError = failure.Message;
            var (status, kind, words) = failure.Failure == EmailDeliveryFailure.Uncertain
                ? (OutboundEmailStatus.Uncertain, LeadEventKind.EmailUncertain, "may or may not have been delivered; not resent automatically")
                : (OutboundEmailStatus.Failed, LeadEventKind.EmailFailed, "failed");
            await FinishAsync(db, email, claimedUntil, status, $"{What(email)} {words}. {failure.Message}", kind, cancellationToken);
        }
    }

    // A patient email that is not the answer to something they did: a retry must not land at night either.
    private static bool KeepsQuietHours(OutboundEmail email) =>
        FollowUpKinds.IsToThePatient(email.Kind, email.StaffMemberId) || OutcomeEmails.WaitsOutQuietHours(email.Kind);

    /// <summary>What the email is, for its request's timeline: a step's email says which step and whom it went to.</summary>
    private static string What(OutboundEmail email) => email.FollowUpId is null
        ? OutboundEmailKinds.Describe(email.Kind)
        : $"Email to {(FollowUpKinds.IsToThePatient(email.Kind, email.StaffMemberId) ? "the patient" : email.Recipient)} ({FollowUpKinds.Describe(email.Kind)})";

    private static string Shorten(string text) => text.Length > 1000 ? text[..1000] : text;

    // The row is written only while this run still holds its claim.
    private async Task FinishAsync(LeadDbContext db, OutboundEmail email, DateTime claimedUntil, OutboundEmailStatus status, string timeline, LeadEventKind? eventKind, CancellationToken cancellationToken)
    {
        // The row's new state and its timeline line are committed together, through the execution
        // strategy (SQL Server's retries on failure refuse a transaction begun outside it).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var stillOurs = await db.OutboundEmails
                .Where(e => e.Id == email.Id && e.ClaimedUntil == claimedUntil)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(e => e.Status, status)
                    .SetProperty(e => e.ClaimedUntil, (DateTime?)null)
                    .SetProperty(e => e.ClaimedBy, (string?)null)
                    .SetProperty(e => e.NextAttemptAt, email.NextAttemptAt)
                    .SetProperty(e => e.SmtpMessageId, email.SmtpMessageId)
                    .SetProperty(e => e.SentAt, email.SentAt)
                    .SetProperty(e => e.LastError, email.LastError), CancellationToken.None);
            if (stillOurs == 0)
            {
                logger.LogWarning("Outbox email {EmailId} finished as {Status} after its claim expired", email.Id, status);
            }

            if (eventKind is not null && email.LeadId is not null)
            {
                db.LeadEvents.Add(LeadEvent.ForEmail(email.LeadId.Value, eventKind.Value, clock.UtcNow, timeline));
                await db.SaveChangesAsync(CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        });
        if (eventKind is not null && email.LeadId is not null)
        {
            await changes.PublishForLeadAsync(db, email.LeadId.Value, eventKind.Value);
        }

        logger.LogInformation("Outbox email {EmailId} ({Kind}) is {Status}", email.Id, email.Kind, status);
    }
}
