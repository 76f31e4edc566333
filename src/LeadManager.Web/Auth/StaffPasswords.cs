using System.Globalization;
using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Data.Staff;
using LeadManager.Web.Audit;
using LeadManager.Web.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Auth;

/// <summary>Which emailed link a person followed.</summary>
public enum StaffLinkKind
{
    /// <summary>The invite's "choose your password" link (the account has no password yet).</summary>
    Invite,

    /// <summary>A password-reset link an admin sent (the account has a password).</summary>
    PasswordReset,
}

public enum StaffPasswordOutcome
{
    /// <summary>The password is set; sign the person in.</summary>
    Done,

    /// <summary>The link has expired, was used, replaced, revoked or changed: nothing was changed.</summary>
    LinkNotValid,

    /// <summary>A field is wrong (<see cref="StaffPasswordResult.Field"/>, <see cref="StaffPasswordResult.Message"/>): nothing was changed.</summary>
    Refused,

    /// <summary>Too many wrong current passwords: the account is locked like after wrong sign-ins.</summary>
    LockedOut,
}

public sealed record StaffPasswordResult(StaffPasswordOutcome Outcome, string? Field = null, string? Message = null)
{
    public static readonly StaffPasswordResult Done = new(StaffPasswordOutcome.Done);
    public static readonly StaffPasswordResult LinkNotValid = new(StaffPasswordOutcome.LinkNotValid);
    public static readonly StaffPasswordResult LockedOut = new(StaffPasswordOutcome.LockedOut);

    public static StaffPasswordResult Refused(string field, string message) => new(StaffPasswordOutcome.Refused, field, message);
}

/// <summary>
/// What the public account pages do with passwords: check and use an emailed link (the invite's
/// first password, an admin's reset) and a signed-in person's own change. Each operation has a
/// scope of its own, because Identity's stores use the scoped context: so the password, the staff
/// record (the must-change flag) and the audit entry are saved in one transaction, or none is.
/// Setting a password changes the security stamp, which is what makes each link work once.
/// Never logs or audits a password, a token or a link.
/// </summary>
public sealed class StaffPasswords(IServiceScopeFactory scopes, AuditTrail audit, ILogger<StaffPasswords> logger)
{
    /// <summary>Field names the pages show messages against.</summary>
    public const string NewPasswordField = "NewPassword";
    public const string CurrentPasswordField = "CurrentPassword";

    /// <summary>Whether the link can still set a password (without using it): the page shows its form, or says the link no longer works.</summary>
    public async Task<bool> IsLinkValidAsync(StaffLinkKind kind, string? userId, string? token, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<LeadDbContext>();
        return await FindForLinkAsync(users, db, kind, userId, token, cancellationToken) is not null;
    }

    /// <summary>Sets the password the link is for. The link stops working (the security stamp changes), and a reset also unlocks the account.</summary>
    public Task<StaffPasswordResult> SetFromLinkAsync(StaffLinkKind kind, string? userId, string? token, string newPassword, CancellationToken cancellationToken) =>
        scopes.InFreshScopesAsync(() => SetFromLinkOnceAsync(kind, userId, token, newPassword, cancellationToken));

    private async Task<StaffPasswordResult> SetFromLinkOnceAsync(StaffLinkKind kind, string? userId, string? token, string newPassword, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<LeadDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FindForLinkAsync(users, db, kind, userId, token, cancellationToken) is not { } found)
        {
            return StaffPasswordResult.LinkNotValid;
        }

        var (user, member) = found;

        IdentityResult result;
        if (kind == StaffLinkKind.Invite)
        {
            // They followed a link sent to the address: it is theirs.
            user.EmailConfirmed = true;
            result = await users.AddPasswordAsync(user, newPassword);
        }
        else
        {
            result = await users.ResetPasswordAsync(user, token!, newPassword);
        }

        if (!result.Succeeded)
        {
            // A password rule, or (a second submit racing the first) the link already used.
            return PasswordRuleBroken(result) is { } rule
                ? StaffPasswordResult.Refused(NewPasswordField, rule)
                : StaffPasswordResult.LinkNotValid;
        }

