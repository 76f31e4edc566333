using LeadManager.Data.Leads;
using LeadManager.Web.LiveUpdates;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadManager.Tests.LiveUpdates;

/// <summary>
/// A clinic-setup change moves <see cref="ClinicSetupChanges"/> before any page hears of it, so a
/// page that reloads because of the change never reads a cache from before it.
/// </summary>
public sealed class ClinicSetupChangesTests
{
    [Fact]
    public async Task The_count_has_moved_by_the_time_a_page_hears_a_setup_change()
    {
        var setup = new ClinicSetupChanges();
        var notifier = new InProcessLeadChangeNotifier(new LeadChangeSubscribers(NullLogger<LeadChangeSubscribers>.Instance, setup));
        var before = setup.Generation;
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = notifier.Subscribe(change =>
        {
            seen.TrySetResult(setup.Generation);
            return Task.CompletedTask;
        });

        await notifier.PublishAsync(LeadChange.ClinicSetup);

        Assert.Equal(before + 1, await seen.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_change_to_one_request_leaves_the_count_alone()
    {
        var setup = new ClinicSetupChanges();
        var notifier = new InProcessLeadChangeNotifier(new LeadChangeSubscribers(NullLogger<LeadChangeSubscribers>.Instance, setup));
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = notifier.Subscribe(_ =>
        {
            heard.TrySetResult();
            return Task.CompletedTask;
        });

        await notifier.PublishAsync(new LeadChange(7, "DC-7K3P9Q", LeadEventKind.SiteChanged, 4));
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, setup.Generation);
        Assert.True(LeadChange.ClinicSetup.IsClinicSetup);
        Assert.False(new LeadChange(7, "DC-7K3P9Q", LeadEventKind.SiteChanged, 4).IsClinicSetup);
    }
}
