using System.Collections.Concurrent;

namespace LeadManager.Web.LiveUpdates;

/// <summary>Hands a change to this server's subscribers, each on its own, so one slow or broken page cannot hold up the rest.</summary>
/// <param name="setup">Moved on by a clinic-setup change before anyone is told (optional only so tests can make one bare).</param>
public sealed class LeadChangeSubscribers(ILogger<LeadChangeSubscribers> logger, ClinicSetupChanges? setup = null)
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
        if (change.IsClinicSetup)
        {
            setup?.Changed();
        }

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
