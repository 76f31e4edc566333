using System.Globalization;
using System.Security.Claims;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.Web.Audit;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Admin.Staff.Invites;

/// <summary>What an admin types to invite someone.</summary>
public sealed class InviteInput
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = StaffRoles.Clinician;
    public List<int> SiteIds { get; set; } = [];
}

/// <summary>What an invite action did, for the page: a success to show, or a message (and, for the form, one per field) with nothing saved.</summary>
public sealed record StaffInviteResult(bool Succeeded, string Message, int? StaffMemberId = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public IReadOnlyDictionary<string, string> FieldErrors => Errors ?? new Dictionary<string, string>();

    public static StaffInviteResult Done(string message, int staffMemberId) => new(true, message, staffMemberId);

    public static StaffInviteResult Refused(string message) => new(false, message);

    public static StaffInviteResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(false, errors.Count == 1 ? "Please check one answer." : $"Please check {errors.Count} answers.", null, errors);
}

/// <summary>
/// Invites people by email and manages their invites: invite, send again, revoke, and a
/// password-reset link for someone who already has a password. Nobody is ever sent a password:
/// each email carries a one-time, expiring link (Auth/StaffLinkTokens) made when the email is
/// composed, so the outbox row holds no secret. Every action is an admin's, checked here again
/// (circuit actions skip HTTP authorization), audited without a token or link, and saved in one
/// transaction with its outbox email, which is queued after the commit.
/// Identity's stores use the scoped context, so each action takes a scope of its own: its
/// UserManager and its context are one unit of work that lives as long as the action.
/// </summary>
public sealed class StaffInvites(
    IServiceScopeFactory scopes,
    CurrentStaff currentStaff,
    AuditTrail audit,
    IBackgroundJobClient jobs,
    ClinicClock clock,
    ILogger<StaffInvites> logger)
{
    public const int DisplayNameMaxLength = 100;
    public const int EmailMaxLength = 254;

    public const string EmailField = nameof(InviteInput.Email);
    public const string DisplayNameField = nameof(InviteInput.DisplayName);
    public const string RoleField = nameof(InviteInput.Role);
    public const string SitesField = nameof(InviteInput.SiteIds);

    private const string Conflict = "Someone else changed this person meanwhile. Reload the page and try again.";

    /// <summary>Creates the account (no password) with its role and staff record, and emails the invite.</summary>
    public Task<StaffInviteResult> InviteAsync(InviteInput input, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        scopes.InFreshScopesAsync(() => InviteOnceAsync(input, admin, cancellationToken));

    private async Task<StaffInviteResult> InviteOnceAsync(InviteInput input, ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        var actor = await AdminAsync(admin, cancellationToken);
        var (email, displayName, errors) = Clean(input);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<LeadDbContext>();

        var siteIds = input.SiteIds.Distinct().ToList();
        var sites = await db.Sites.Where(s => siteIds.Contains(s.Id) && s.IsActive).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        if (sites.Count != siteIds.Count)
        {
            errors[SitesField] = "Choose sites from the list: one of them is no longer open.";
        }

        if (email is not null && (await users.FindByEmailAsync(email) ?? await users.FindByNameAsync(email)) is { } existing)
        {
            var who = await db.StaffMembers.Where(s => s.UserId == existing.Id).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
            errors[EmailField] = who is null
                ? "Someone already has an account with this email address."
                : $"{who} already has an account with this email address. Find them in the staff list instead.";
        }

        if (errors.Count > 0)
        {
            return StaffInviteResult.Invalid(errors);
        }

        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new IdentityUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            // A second admin inviting the same address a moment earlier, or a name Identity refuses.
            return StaffInviteResult.Invalid(new Dictionary<string, string>
            {
                [EmailField] = created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                    ? "Someone already has an account with this email address."
                    : $"This email address cannot be used for an account: {string.Join(" ", created.Errors.Select(e => e.Description))}",
            });
        }

        DatabaseCheck(await users.AddToRoleAsync(user, input.Role), "give the new account its role");
        var member = new StaffMember { UserId = user.Id, DisplayName = displayName!, Sites = sites, InvitedAt = now, IsActive = true };
        db.StaffMembers.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, AuditAreas.Staff, Id(member), member.DisplayName, "Invited", AuditTrail.Changes(
            ("Email", null, email),
            ("Display name", null, member.DisplayName),
            ("Role", null, StaffRoleWords.Label(input.Role)),
            ("Sites", null, sites.Count == 0 ? null : string.Join(", ", sites.Select(s => s.Name)))));
        var outbox = AccountEmail(OutboundEmailKinds.StaffInvite, member.Id, email!, now);
        db.OutboundEmails.Add(outbox);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        jobs.EnqueueSend(outbox.Id);
        logger.LogInformation("Staff member {StaffMemberId} invited by staff member {AdminId}", member.Id, actor.StaffMemberId);
        return StaffInviteResult.Done($"Invite sent to {email}.", member.Id);
    }

    /// <summary>A new invite email; the links sent before stop working (the security stamp changes first).</summary>
    public Task<StaffInviteResult> ResendAsync(int staffMemberId, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        OnAccountAsync(staffMemberId, admin, cancellationToken, async (users, db, user, member, actor, now) =>
        {
            if (Pending(member, await users.HasPasswordAsync(user)) is { } notPending)
            {
                return (StaffInviteResult.Refused(notPending), null);
            }

            DatabaseCheck(await users.UpdateSecurityStampAsync(user), "void the earlier invite links");
            await CancelUnsentAsync(db, member.Id, OutboundEmailKinds.StaffInvite, "A newer invite replaced this one.", cancellationToken);
            var invitedBefore = member.InvitedAt;
            member.InvitedAt = now;
            member.Version++;
            audit.Record(db, actor, AuditAreas.Staff, Id(member), member.DisplayName, "Invite sent again", AuditTrail.Changes(
                ("Invited", When(invitedBefore), When(now))));
            var outbox = AccountEmail(OutboundEmailKinds.StaffInvite, member.Id, user.Email!, now);
            db.OutboundEmails.Add(outbox);
            return (StaffInviteResult.Done($"A new invite is on its way to {user.Email}. The earlier link no longer works.", member.Id), outbox);
        });

    /// <summary>The invite's link stops working and the person is deactivated, so they no longer show as invited.</summary>
    public Task<StaffInviteResult> RevokeAsync(int staffMemberId, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        OnAccountAsync(staffMemberId, admin, cancellationToken, async (users, db, user, member, actor, now) =>
        {
            if (Pending(member, await users.HasPasswordAsync(user)) is { } notPending)
            {
                return (StaffInviteResult.Refused(notPending), null);
            }

            DatabaseCheck(await users.UpdateSecurityStampAsync(user), "void the invite link");
            await CancelUnsentAsync(db, member.Id, OutboundEmailKinds.StaffInvite, "The invite was revoked.", cancellationToken);
            member.IsActive = false;
            member.DeactivatedAt = now;
            member.Version++;
            audit.Record(db, actor, AuditAreas.Staff, Id(member), member.DisplayName, "Invite revoked", AuditTrail.Changes(
                ("Status", "Invited", "Deactivated")));
            return (StaffInviteResult.Done($"{member.DisplayName}'s invite is revoked: the link no longer works.", member.Id), null);
        });

    /// <summary>Emails someone who has a password a link to choose a new one; their current password works until they use it.</summary>
    public Task<StaffInviteResult> SendPasswordResetAsync(int staffMemberId, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        OnAccountAsync(staffMemberId, admin, cancellationToken, async (users, db, user, member, actor, now) =>
        {
            if (!member.IsActive)
            {
                return (StaffInviteResult.Refused($"{member.DisplayName} is deactivated. Reactivate them first."), null);
            }

            if (!await users.HasPasswordAsync(user))
            {
                return (StaffInviteResult.Refused($"{member.DisplayName} has not chosen a password yet. Send the invite again instead."), null);
            }

            // One link at a time in their inbox: an earlier reset email not yet sent is dropped.
            await CancelUnsentAsync(db, member.Id, OutboundEmailKinds.StaffPasswordReset, "A newer password-reset link replaced this one.", cancellationToken);
            audit.Record(db, actor, AuditAreas.Staff, Id(member), member.DisplayName, "Password-reset link sent");
            var outbox = AccountEmail(OutboundEmailKinds.StaffPasswordReset, member.Id, user.Email!, now);
            db.OutboundEmails.Add(outbox);
            return (StaffInviteResult.Done($"A password-reset link is on its way to {user.Email}.", member.Id), outbox);
        });

    private delegate Task<(StaffInviteResult Result, OutboundEmail? Email)> AccountAction(
        UserManager<IdentityUser> users, LeadDbContext db, IdentityUser user, StaffMember member, StaffIdentity actor, DateTime now);

    // One transaction around an action on someone's account; a refusal returns without saving.
    private Task<StaffInviteResult> OnAccountAsync(int staffMemberId, ClaimsPrincipal admin, CancellationToken cancellationToken, AccountAction action) =>
        scopes.InFreshScopesAsync(() => OnAccountOnceAsync(staffMemberId, admin, cancellationToken, action));

    private async Task<StaffInviteResult> OnAccountOnceAsync(int staffMemberId, ClaimsPrincipal admin, CancellationToken cancellationToken, AccountAction action)
    {
        var actor = await AdminAsync(admin, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<LeadDbContext>();
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffMemberId, cancellationToken);
        var user = member is null ? null : await users.FindByIdAsync(member.UserId);
        if (member is null || user is null)
        {
            return StaffInviteResult.Refused("That person is no longer on the staff list. Reload the page.");
        }

        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var (result, email) = await action(users, db, user, member, actor, now);
            if (!result.Succeeded)
            {
                return result;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (email is not null)
            {
                jobs.EnqueueSend(email.Id);
            }

            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaffInviteResult.Refused(Conflict);
        }
    }

    // Null when the person is waiting to accept an invite; otherwise why this action does not apply.
    private static string? Pending(StaffMember member, bool hasPassword) =>
        !member.IsActive ? $"{member.DisplayName} is deactivated: their invite no longer works."
        : hasPassword ? $"{member.DisplayName} has already chosen a password. Send them a password-reset link instead."
        : member.InvitedAt is null ? $"{member.DisplayName} was never invited by email."
        : null;

    private async Task<StaffIdentity> AdminAsync(ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        StaffAccess.Require(admin, StaffRoles.Admin);
        return await currentStaff.FindAsync(admin, cancellationToken)
            ?? throw new UnauthorizedAccessException("Your staff record is not active. Ask another admin.");
    }

    private static (string? Email, string? DisplayName, Dictionary<string, string> Errors) Clean(InviteInput input)
    {
        var errors = new Dictionary<string, string>();
        string? email = null;
        var raw = input.Email ?? "";
        if (raw.Any(char.IsControl))
        {
            // A line break in an address is how extra mail headers are smuggled in: refuse it, never fold it away.
            errors[EmailField] = "An email address is one line: take out the line break or other hidden character.";
        }
        else if (TextCleaning.CleanLine(raw)?.ToLowerInvariant() is not { } cleaned)
        {
            errors[EmailField] = "Enter their email address: the invite goes there, and they sign in with it.";
        }
        else if (cleaned.Length > EmailMaxLength || !TextCleaning.IsEmailAddress(cleaned))
        {
            errors[EmailField] = "Enter an email address like name@clinic.co.uk.";
        }
        else
        {
            email = cleaned;
        }

        var displayName = TextCleaning.CleanLine(input.DisplayName);
        if (displayName is null)
        {
            errors[DisplayNameField] = "Enter their name as colleagues know them, e.g. Priya Shah.";
        }
        else if (displayName.Length > DisplayNameMaxLength)
        {
            errors[DisplayNameField] = $"Keep the name to {DisplayNameMaxLength} characters.";
        }

        if (!StaffRoles.All.Contains(input.Role))
        {
            errors[RoleField] = "Choose their role.";
        }

        return (email, displayName, errors);
    }

    private static async Task CancelUnsentAsync(LeadDbContext db, int staffMemberId, string kind, string why, CancellationToken cancellationToken) =>
        await db.OutboundEmails
            .Where(e => e.StaffMemberId == staffMemberId && e.Kind == kind)
            .Where(e => e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying
                || e.Status == OutboundEmailStatus.Failed || e.Status == OutboundEmailStatus.Uncertain)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, OutboundEmailStatus.Cancelled)
                .SetProperty(e => e.ClaimedUntil, (DateTime?)null)
                .SetProperty(e => e.LastError, why), cancellationToken);

    private static OutboundEmail AccountEmail(string kind, int staffMemberId, string recipient, DateTime now) => new()
    {
        Kind = kind,
        Recipient = recipient,
        StaffMemberId = staffMemberId,
        Status = OutboundEmailStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    private static string Id(StaffMember member) => member.Id.ToString(CultureInfo.InvariantCulture);

    // Clinic time, as the audit page reads.
    private string? When(DateTime? utc) => utc is { } at ? ClinicTimeText.When(clock.ToClinicTime(at)) : null;

    private static void DatabaseCheck(IdentityResult result, string what)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            // The account changed under us (another admin's action at the same moment).
            throw new DbUpdateConcurrencyException(Conflict);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
