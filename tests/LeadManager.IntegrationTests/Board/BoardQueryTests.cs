using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.Board;
using Microsoft.EntityFrameworkCore;
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
    public async Task A_card_is_marked_once_its_current_wait_was_escalated_and_the_mark_goes_when_the_request_moves_on()
    {
        var toldAt = DateTime.UtcNow.AddMinutes(-5);
        var escalated = await CreateLeadAsync(app, lastName: "Boardescalated");
        var waiting = await CreateLeadAsync(app, lastName: "Boardwaiting");
        var flagged = await CreateLeadAsync(app, TriageLevel.ReviewFirst, lastName: "Boardflagged");
        await AddStepAsync(app, escalated.Id, FollowUpKinds.AssignOverdue, FollowUpStatus.Done, l => l.StageStartedAt, toldAt);
        await AddStepAsync(app, waiting.Id, FollowUpKinds.AssignOverdue, FollowUpStatus.Pending, l => l.StageStartedAt);
        await AddStepAsync(app, waiting.Id, FollowUpKinds.AssignOverdueToManager, FollowUpStatus.Skipped, l => l.StageStartedAt, toldAt);
        await AddStepAsync(app, waiting.Id, FollowUpKinds.EmergencyAnnouncement, FollowUpStatus.Done, l => l.StageStartedAt, toldAt);
        await AddStepAsync(app, flagged.Id, FollowUpKinds.ReviewOverdue, FollowUpStatus.Done, l => l.ReviewRequestedAt!.Value, toldAt);
        var user = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<BoardQuery>();
        async Task<EscalationMark?> MarkOf(Created lead) => (await query.LoadAsync(user, null)).Cards.Single(c => c.LeadId == lead.Id).Escalation;

        Assert.Equal(new EscalationMark(FollowUpKinds.AssignOverdue, toldAt), await MarkOf(escalated));
        Assert.Null(await MarkOf(waiting));
        Assert.Equal(FollowUpKinds.ReviewOverdue, (await MarkOf(flagged))?.Kind);

        // Assigned: a new stage, whose own escalation is not due yet. Reviewed: nothing is waiting for a clinician any more.
        await ChangeAsync(app, escalated.Id, (l, db) => l.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow));
        await ChangeAsync(app, flagged.Id, (l, db) => l.RecordClinicalReview(Staff(db, ClinicianA), ClinicalReviewDecision.SafeToProceed, null, Actor.System, DateTime.UtcNow));

        Assert.Null(await MarkOf(escalated));
        Assert.Null(await MarkOf(flagged));
    }

    [Fact]
    public async Task A_call_agreed_on_a_day_its_clinician_is_on_leave_is_marked_for_a_new_clinician_and_someone_on_leave_today_is_not_working()
    {
        var callAt = DateTime.UtcNow.AddDays(3);
        var callDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(callAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));
        var inLeave = await CreateLeadAsync(app, arrange: (l, db) =>
        {
            l.Assign(Staff(db, ClinicianB), Actor.System, DateTime.UtcNow);
            l.Schedule(callAt, Actor.System, DateTime.UtcNow);
        }, lastName: "Boardleave");
        var otherClinician = await CreateLeadAsync(app, arrange: (l, db) =>
        {
            l.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow);
            l.Schedule(callAt, Actor.System, DateTime.UtcNow);
        }, lastName: "Boardnotleave");
        var user = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<BoardQuery>();
        Assert.False((await query.LoadAsync(user, null)).Cards.Single(c => c.LeadId == inLeave.Id).CallInClinicianLeave);

        int tom;
        await using (var db = await NewDbAsync(app))
        {
            tom = Staff(db, ClinicianB).Id;
            db.StaffLeave.Add(new Data.Staff.StaffLeave { StaffMemberId = tom, FirstDay = callDay, LastDay = callDay.AddDays(1) });
            await db.SaveChangesAsync();
        }

        try
        {
            var board = await query.LoadAsync(user, null);
            Assert.True(board.Cards.Single(c => c.LeadId == inLeave.Id).CallInClinicianLeave);
            Assert.False(board.Cards.Single(c => c.LeadId == otherClinician.Id).CallInClinicianLeave);

            await using (var db = await NewDbAsync(app))
            {
                db.StaffLeave.Add(new Data.Staff.StaffLeave { StaffMemberId = tom, FirstDay = today, LastDay = today });
                await db.SaveChangesAsync();
            }

            var column = (await query.LoadAsync(user, null)).Columns.Single(c => c.Id == tom);
            Assert.False(column.WorkingToday);
            Assert.Equal("On leave today", column.LoadText);
        }
        finally
        {
            await using var db = await NewDbAsync(app);
            await db.StaffLeave.Where(l => l.StaffMemberId == tom).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task A_clinician_cannot_read_the_board()
    {
        var user = await PrincipalAsync(app, ClinicianA);
        await using var scope = app.Services.CreateAsyncScope();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<BoardQuery>().LoadAsync(user, null));
    }
}
