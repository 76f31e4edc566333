using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.LiveUpdates;

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
