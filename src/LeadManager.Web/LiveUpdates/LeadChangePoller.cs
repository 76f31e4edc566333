using LeadManager.Data;
using LeadManager.Data.LiveUpdates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.LiveUpdates;

/// <summary>Reads the change sequence for what other servers published (DatabasePolling mode only).</summary>
public sealed class LeadChangePoller(
    IDbContextFactory<LeadDbContext> dbFactory,
    DatabaseLeadChangeNotifier notifier,
    LeadChangeSubscribers subscribers,
    TimeProvider timeProvider,
    IOptions<LiveUpdatesOptions> options,
    ILogger<LeadChangePoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        long lastSeen = -1;
        var nextCleanUp = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                if (lastSeen < 0)
                {
                    // Start from now: pages opened after start-up load fresh state anyway.
                    lastSeen = await db.LeadChanges.MaxAsync(c => (long?)c.Sequence, stoppingToken) ?? 0;
                }

                var changes = await db.LeadChanges.AsNoTracking()
                    .Where(c => c.Sequence > lastSeen)
                    .OrderBy(c => c.Sequence)
                    .Take(500)
                    .ToListAsync(stoppingToken);
                foreach (var change in changes)
                {
                    lastSeen = change.Sequence;
                    if (change.Origin != notifier.Origin)
                    {
                        subscribers.Raise(new LeadChange(change.LeadId, change.Reference, change.What, change.Version));
                    }
                }

                var now = timeProvider.GetUtcNow().UtcDateTime;
                if (now >= nextCleanUp)
                {
                    var cutoff = now.AddMinutes(-options.Value.RetentionMinutes);
                    await db.LeadChanges.Where(c => c.At < cutoff).ExecuteDeleteAsync(stoppingToken);
                    nextCleanUp = now.AddMinutes(5);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Reading the live-update change sequence failed; trying again");
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
