using LeadManager.Data.Leads;
using LeadManager.Web.Features.Board;
using LeadManager.Web.Features.Leads;

namespace LeadManager.Tests.Board;

/// <summary>Which column each card is in and which a long column shows, across the board's reloads.</summary>
public sealed class BoardLayoutTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private static BoardCardData Card(int leadId, int? clinicianId = null, int minutesOld = 10, TriageLevel triage = TriageLevel.Routine) => new(
        LeadId: leadId, Reference: $"DC-{leadId:000000}", Version: 1, PatientName: $"Robin {leadId}", BodyArea: BodyArea.Knee, SiteId: 1, SiteName: null,
        PreferredTimes: PreferredCallTimes.Mornings, UnansweredAttempts: 0, ScheduledCallAtUtc: null, Triage: triage, NeedsReview: false,
        Status: clinicianId is null ? LeadStatus.New : LeadStatus.Assigned, ClinicianId: clinicianId,
        CreatedAtUtc: Now.AddMinutes(-minutesOld), LastRequestedAtUtc: Now.AddMinutes(-minutesOld), StageStartedAtUtc: Now.AddMinutes(-minutesOld));

    private static ClinicianChoice Clinician(int id) => new(id, $"Clinician {id}", [], default, true, 0, 10);

    private static BoardData Data(IReadOnlyList<BoardCardData> cards, params int[] clinicianIds) =>
        new(cards, clinicianIds.Select(Clinician).ToList(), new Dictionary<LeadStatus, int>());

    [Fact]
    public void A_reload_keeps_each_request_s_item_so_the_drop_container_keeps_its_elements()
    {
        var layout = new BoardLayout();
        layout.Update(Data([Card(1), Card(2)], 7), _ => null);
        var first = layout.Items.Single(i => i.Card.LeadId == 1);

        layout.Update(Data([Card(1, clinicianId: 7), Card(3)], 7), _ => null);

        var moved = layout.Items.Single(i => i.Card.LeadId == 1);
        Assert.Same(first, moved);
        Assert.Equal(7, moved.Card.ClinicianId);
        Assert.Equal(BoardLayout.ZoneFor(7), moved.Zone);
        Assert.Equal([1, 3], layout.Items.Select(i => i.Card.LeadId).Order());
    }

    [Fact]
    public void A_card_whose_clinician_has_no_column_is_left_off()
    {
        var layout = new BoardLayout();

        layout.Update(Data([Card(1, clinicianId: 9), Card(2)], 7), _ => null);

        Assert.Equal([2], layout.Items.Select(i => i.Card.LeadId));
    }

    [Fact]
    public void Red_flags_come_first_then_the_nearest_target_then_the_oldest()
    {
        var layout = new BoardLayout();
        BoardCardData[] cards = [Card(1, minutesOld: 50), Card(2, minutesOld: 5), Card(3, minutesOld: 1, triage: TriageLevel.Emergency), Card(4, minutesOld: 60)];

        layout.Update(Data(cards), card => card.LeadId == 2 ? TimeSpan.FromMinutes(3) : null);

        Assert.Equal([3, 2, 4, 1], layout.Items.Select(i => i.Card.LeadId));
    }

    [Fact]
    public void A_long_column_shows_its_first_page_until_shown_all_and_stays_open_through_reloads()
    {
        var layout = new BoardLayout();
        var cards = Enumerable.Range(1, BoardLayout.ColumnPageSize + 3).Select(id => Card(id, minutesOld: id)).ToList();
        layout.Update(Data(cards), _ => null);
        Assert.Equal(BoardLayout.ColumnPageSize + 3, layout.CountIn(BoardLayout.UnassignedZone));
        Assert.Equal(3, layout.HiddenIn(BoardLayout.UnassignedZone));

        layout.ShowAll(BoardLayout.UnassignedZone);
        Assert.Equal(0, layout.HiddenIn(BoardLayout.UnassignedZone));

        layout.Update(Data([.. cards, Card(99)]), _ => null);
        Assert.Equal(0, layout.HiddenIn(BoardLayout.UnassignedZone));
    }

    [Fact]
    public void A_zone_names_its_clinician()
    {
        Assert.Equal(7, BoardLayout.ClinicianIn(BoardLayout.ZoneFor(7)));
        Assert.Equal(BoardLayout.UnassignedZone, BoardLayout.ZoneFor((int?)null));
        Assert.Null(BoardLayout.ClinicianIn(BoardLayout.UnassignedZone));
    }
}
