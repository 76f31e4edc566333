namespace LeadManager.Web.LiveUpdates;

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
