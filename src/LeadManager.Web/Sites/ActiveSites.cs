using LeadManager.Data;
using LeadManager.Web.LiveUpdates;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Sites;

/// <summary>
/// The active sites by name, read at most once a minute: every intake post needs them and
/// they change a few times a year. A change made in the app (<see cref="ClinicSetupChanges"/>)
/// applies at once; one made behind its back (straight in the database) within the minute.
/// </summary>
public sealed class ActiveSites(IDbContextFactory<LeadDbContext> dbFactory, TimeProvider timeProvider, ClinicSetupChanges setup)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyDictionary<string, int>> GetAsync(CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).ByName;

    /// <summary>The active sites' names in alphabetical order, as the form lists them.</summary>
    public async Task<IReadOnlyList<string>> GetNamesAsync(CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Names;

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        // Read before the database: a change saved while this reads makes the next call read again.
        var generation = setup.Generation;
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Generation == generation && now - snapshot.ReadAt < Freshness)
        {
            return snapshot;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var byName = await db.Sites.AsNoTracking().Where(s => s.IsActive)
            .ToDictionaryAsync(s => s.Name, s => s.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        snapshot = new Snapshot(byName, byName.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray(), now, generation);
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, int> ByName, IReadOnlyList<string> Names, DateTimeOffset ReadAt, long Generation);
}
