using LeadManager.Data;
using LeadManager.Data.LiveUpdates;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.LiveUpdates;

/// <summary>
/// Several app servers on one database: a change is written to the change sequence and every
/// server (this one included, at once) tells its pages; <see cref="LeadChangePoller"/> reads
/// what the other servers wrote.
/// </summary>
public sealed class DatabaseLeadChangeNotifier(
    IDbContextFactory<LeadDbContext> dbFactory,
    LeadChangeSubscribers subscribers,
    TimeProvider timeProvider,
    ILogger<DatabaseLeadChangeNotifier> logger) : ILeadChangeNotifier
{
    /// <summary>This server's name in the change sequence.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    public async Task PublishAsync(LeadChange change, CancellationToken cancellationToken = default)
    {
        subscribers.Raise(change);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.LeadChanges.Add(new LeadChangeRecord
            {
                LeadId = change.LeadId,
                Reference = change.Reference,
                What = change.What,
                Version = change.Version,
                At = timeProvider.GetUtcNow().UtcDateTime,
                Origin = Origin,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The change itself is saved; other servers' pages catch up on their next refresh.
            logger.LogWarning(exception, "Could not write the live update for {Reference} to the change sequence", change.Reference);
        }
    }

    public IDisposable Subscribe(Func<LeadChange, Task> onChange) => subscribers.Add(onChange);
}
