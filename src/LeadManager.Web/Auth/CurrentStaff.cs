using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Staff;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Auth;

/// <summary>Turns the signed-in user into the staff member the lead rules and the timeline name.</summary>
public sealed class CurrentStaff(IDbContextFactory<LeadDbContext> dbFactory)
{
    /// <summary>Null when the user is not signed in, has no staff role, or has no active staff record.</summary>
    public async Task<StaffIdentity?> FindAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var isFrontDesk = StaffIdentity.HasFrontDeskRole(user);
        var isClinician = user.IsInRole(StaffRoles.Clinician);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || (!isFrontDesk && !isClinician))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.StaffMembers.AsNoTracking()
            .Where(s => s.UserId == userId && s.IsActive)
            .Select(s => new { s.Id, s.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        return member is null ? null : new StaffIdentity(userId, member.Id, member.DisplayName, isFrontDesk, isClinician);
    }
}
