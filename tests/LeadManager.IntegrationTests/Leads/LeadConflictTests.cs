using System.Collections.Concurrent;
using LeadManager.Data.Leads;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.LiveUpdates;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Leads;

/// <summary>
/// Two people acting on one lead: exactly one wins, the other is told the lead just changed,
/// and every open page hears about the change. Run with the in-process notifier (one server)
/// and with database polling between two app servers sharing one SQLite file.
/// </summary>
public sealed class LeadConflictTests
{
    private static readonly Dictionary<string, string?> Polling = new()
    {
        ["LiveUpdates:Mode"] = "DatabasePolling",
        ["LiveUpdates:PollIntervalMilliseconds"] = "100",
    };

    [Fact]
    public async Task In_process_a_stale_action_is_refused_as_a_conflict_and_pages_hear_the_winning_change()
    {
        await using var app = new TestApp();
        await RunConflictDrillAsync(app, app);
    }

    [Fact]
    public async Task Across_two_servers_polling_the_database_a_stale_action_is_refused_and_the_other_server_hears_the_change()
    {
        await using var first = new TestApp("Testing", Polling);
        _ = first.Services; // start it, so the database is migrated and seeded before the second server opens it
        await using var second = new TestApp("Testing", Polling, first.Directory);
        await RunConflictDrillAsync(first, second);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_staff_acting_at_the_same_moment_on_one_lead_exactly_one_wins(bool polling)
    {
        await using var first = polling ? new TestApp("Testing", Polling) : new TestApp();
        _ = first.Services;
        await using var second = polling ? new TestApp("Testing", Polling, first.Directory) : null;
        var other = second ?? first;
        var lead = await CreateLeadAsync(first);
        var reception = await PrincipalAsync(first, Reception);
        var admin = await PrincipalAsync(first, LeadTestData.Admin);
        var clinicianA = (await StaffAsync(first, ClinicianA)).Id;
        var clinicianB = (await StaffAsync(first, ClinicianB)).Id;

        for (var round = 0; round < 5; round++)
        {
            var current = await ReadAsync(first, lead.Id);
            await using var scope1 = first.Services.CreateAsyncScope();
            await using var scope2 = other.Services.CreateAsyncScope();
            var results = await Task.WhenAll(
                scope1.ServiceProvider.GetRequiredService<LeadActions>().AssignAsync(reception, lead.Id, current.Version, current.AssignedClinicianId == clinicianA ? clinicianB : clinicianA),
                scope2.ServiceProvider.GetRequiredService<LeadActions>().AddNoteAsync(admin, lead.Id, current.Version, $"Round {round}"));

            Assert.True(results.Count(r => r.Succeeded) == 1, $"Round {round}: {string.Join("; ", results.Select(r => $"{r.Status} {r.Message}"))}");
            Assert.True(results.Count(r => r.Status == LeadActionStatus.Conflict) == 1, $"Round {round}: {string.Join("; ", results.Select(r => $"{r.Status} {r.Message}"))}");
            Assert.Equal(current.Version + 1, (await ReadAsync(first, lead.Id)).Version);
        }
    }

    private static async Task RunConflictDrillAsync(TestApp first, TestApp second)
    {
        var lead = await CreateLeadAsync(first);
        var heardOnSecond = new ConcurrentQueue<LeadChange>();
        using var subscription = second.Services.GetRequiredService<ILeadChangeNotifier>().Subscribe(change =>
        {
            heardOnSecond.Enqueue(change);
            return Task.CompletedTask;
        });
        var sophie = await PrincipalAsync(first, Reception);
        var grace = await PrincipalAsync(second, LeadTestData.Admin);
        var clinicianA = (await StaffAsync(first, ClinicianA)).Id;
        var clinicianB = (await StaffAsync(first, ClinicianB)).Id;

        // Both opened the lead at the same version; Sophie assigns first on the first server.
        await using var scope1 = first.Services.CreateAsyncScope();
        var won = await scope1.ServiceProvider.GetRequiredService<LeadActions>().AssignAsync(sophie, lead.Id, lead.Version, clinicianA);
        await using var scope2 = second.Services.CreateAsyncScope();
        var lost = await scope2.ServiceProvider.GetRequiredService<LeadActions>().AssignAsync(grace, lead.Id, lead.Version, clinicianB);

        Assert.True(won.Succeeded);
        Assert.Equal(LeadActionStatus.Conflict, lost.Status);
        Assert.Equal(LeadActionResult.ConflictMessage, lost.Message);
        Assert.Equal(won.Version, lost.Version);
        var after = await ReadAsync(first, lead.Id);
        Assert.Equal(clinicianA, after.AssignedClinicianId);
        Assert.Single(after.Events, e => e.Kind == LeadEventKind.Assigned);

        // The page on the other server hears the winning change, with the version to reload to.
        await Eventually.TrueAsync(() => heardOnSecond.Any(c => c.LeadId == lead.Id && c.What == LeadEventKind.Assigned), "The other server hearing the change", TimeSpan.FromSeconds(10));
        var heard = heardOnSecond.First(c => c.LeadId == lead.Id && c.What == LeadEventKind.Assigned);
        Assert.Equal(won.Version, heard.Version);
        Assert.Equal(lead.Reference, heard.Reference);

        // Retrying on the fresh version works.
        var retried = await scope2.ServiceProvider.GetRequiredService<LeadActions>().AssignAsync(grace, lead.Id, lost.Version!.Value, clinicianB);
        Assert.True(retried.Succeeded);
        Assert.Equal(clinicianB, (await ReadAsync(first, lead.Id)).AssignedClinicianId);
    }
}
