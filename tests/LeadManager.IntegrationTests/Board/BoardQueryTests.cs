using LeadManager.Data.Leads;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.Board;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Board;

/// <summary>What the board reads: open requests as cards, clinicians as columns, and the pipeline counts.</summary>
public sealed class BoardQueryTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Cards_are_the_open_requests_with_what_a_card_shows_and_the_site_filter_keeps_requests_without_a_site()
    {
        int riverside, town;
        await using (var db = await NewDbAsync(app))
        {
            riverside = db.Sites.Single(s => s.Name == "Riverside").Id;
            town = db.Sites.Single(s => s.Name == "Town Centre").Id;
        }

        var atRiverside = await CreateLeadAsync(app, TriageLevel.ReviewFirst, (l, _) => l.PreferredSiteId = riverside, lastName: "Boardriver");
        var atTown = await CreateLeadAsync(app, arrange: (l, _) => l.PreferredSiteId = town, lastName: "Boardtown");
        var anywhere = await CreateLeadAsync(app, lastName: "Boardanywhere");
        var closed = await CreateLeadAsync(app, arrange: (l, _) => l.MarkSpam(Actor.System, DateTime.UtcNow), lastName: "Boardclosed");
        var user = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<BoardQuery>();

        var all = await query.LoadAsync(user, null);
        var riversideOnly = await query.LoadAsync(user, riverside);

        var card = all.Cards.Single(c => c.Reference == atRiverside.Reference);
        Assert.Equal("Robin Boardriver", card.PatientName);
        Assert.Equal("Riverside", card.SiteName);
        Assert.True(card.NeedsReview);
        Assert.Equal(1, card.SortGroup);
        Assert.DoesNotContain(all.Cards, c => c.Reference == closed.Reference);
        Assert.Contains(riversideOnly.Cards, c => c.Reference == atRiverside.Reference);
        Assert.Contains(riversideOnly.Cards, c => c.Reference == anywhere.Reference);
        Assert.DoesNotContain(riversideOnly.Cards, c => c.Reference == atTown.Reference);
        Assert.Equal(all.Cards.Count(c => c.Status == LeadStatus.New), all.CountsByStatus[LeadStatus.New]);
        Assert.Equal(4, all.Columns.Count);
        Assert.DoesNotContain(riversideOnly.Columns, c => c.Name == "Tom Okafor" && !riversideOnly.Cards.Any(x => x.ClinicianId == c.Id));
    }

    [Fact]
    public async Task The_pipeline_counts_open_requests_by_status_and_this_week_s_closures_by_reason()
    {
        var user = await PrincipalAsync(app, LeadTestData.Admin);
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<BoardQuery>();
        var before = await query.PipelineAsync(user, null);

        await CreateLeadAsync(app, lastName: "Pipelinenew");
        await CreateLeadAsync(app, arrange: (l, _) => l.MarkSpam(Actor.System, DateTime.UtcNow), lastName: "Pipelinespam");
        await CreateLeadAsync(app, arrange: (l, db) =>
        {
            l.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow);
            l.RecordOutcome(CloseReason.NotInterested, Staff(db, ClinicianA), Actor.System, DateTime.UtcNow);
        }, lastName: "Pipelineclosed");
        var after = await query.PipelineAsync(user, null);

        Assert.Equal(before.Open.GetValueOrDefault(LeadStatus.New) + 1, after.Open[LeadStatus.New]);
        Assert.Equal(before.ClosedThisWeek.GetValueOrDefault(CloseReason.Spam) + 1, after.ClosedThisWeek[CloseReason.Spam]);
        Assert.Equal(before.ClosedThisWeek.GetValueOrDefault(CloseReason.NotInterested) + 1, after.ClosedThisWeek[CloseReason.NotInterested]);
        Assert.Equal(DayOfWeek.Monday, after.WeekStarts.DayOfWeek);
    }

    [Fact]
    public async Task A_clinician_cannot_read_the_board()
    {
        var user = await PrincipalAsync(app, ClinicianA);
        await using var scope = app.Services.CreateAsyncScope();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<BoardQuery>().LoadAsync(user, null));
    }
}
