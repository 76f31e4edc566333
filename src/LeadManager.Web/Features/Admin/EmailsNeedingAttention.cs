using System.Security.Claims;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Admin;

/// <summary>
/// Emails a person must look at: refused (Failed), maybe delivered (Uncertain), or still
/// retrying. An admin can send a Failed or Uncertain one again; nothing is ever resent by itself.
/// </summary>
public sealed class EmailsNeedingAttention(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock, IBackgroundJobClient jobs)
{
    /// <param name="Reference">The request's reference; null for a staff member's own email (a digest).</param>
    /// <param name="To">Who it was to: the staff member's name and address, or the address (a patient, reception).</param>
    /// <param name="Step">The follow-up step that wrote it (an escalation, a digest...), if one did.</param>
    public sealed record Row(
        long Id,
        string? Reference,
        string Kind,
        string To,
        string? Step,
        OutboundEmailStatus Status,
        int Attempts,
        string? LastError,
        DateTime CreatedAtClinicTime,
        DateTime? NextAttemptAtClinicTime)
    {
        public string What => Step ?? OutboundEmailKinds.Describe(Kind);
    }

    private static readonly OutboundEmailStatus[] Attention = [OutboundEmailStatus.Failed, OutboundEmailStatus.Uncertain, OutboundEmailStatus.Retrying];

    public async Task<IReadOnlyList<Row>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.OutboundEmails.AsNoTracking()
            .Where(e => Attention.Contains(e.Status))
            .OrderByDescending(e => e.CreatedAt)
            .Take(200)
            .Select(e => new
            {
                e.Id,
                Reference = e.Lead == null ? null : e.Lead.Reference,
                e.Kind,
                e.Recipient,
                StaffName = db.StaffMembers.Where(s => s.Id == e.StaffMemberId).Select(s => s.DisplayName).FirstOrDefault(),
                StepKind = db.FollowUps.Where(f => f.Id == e.FollowUpId).Select(f => f.Kind).FirstOrDefault(),
                e.Status,
                e.Attempts,
                e.LastError,
                e.CreatedAt,
                e.NextAttemptAt,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(e => new Row(
            e.Id,
            e.Reference,
            e.Kind,
            e.StaffName is null ? e.Recipient : $"{e.StaffName} ({e.Recipient})",
            e.StepKind is null ? null : FollowUpKinds.Describe(e.StepKind),
            e.Status,
            e.Attempts,
            e.LastError,
            clock.ToClinicTime(e.CreatedAt),
            e.Status == OutboundEmailStatus.Retrying ? clock.ToClinicTime(e.NextAttemptAt) : null)).ToList();
    }

    /// <summary>Queues a Failed or Uncertain email again. False when it is no longer in that state (someone else acted).</summary>
    public async Task<bool> ResendAsync(ClaimsPrincipal user, long emailId, CancellationToken cancellationToken)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requeued = await db.OutboundEmails
            .Where(e => e.Id == emailId && (e.Status == OutboundEmailStatus.Failed || e.Status == OutboundEmailStatus.Uncertain))
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, OutboundEmailStatus.Pending)
                .SetProperty(e => e.NextAttemptAt, now)
                .SetProperty(e => e.ClaimedUntil, (DateTime?)null), cancellationToken);
        if (requeued == 0)
        {
            return false;
        }

        var leadId = await db.OutboundEmails.Where(e => e.Id == emailId).Select(e => e.LeadId).SingleAsync(cancellationToken);
        if (leadId is not null)
        {
            db.LeadEvents.Add(LeadEvent.ForEmail(leadId.Value, LeadEventKind.EmailRetrying, now, $"Email queued again by {user.Identity?.Name}."));
            await db.SaveChangesAsync(cancellationToken);
        }

        jobs.EnqueueSend(emailId);
        return true;
    }
}
