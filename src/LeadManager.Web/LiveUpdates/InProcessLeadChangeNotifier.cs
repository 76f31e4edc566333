using System.Collections.Concurrent;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.LiveUpdates;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
