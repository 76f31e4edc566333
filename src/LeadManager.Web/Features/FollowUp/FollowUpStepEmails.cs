using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Email;
using Microsoft.Extensions.Options;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The outbox emails a due step writes, one per recipient. A step's email has the step's kind,
/// so <see cref="OutboundEmailComposer"/> picks its template by it.
/// </summary>
public sealed class FollowUpStepEmails(IOptions<EmailOptions> email)
{
    public Task<IReadOnlyList<OutboundEmail>> ForAsync(LeadDbContext db, FollowUpStep step, Lead? lead, DateTime nowUtc, CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboundEmail> rows = [Row(step, email.Value.ReceptionAddress, null, nowUtc)];
        return Task.FromResult(rows);
    }

    private static OutboundEmail Row(FollowUpStep step, string recipient, int? staffMemberId, DateTime nowUtc) => new()
    {
        LeadId = step.LeadId,
        FollowUpId = step.Id,
        StaffMemberId = staffMemberId,
        Kind = step.Kind,
        Recipient = recipient,
        Status = OutboundEmailStatus.Pending,
        NextAttemptAt = nowUtc,
        CreatedAt = nowUtc,
    };
}
