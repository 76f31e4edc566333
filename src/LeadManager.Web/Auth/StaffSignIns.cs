using System.Security.Claims;
using LeadManager.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Auth;

/// <summary>
/// The staff cookie's OnSignedIn: records when the person last signed in (StaffMember.LastSignInAt,
/// shown on the staff list), whichever page signed them in. One UPDATE; not an admin change, so
/// it neither raises the record's version nor goes in the audit trail.
/// </summary>
internal static class StaffSignIns
{
    public static async Task RecordAsync(CookieSignedInContext context)
    {
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync(CancellationToken.None);
        await db.StaffMembers.Where(s => s.UserId == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSignInAt, (DateTime?)now), CancellationToken.None);
    }
}
