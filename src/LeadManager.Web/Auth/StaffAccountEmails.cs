using LeadManager.Data;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages.StaffInvite;
using LeadManager.Web.Email.Messages.StaffPasswordReset;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Auth;

/// <summary>
/// Composes a staff member's account email (<see cref="OutboundEmailKinds.StaffInvite"/>,
/// <see cref="OutboundEmailKinds.StaffPasswordReset"/>). The link's token is made here, when
/// the email is composed, so the outbox row never holds a secret; a token made for a retry or a
/// resend from /admin/emails is as good as the first, and all of them stop working together when
/// the password is set or the invite is sent again or revoked. The link goes only to the
/// account's own address, and only while it can still be used: an invite to someone who has set
/// a password, or who was deactivated, is refused (<see cref="InvalidOperationException"/>,
/// which leaves the row Failed with the reason for /admin/emails) rather than sent.
/// </summary>
public sealed class StaffAccountEmails(
    IServiceScopeFactory scopes,
    EmailTemplates templates,
    StaffAccountLinks links,
    IOptions<ClinicOptions> clinic,
    IOptions<StaffAccountOptions> options)
{
    public async Task<RenderedEmail> RenderAsync(LeadDbContext db, OutboundEmail email, CancellationToken cancellationToken)
    {
        var member = email.StaffMemberId is { } id
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.UserId, s.DisplayName, s.IsActive }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (member is null)
        {
            throw new InvalidOperationException($"A '{email.Kind}' email is to a staff member, and this one names none.");
        }

        if (!member.IsActive)
        {
            throw new InvalidOperationException("Not sent: the staff member was deactivated (or their invite revoked) before it went.");
        }

        // Identity's stores use the scoped context: a scope of our own keeps this read fresh
        // whatever scope the caller (a job running several emails) is in.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(member.UserId)
            ?? throw new InvalidOperationException("Not sent: the staff member's account no longer exists.");
        if (!string.Equals(user.Email, email.Recipient, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Not sent: the account's email address changed after this email was written.");
        }

        var hasPassword = await users.HasPasswordAsync(user);
        var name = clinic.Value.Name;
        switch (email.Kind)
        {
            case OutboundEmailKinds.StaffInvite:
                if (hasPassword)
                {
                    throw new InvalidOperationException("Not sent: the staff member had already chosen a password.");
                }

                var inviteToken = await users.GenerateUserTokenAsync(user, StaffLinkTokens.Invite, StaffLinkTokens.Invite);
                var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
                return await templates.RenderAsync(new StaffInviteEmail(
                    name, member.DisplayName, StaffRoleWords.AsA(role), email.Recipient,
                    links.AcceptInvite(user.Id, inviteToken), StaffAccountOptions.Describe(options.Value.InviteLinkLifetime)));
            case OutboundEmailKinds.StaffPasswordReset:
                if (!hasPassword)
                {
                    throw new InvalidOperationException("Not sent: the staff member has not chosen a password yet (send the invite again instead).");
                }

                var resetToken = await users.GeneratePasswordResetTokenAsync(user);
                return await templates.RenderAsync(new StaffPasswordResetEmail(
                    name, member.DisplayName, email.Recipient,
                    links.ResetPassword(user.Id, resetToken), StaffAccountOptions.Describe(options.Value.PasswordResetLinkLifetime)));
            default:
                throw new InvalidOperationException($"'{email.Kind}' is not a staff account email.");
        }
    }
}
