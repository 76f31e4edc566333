using LeadManager.Data.Leads;
using LeadManager.Web.LiveUpdates;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadManager.Tests.LiveUpdates;

public sealed class LeadChangeSubscribersTests
{
    private static readonly LeadChange Change = new(7, "DC-7K3P9Q", LeadEventKind.Assigned, 3);

    [Fact]
    public async Task A_broken_page_does_not_stop_the_others_hearing_a_change()
    {
        var subscribers = new LeadChangeSubscribers(NullLogger<LeadChangeSubscribers>.Instance);
        var notifier = new InProcessLeadChangeNotifier(subscribers);
        var heard = new TaskCompletionSource<LeadChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var broken = notifier.Subscribe(_ => throw new ObjectDisposedException("circuit"));
        using var working = notifier.Subscribe(change =>
        {
            heard.TrySetResult(change);
            return Task.CompletedTask;
        });

        await notifier.PublishAsync(Change);

        Assert.Equal(Change, await heard.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_closed_page_hears_nothing_more_and_is_let_go()
    {
        var subscribers = new LeadChangeSubscribers(NullLogger<LeadChangeSubscribers>.Instance);
        var notifier = new InProcessLeadChangeNotifier(subscribers);
        var calls = 0;
        var subscription = notifier.Subscribe(_ =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        });
        subscription.Dispose();
        subscription.Dispose();

        await notifier.PublishAsync(Change);
        await Quiet.ForAsync(TimeSpan.FromMilliseconds(50), "delivery only yields to the thread pool first: a handler kept after Dispose would have run by now");

        Assert.Equal(0, calls);
        Assert.Equal(0, subscribers.Count);
    }

    [Fact]
    public async Task A_slow_page_does_not_hold_up_the_one_publishing()
    {
        var subscribers = new LeadChangeSubscribers(NullLogger<LeadChangeSubscribers>.Instance);
        var notifier = new InProcessLeadChangeNotifier(subscribers);
        var release = new TaskCompletionSource();
        using var slow = notifier.Subscribe(_ => release.Task);

        var publish = notifier.PublishAsync(Change);

        Assert.True(publish.IsCompleted);
        release.SetResult();
        await publish;
    }
}

public sealed class SubscribeReloadTests
{
    [Fact]
    public async Task A_burst_of_changes_before_the_page_reloads_is_one_reload_and_a_later_change_is_another()
    {
        var notifier = new DeliversAtOnce();
        var circuit = new TaskCompletionSource();
        var reloads = 0;
        var dispatched = new List<Task>();
        // The page's circuit is busy until released: changes queue up behind it, as on a real page.
        using var subscription = notifier.SubscribeReload(
            work =>
            {
                var run = circuit.Task.ContinueWith(_ => work()).Unwrap();
                lock (dispatched)
                {
                    dispatched.Add(run);
                }

                return run;
            },
            _ =>
            {
                Interlocked.Increment(ref reloads);
                return Task.CompletedTask;
            },
            change => change.LeadId == 7);

        await notifier.PublishAsync(new LeadChange(7, "DC-7K3P9Q", LeadEventKind.Assigned, 2));
        await notifier.PublishAsync(new LeadChange(7, "DC-7K3P9Q", LeadEventKind.EmailSent, 2));
        await notifier.PublishAsync(new LeadChange(8, "DC-8K3P9Q", LeadEventKind.Assigned, 2));
        lock (dispatched)
        {
            Assert.Single(dispatched);
        }

        circuit.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref reloads) == 1, "The burst reloading the page once", TimeSpan.FromSeconds(5));
        await notifier.PublishAsync(new LeadChange(7, "DC-7K3P9Q", LeadEventKind.Scheduled, 3));
        await Eventually.TrueAsync(() => Volatile.Read(ref reloads) == 2, "The later change reloading the page again", TimeSpan.FromSeconds(5));

        lock (dispatched)
        {
            Assert.Equal(2, dispatched.Count);
        }
    }

    /// <summary>Hands each change to the subscriber before Publish returns, so the test controls the order.</summary>
    private sealed class DeliversAtOnce : ILeadChangeNotifier
    {
        private Func<LeadChange, Task>? _subscriber;

        public Task PublishAsync(LeadChange change, CancellationToken cancellationToken = default)
        {
            _ = _subscriber?.Invoke(change);
            return Task.CompletedTask;
        }

        public IDisposable Subscribe(Func<LeadChange, Task> onChange)
        {
            _subscriber = onChange;
            return new CancellationTokenSource();
        }
    }
}
