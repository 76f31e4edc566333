using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Board;

internal sealed class BoardSummaryQuery(IDbContextFactory<LeadDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<LeadStatus, int>> CountOpenByStatusAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        StaffAccess.Require(user, StaffRoles.FrontDesk);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Leads.AsNoTracking()
            .Where(l => l.Status != LeadStatus.Closed)
            .GroupBy(l => l.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Status, x => x.Count, cancellationToken);
    }
}
