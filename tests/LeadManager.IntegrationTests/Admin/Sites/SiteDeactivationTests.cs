using System.Collections.Concurrent;
using LeadManager.Data.Audit;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.Admin.Sites;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Admin.Sites.SiteTestData;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>
/// A site that open requests prefer is deactivated only once the admin says where they go; they
/// are moved in the same save, each through the lifecycle (a timeline line, a new version), and
/// timed in their new calendar at once. The clock is fake: Saturday 6 March 2027, 10:00 in London,
/// when Riverside is shut (it opens Monday to Friday) and Town Centre open (Saturday 09:00–13:00).
/// </summary>
public sealed class SiteDeactivationTests(SiteDeactivationTests.Fixture fixture) : IClassFixture<SiteDeactivationTests.Fixture>
{
    private static readonly DateTime Saturday10 = StaffEmailTestData.Utc(new DateTime(2027, 3, 6, 10, 0, 0));
    private readonly TestApp _app = fixture.App;

    public sealed class Fixture : IDisposable
    {
        public TestApp App { get; } = StaffEmailTestData.App(new FakeTimeProvider(new DateTimeOffset(Saturday10, TimeSpan.Zero)));

        public void Dispose() => App.Dispose();
    }

    [Fact]
    public async Task Deactivating_a_site_with_open_requests_needs_a_choice_then_moves_them_all_in_one_save()
    {
        var riverside = await SiteIdAsync(_app, "Riverside");
        var townCentre = await SiteIdAsync(_app, "Town Centre");
        var lead = await LeadTestData.CreateLeadAtAsync(_app, Saturday10, siteId: riverside, lastName: "Moving");
        await PlanAsync(_app, lead.Id, Saturday10);
        var closed = await LeadTestData.CreateLeadAtAsync(_app, Saturday10, siteId: riverside, lastName: "Closedalready", arrange: (l, _) => l.MarkSpam(Actor.System, Saturday10));
        Assert.Equal(StaffEmailTestData.Utc(new DateTime(2027, 3, 8, 8, 15, 0)), (await AssignOverdueAsync(lead.Id)).DueAt); // Monday, when Riverside opens
        var open = await OpenAtAsync(riverside);
        var heard = new ConcurrentQueue<LeadChange>();
        using var page = _app.Services.GetRequiredService<ILeadChangeNotifier>().Subscribe(change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        var admin = await AdminAsync(_app);
        var view = await OpenAsync(_app, admin, "Riverside");
        Assert.Equal(open.Count, view.OpenRequests);
        var before = await StateAsync(_app, "Riverside");

        var undecided = await SaveAsync(_app, admin, view, Edited(view, f => f.IsActive = false));
        var toItself = await SaveAsync(_app, admin, view, Edited(view, f => { f.IsActive = false; f.OpenRequests = new OpenRequestsChoice(riverside); }));

        Assert.Equal(SiteSaveStatus.NeedsChoice, undecided.Status);
        Assert.Equal(open.Count, undecided.OpenRequests);
        Assert.Equal($"{open.Count} open requests prefer Riverside. Before it is deactivated, say where they go: another active site, or no preferred site.", undecided.Message);
        Assert.Equal(SiteSaveStatus.Invalid, toItself.Status);
        Assert.Equal(nameof(SiteForm.OpenRequests), Assert.Single(toItself.Errors).Field);
        Assert.Equal(before, await StateAsync(_app, "Riverside"));
        Assert.Equal(open, await OpenAtAsync(riverside));

        var moved = await SaveAsync(_app, admin, view, Edited(view, f => { f.IsActive = false; f.OpenRequests = new OpenRequestsChoice(townCentre); }));

        Assert.Equal(SiteSaveStatus.Saved, moved.Status);
        Assert.Empty(await OpenAtAsync(riverside));
        foreach (var (id, version) in open)
        {
            var after = await LeadTestData.ReadAsync(_app, id);
            Assert.Equal(townCentre, after.PreferredSiteId);
            Assert.Equal(version + 1, after.Version);
            var line = after.Events.OrderBy(e => e.Id).Last();
            Assert.Equal(LeadEventKind.SiteChanged, line.Kind);
            Assert.Equal("Grace Bennett", line.ActorName);
            Assert.Equal("Preferred site changed from Riverside to Town Centre (Riverside was deactivated).", line.Details);
        }

        Assert.Equal(riverside, (await LeadTestData.ReadAsync(_app, closed.Id)).PreferredSiteId);
        // Timed in Town Centre's hours now: open this Saturday morning.
        Assert.Equal(Saturday10.AddMinutes(15), (await AssignOverdueAsync(lead.Id)).DueAt);
        Assert.DoesNotContain("Riverside", await _app.Services.GetRequiredService<ActiveSites>().GetNamesAsync(CancellationToken.None));
        await Eventually.TrueAsync(() => heard.Any(c => c.IsClinicSetup) && heard.Any(c => c.LeadId == lead.Id && c.What == LeadEventKind.SiteChanged),
            "Open pages hearing that the clinic's setup and the moved request changed");

        await using var db = await DbAsync(_app);
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Area == AuditAreas.Site && e.Action == "Deactivated" && e.SubjectName == "Riverside").ToListAsync();
        var status = Assert.Single(audit, e => e.Field == "Status");
        Assert.Equal(("Active", "Inactive"), (status.From, status.To));
        var requests = Assert.Single(audit, e => e.Field == "Open requests");
        Assert.StartsWith($"{open.Count} open requests preferring Riverside: ", requests.From, StringComparison.Ordinal);
        Assert.Contains(lead.Reference, requests.From, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.Reference, requests.From, StringComparison.Ordinal);
        Assert.Equal("Town Centre", requests.To);
    }

