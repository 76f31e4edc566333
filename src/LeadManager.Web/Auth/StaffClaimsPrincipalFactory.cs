using System.Security.Claims;
using LeadManager.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Auth;

/// <summary>
/// Identity's claims (id, name, roles, security stamp) plus what the staff record says the cookie
/// must carry: <see cref="MustChangePassword.ClaimType"/> while the person must choose a new
/// password. Re-read whenever Identity renews the principal (sign-in, refresh, stamp validation).
/// </summary>
internal sealed class StaffClaimsPrincipalFactory(
    UserManager<IdentityUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    IDbContextFactory<LeadDbContext> dbFactory)
    : UserClaimsPrincipalFactory<IdentityUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(IdentityUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.StaffMembers.AnyAsync(s => s.UserId == user.Id && s.MustChangePassword))
        {
            identity.AddClaim(new Claim(MustChangePassword.ClaimType, "true"));
        }

        return identity;
    }
}
