using System.Security.Claims;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.Web.Audit;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Admin.FirstRun;

/// <summary>
/// "Send a test email" on the first-run checklist: an outbox row to Email:ReceptionAddress, sent
/// by the same job as every other email, so the checklist's item is done only when the mail
/// server has taken it (the row is Sent) and a refusal shows why. Audited as "Test email sent".
/// </summary>
public sealed class ReceptionTestEmails(
    IDbContextFactory<LeadDbContext> dbFactory,
    CurrentStaff currentStaff,
    AuditTrail auditTrail,
    ClinicClock clock,
    IOptions<EmailOptions> email,
    IBackgroundJobClient jobs)
{
    public const string AuditSubjectId = "ReceptionAddress";
    public const string AuditSubjectName = "Reception email address";
    public const string AuditAction = "Test email sent";

    /// <param name="AlreadyOnItsWay">A test email to this address was still queued or being retried: no second one was written.</param>
    public sealed record Result(long EmailId, bool AlreadyOnItsWay);

    public async Task<Result> SendAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        var actor = await currentStaff.FindAsync(user, cancellationToken)
            ?? throw new UnauthorizedAccessException("Your account has no active staff record. Ask another admin to check it.");
        var address = email.Value.ReceptionAddress;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A second press while the first is still going would only queue the same test twice.
        var waiting = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.LeadId == null && e.Kind == OutboundEmailKinds.ReceptionTestEmail && e.Recipient == address)
            .Where(e => e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying)
            .OrderByDescending(e => e.Id)
            .Select(e => (long?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (waiting is { } id)
        {
            return new Result(id, AlreadyOnItsWay: true);
        }

        var now = clock.UtcNow;
        var test = new OutboundEmail
        {
            Kind = OutboundEmailKinds.ReceptionTestEmail,
            Recipient = address,
            Status = OutboundEmailStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        // The shared reception address is the clinic's own, not a person's: it may be in the trail.
        auditTrail.Record(db, actor, AuditAreas.Clinic, AuditSubjectId, AuditSubjectName, AuditAction, [new AuditChange("To", null, address)]);
        await jobs.SaveAndSendAsync(db, test, cancellationToken);
        return new Result(test.Id, AlreadyOnItsWay: false);
    }
}
