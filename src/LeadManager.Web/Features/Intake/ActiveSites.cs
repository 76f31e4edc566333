using LeadManager.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// The active sites by name, read at most once a minute: every intake post needs them and
/// they change a few times a year (a new site appears on the form within a minute).
/// </summary>
public sealed class ActiveSites(IDbContextFactory<LeadDbContext> dbFactory, TimeProvider timeProvider)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyDictionary<string, int>> GetAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var snapshot = _snapshot;
        if (snapshot is not null && now - snapshot.ReadAt < Freshness)
        {
            return snapshot.ByName;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var byName = await db.Sites.AsNoTracking().Where(s => s.IsActive)
            .ToDictionaryAsync(s => s.Name, s => s.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        _snapshot = new Snapshot(byName, now);
        return byName;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, int> ByName, DateTimeOffset ReadAt);
}