    [Fact]
    public async Task The_open_requests_of_a_deactivated_site_can_go_to_no_preferred_site()
    {
        var admin = await AdminAsync(_app);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var harbour = new SiteForm { Name = "Harbour", Address = "1 Quay Street", Phone = Phone };
            harbour.Hours.Single(h => h.Day == DayOfWeek.Saturday).IsOpen = true;
            harbour.Hours.Single(h => h.Day == DayOfWeek.Saturday).Opens = new TimeOnly(8, 0);
            harbour.Hours.Single(h => h.Day == DayOfWeek.Saturday).Closes = new TimeOnly(18, 0);
            Assert.True((await scope.ServiceProvider.GetRequiredService<SiteAdministration>().CreateAsync(admin, harbour)).Succeeded);
        }

        var lead = await LeadTestData.CreateLeadAtAsync(_app, Saturday10, siteId: await SiteIdAsync(_app, "Harbour"), lastName: "Harbourside");

        await ChangeAsync(_app, "Harbour", f =>
        {
            f.IsActive = false;
            f.OpenRequests = new OpenRequestsChoice(null);
        }, admin);

        var after = await LeadTestData.ReadAsync(_app, lead.Id);
        Assert.Null(after.PreferredSiteId);
        Assert.Equal("Preferred site changed from Harbour to no preferred site (Harbour was deactivated).", after.Events.OrderBy(e => e.Id).Last().Details);
    }

    private async Task<Dictionary<int, int>> OpenAtAsync(int siteId)
    {
        await using var db = await DbAsync(_app);
        return await db.Leads.AsNoTracking().Where(l => l.PreferredSiteId == siteId && l.Status != LeadStatus.Closed)
            .ToDictionaryAsync(l => l.Id, l => l.Version);
    }

    private async Task<Data.Outbox.FollowUp> AssignOverdueAsync(int leadId)
    {
        await using var db = await DbAsync(_app);
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.LeadId == leadId && f.Kind == FollowUpKinds.AssignOverdue && f.Status == FollowUpStatus.Pending);
    }
}
