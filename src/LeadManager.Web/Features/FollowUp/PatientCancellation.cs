using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using LeadManager.Web.LiveUpdates;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>What the manage page shows, and the patient's own cancellation through the lifecycle.</summary>
public sealed class PatientCancellation(
    IDbContextFactory<LeadDbContext> dbFactory,
    ClinicClock clock,
    IBackgroundJobClient jobs,
    IOptions<EmailOptions> email,
    ILeadChangeNotifier changes,
    FollowUpPlanner planner,
    IOptionsMonitor<WorkflowOptions> workflow,
    ILogger<PatientCancellation> logger)
{
    public sealed record RequestSummary(string Reference, LeadStatus Status, CloseReason? CloseReason, DateTime? ScheduledCallAtClinicTime, int? SiteId);

    public async Task<RequestSummary?> FindAsync(int leadId, string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.AsNoTracking()
            .Where(l => l.Id == leadId && l.Reference == reference)
            .Select(l => new { l.Reference, l.Status, l.CloseReason, l.ScheduledCallAt, l.PreferredSiteId })
            .SingleOrDefaultAsync(cancellationToken);
        return lead is null ? null : new RequestSummary(
            lead.Reference, lead.Status, lead.CloseReason,
            lead.ScheduledCallAt is { } at ? clock.ToClinicTime(at) : null,
            lead.PreferredSiteId);
    }

    /// <summary>
    /// Closes the request as cancelled by the patient, stops its pending follow-ups, tells
    /// reception and confirms it to the patient (at once, even in quiet hours: it answers what
    /// they did), in one transaction. Cancelling twice is not an error for the patient.
    /// </summary>
    public async Task CancelAsync(int leadId, string reference, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == leadId && l.Reference == reference, cancellationToken);
            if (lead is null || lead.Status == LeadStatus.Closed)
            {
                return;
            }

            var now = clock.UtcNow;
            lead.CancelByPatient(Actor.Patient, now);
            await planner.PlanAsync(db, lead, now, null, cancellationToken);
            var confirmation = OutcomeEmails.Add(db, lead, CloseReason.CancelledByPatient, null, workflow.CurrentValue, clock.TimeZone, now);

            try
            {
                await jobs.SaveAndSendAsync(db, OutboundEmailKinds.Due(lead, OutboundEmailKinds.ReceptionPatientCancelled, email.Value.ReceptionAddress, now), cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Reception changed the request at the same moment: apply the cancellation to the fresh copy.
                continue;
            }

            if (confirmation is not null)
            {
                jobs.EnqueueSend(confirmation.Id);
            }

            logger.LogInformation("Request {Reference} cancelled by the patient", reference);
            await changes.PublishAsync(new LeadChange(lead.Id, lead.Reference, LeadEventKind.CancelledByPatient, lead.Version), CancellationToken.None);
            return;
        }
    }
}
