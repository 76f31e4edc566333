using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Board;

internal sealed class BoardSummaryQuery(IDbContextFactory<LeadDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<LeadStatus, int>> CountOpenByStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Leads.AsNoTracking()
            .Where(l => l.Status != LeadStatus.Closed)
            .GroupBy(l => l.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Status, x => x.Count, cancellationToken);
    }
}