        if (kind == StaffLinkKind.PasswordReset)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        member.MustChangePassword = false;
        audit.Record(db, await SelfAsync(users, user, member), AuditAreas.Staff, member.Id.ToString(CultureInfo.InvariantCulture), member.DisplayName,
            kind == StaffLinkKind.Invite ? "Invite accepted (password chosen)" : "Password reset (from the emailed link)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Staff member {StaffMemberId} set a password from an emailed link ({Kind})", member.Id, kind);
        return StaffPasswordResult.Done;
    }

    /// <summary>
    /// A signed-in person changes their own password: the current one must be right (wrong ones
    /// count towards the lockout, as at sign-in) and the new one different. Clears the
    /// must-change flag; the caller refreshes the sign-in so the cookie drops it too.
    /// </summary>
    public Task<StaffPasswordResult> ChangeAsync(ClaimsPrincipal principal, string currentPassword, string newPassword, CancellationToken cancellationToken) =>
        scopes.InFreshScopesAsync(() => ChangeOnceAsync(principal, currentPassword, newPassword, cancellationToken));

    private async Task<StaffPasswordResult> ChangeOnceAsync(ClaimsPrincipal principal, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<LeadDbContext>();
        var user = await users.GetUserAsync(principal);
        var member = user is null ? null : await db.StaffMembers.SingleOrDefaultAsync(s => s.UserId == user.Id && s.IsActive, cancellationToken);
        if (user is null || member is null)
        {
            throw new UnauthorizedAccessException("Sign in to change your password.");
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return StaffPasswordResult.Refused(NewPasswordField, "Choose a new password: not the one you have now.");
        }

        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? StaffPasswordResult.LockedOut
                : StaffPasswordResult.Refused(CurrentPasswordField, "That is not your current password. Check it and try again.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return StaffPasswordResult.Refused(NewPasswordField, PasswordRuleBroken(result) ?? "Your password could not be changed. Try again.");
        }

        await users.ResetAccessFailedCountAsync(user);
        member.MustChangePassword = false;
        audit.Record(db, await SelfAsync(users, user, member), AuditAreas.Staff, member.Id.ToString(CultureInfo.InvariantCulture), member.DisplayName, "Password changed");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Staff member {StaffMemberId} changed their password", member.Id);
        return StaffPasswordResult.Done;
    }

    /// <summary>
    /// Signs the person in (or, <paramref name="refresh"/>, renews their cookie) after a password
    /// was set, and says where their role lands. A scope of its own, so the cookie carries the
    /// security stamp just saved, not one the request read earlier.
    /// </summary>
    public async Task<string> SignInAsync(HttpContext context, string userId, bool refresh)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
        signIn.Context = context;
        var user = await signIn.UserManager.FindByIdAsync(userId)
            ?? throw new InvalidOperationException("The account whose password was just set no longer exists.");
        if (refresh)
        {
            await signIn.RefreshSignInAsync(user);
        }
        else
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        return RoleHome.For(await signIn.UserManager.GetRolesAsync(user));
    }

    /// <summary>The account and staff record the link can set a password for, or null (the link is not valid for it now).</summary>
    private static async Task<(IdentityUser User, StaffMember Member)?> FindForLinkAsync(
        UserManager<IdentityUser> users, LeadDbContext db, StaffLinkKind kind, string? userId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(token) || await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }

        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.UserId == user.Id, cancellationToken);
        if (member is not { IsActive: true })
        {
            return null;
        }

        var hasPassword = await users.HasPasswordAsync(user);
        var valid = kind == StaffLinkKind.Invite
            ? !hasPassword && member.InvitedAt is not null && await users.VerifyUserTokenAsync(user, StaffLinkTokens.Invite, StaffLinkTokens.Invite, token)
            : hasPassword && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<IdentityUser>.ResetPasswordTokenPurpose, token);
        return valid ? (user, member) : null;
    }

    // The person acting on their own account, as the audit trail names them.
    private static async Task<StaffIdentity> SelfAsync(UserManager<IdentityUser> users, IdentityUser user, StaffMember member)
    {
        var roles = await users.GetRolesAsync(user);
        return new StaffIdentity(user.Id, member.Id, member.DisplayName,
            roles.Contains(StaffRoles.Admin) || roles.Contains(StaffRoles.Receptionist), roles.Contains(StaffRoles.Clinician));
    }

    private static string? PasswordRuleBroken(IdentityResult result) =>
        result.Errors.FirstOrDefault(e => e.Code.StartsWith("Password", StringComparison.Ordinal) && e.Code != "PasswordMismatch")?.Description;
}
