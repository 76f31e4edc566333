using System.Collections.Concurrent;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.LiveUpdates;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Leads;

/// <summary>A lead changed: which one, how, and the version it is at now. No patient details.</summary>
public sealed record LeadChange(int LeadId, string Reference, LeadEventKind What, int Version);

/// <summary>
/// The one way pages learn that a lead changed. Every lifecycle action, every new request and
/// every job that touches a lead publishes here; open pages subscribe and refresh through
/// InvokeAsync. Chosen by LiveUpdates:Mode: in-process for one app server, database polling
/// when several servers share one database.
/// </summary>
public interface ILeadChangeNotifier
{
    /// <summary>Tells every subscriber, on every server. Never throws: a lost live update must not undo a saved change.</summary>
    Task PublishAsync(LeadChange change, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onChange"/> for each change until the returned handle is disposed.</summary>
    IDisposable Subscribe(Func<LeadChange, Task> onChange);
}

public static class LeadChangeNotifierExtensions
{
    /// <summary>
    /// How an open page follows changes: each relevant change asks for one reload on the page's
    /// circuit (<paramref name="dispatch"/> is the component's InvokeAsync), and a burst of changes
    /// (an action and its emails, a busy morning) that arrives before that reload starts is one
    /// reload, not one each. The reload is given the change that asked for it.
    /// </summary>
    public static IDisposable SubscribeReload(
        this ILeadChangeNotifier notifier,
        Func<Func<Task>, Task> dispatch,
        Func<LeadChange, Task> reload,
        Func<LeadChange, bool>? relevant = null)
    {
        var queued = 0;
        return notifier.Subscribe(change =>
        {
            if ((relevant is not null && !relevant(change)) || Interlocked.Exchange(ref queued, 1) == 1)
            {
                return Task.CompletedTask;
            }

            return dispatch(async () =>
            {
                Interlocked.Exchange(ref queued, 0);
                await reload(change);
            });
        });
    }

    /// <summary>For changes that are not lifecycle actions (an email's status): reads the lead's reference and current version, then publishes.</summary>
    public static async Task PublishForLeadAsync(this ILeadChangeNotifier notifier, LeadDbContext db, int leadId, LeadEventKind what)
    {
        var lead = await db.Leads.AsNoTracking().Where(l => l.Id == leadId)
            .Select(l => new { l.Reference, l.Version }).SingleOrDefaultAsync(CancellationToken.None);
        if (lead is not null)
        {
            await notifier.PublishAsync(new LeadChange(leadId, lead.Reference, what, lead.Version), CancellationToken.None);
        }
    }
}

public enum LiveUpdatesMode
{
    InProcess = 0,
    DatabasePolling = 1,
}

public sealed class LiveUpdatesOptions
{
    public const string Section = "LiveUpdates";

    public LiveUpdatesMode Mode { get; set; } = LiveUpdatesMode.InProcess;

    /// <summary>How often each server reads the change sequence in DatabasePolling mode.</summary>
    public int PollIntervalMilliseconds { get; set; } = 250;

    /// <summary>Change rows older than this are deleted; a server that was down longer just reloads.</summary>
    public int RetentionMinutes { get; set; } = 60;
}

internal sealed class LiveUpdatesOptionsValidator : IValidateOptions<LiveUpdatesOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveUpdatesOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add("LiveUpdates:Mode must be InProcess (one app server) or DatabasePolling (several servers sharing one database).");
        }

        if (options.PollIntervalMilliseconds is < 50 or > 5000)
        {
            errors.Add($"LiveUpdates:PollIntervalMilliseconds is {options.PollIntervalMilliseconds}; it must be between 50 and 5000 (pages should update within a second).");
        }

        if (options.RetentionMinutes is < 1 or > 10_080)
        {
            errors.Add($"LiveUpdates:RetentionMinutes is {options.RetentionMinutes}; it must be between 1 and 10080.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Hands a change to this server's subscribers, each on its own, so one slow or broken page cannot hold up the rest.</summary>
public sealed class LeadChangeSubscribers(ILogger<LeadChangeSubscribers> logger)
{
    private readonly ConcurrentDictionary<long, Func<LeadChange, Task>> _subscribers = new();
    private long _nextId;

    public int Count => _subscribers.Count;

    public IDisposable Add(Func<LeadChange, Task> onChange)
    {
        var id = Interlocked.Increment(ref _nextId);
        _subscribers[id] = onChange;
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public void Raise(LeadChange change)
    {
        foreach (var onChange in _subscribers.Values)
        {
            _ = DeliverAsync(onChange, change);
        }
    }

    private async Task DeliverAsync(Func<LeadChange, Task> onChange, LeadChange change)
    {
        try
        {
            await Task.Yield();
            await onChange(change);
        }
        catch (Exception exception)
        {
            // A closed browser tab (disposed circuit) is the usual cause: nothing to do.
            logger.LogDebug(exception, "A live-update subscriber failed for {Reference}", change.Reference);
        }
    }

    private sealed class Subscription(Action remove) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                remove();
            }
        }
    }
}

/// <summary>One app server: a change goes straight to this process's pages.</summary>
public sealed class InProcessLeadChangeNotifier(LeadChangeSubscribers subscribers) : ILeadChangeNotifier
{
    public Task PublishAsync(LeadChange change, CancellationToken cancellationToken = default)
    {
        subscribers.Raise(change);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<LeadChange, Task> onChange) => subscribers.Add(onChange);
}

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

internal static class LiveUpdatesRegistration
{
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LiveUpdatesOptions, LiveUpdatesOptionsValidator>(configuration, LiveUpdatesOptions.Section);
        services.AddSingleton<LeadChangeSubscribers>();
        var mode = configuration.GetSection(LiveUpdatesOptions.Section).GetValue(nameof(LiveUpdatesOptions.Mode), LiveUpdatesMode.InProcess);
        if (mode == LiveUpdatesMode.DatabasePolling)
        {
            services.AddSingleton<DatabaseLeadChangeNotifier>();
            services.AddSingleton<ILeadChangeNotifier>(sp => sp.GetRequiredService<DatabaseLeadChangeNotifier>());
            services.AddHostedService<LeadChangePoller>();
        }
        else
        {
            services.AddSingleton<ILeadChangeNotifier, InProcessLeadChangeNotifier>();
        }

        return services;
    }
}
