using LeadManager.Web.Features.Admin.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Admin.Sites.SiteTestData;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>Two admins with the same site open: the first save wins, the second is told and overwrites nothing.</summary>
public sealed class SiteConcurrencyTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_second_admin_to_save_a_site_is_told_someone_else_changed_it_and_overwrites_nothing()
    {
        var grace = await AdminAsync(app);
        var ada = await SecondAdminAsync(app);
        var gracesView = await OpenAsync(app, grace, "Riverside");
        var adasView = await OpenAsync(app, ada, "Riverside");

        var first = await SaveAsync(app, grace, gracesView, Edited(gracesView, f => f.Address = "5 Mill Lane\nRiverside RV1 2AB"));
        var afterFirst = await StateAsync(app, "Riverside");
        var second = await SaveAsync(app, ada, adasView, Edited(adasView, f => f.Address = "6 Mill Lane\nRiverside RV1 2AB"));

        Assert.Equal(SiteSaveStatus.Saved, first.Status);
        Assert.Equal(SiteSaveStatus.Conflict, second.Status);
        Assert.Equal(SiteSaveResult.ConflictMessage, second.Message);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(afterFirst, await StateAsync(app, "Riverside"));
        await using var db = await DbAsync(app);
        Assert.Equal("5 Mill Lane\nRiverside RV1 2AB", await db.Sites.Where(s => s.Name == "Riverside").Select(s => s.Address).SingleAsync());
        Assert.DoesNotContain(await db.AuditEntries.ToListAsync(), e => e.To != null && e.To.Contains("6 Mill Lane", StringComparison.Ordinal));

        // Reloaded, the second admin's change goes through.
        var reloaded = await OpenAsync(app, ada, "Riverside");
        Assert.True((await SaveAsync(app, ada, reloaded, Edited(reloaded, f => f.Address = "6 Mill Lane\nRiverside RV1 2AB"))).Succeeded);
    }

    [Fact]
    public async Task Two_admins_saving_the_same_site_at_the_same_moment_exactly_one_wins()
    {
        var grace = await AdminAsync(app);
        var ada = await SecondAdminAsync(app);
        for (var round = 0; round < 3; round++)
        {
            var gracesView = await OpenAsync(app, grace, "Town Centre");
            var adasView = await OpenAsync(app, ada, "Town Centre");

            var results = await Task.WhenAll(
                SaveAsync(app, grace, gracesView, Edited(gracesView, f => f.Address = $"Grace's {round}")),
                SaveAsync(app, ada, adasView, Edited(adasView, f => f.Address = $"Ada's {round}")));

            Assert.Single(results, r => r.Status == SiteSaveStatus.Saved);
            Assert.Single(results, r => r.Status == SiteSaveStatus.Conflict);
            var winner = results[0].Succeeded ? $"Grace's {round}" : $"Ada's {round}";
            await using var db = await DbAsync(app);
            Assert.Equal(winner, await db.Sites.Where(s => s.Name == "Town Centre").Select(s => s.Address).SingleAsync());
        }
    }

    [Fact]
    public async Task A_closure_added_on_a_stale_site_is_refused_like_any_other_change()
    {
        var grace = await AdminAsync(app);
        var ada = await SecondAdminAsync(app);
        var seen = (await OpenAsync(app, ada, "Riverside")).Form.Version;
        await ChangeAsync(app, "Riverside", f => f.Address = $"{Guid.NewGuid():N}\nRiverside", grace);
        var before = await StateAsync(app, "Riverside");

        var result = await AddClosureAsync(app, ada, "Riverside", new ClosureForm { FirstDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20), Reason = "Training" }, seen);

        Assert.Equal(SiteSaveStatus.Conflict, result.Status);
        Assert.Equal(before, await StateAsync(app, "Riverside"));
    }
}
