using Bunit;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Board;
using LeadManager.Web.Features.Leads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace LeadManager.Tests.Board;

/// <summary>What a receptionist sees on one board card, rendered with bUnit and the real MudBlazor components.</summary>
public sealed class BoardCardTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Render<MudPopoverProvider>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static BoardCardData Card(TriageLevel triage = TriageLevel.Routine, bool askedAgain = false, int? clinicianId = null, DateTime? scheduled = null) => new(
        LeadId: 1, Reference: "DC-7K3P9Q", Version: 3, PatientName: "Robin Test", BodyArea: BodyArea.Neck, SiteId: 1, SiteName: "Riverside",
        PreferredTimes: PreferredCallTimes.Mornings | PreferredCallTimes.Weekdays, UnansweredAttempts: 2, ScheduledCallAtUtc: scheduled,
        Triage: triage, NeedsReview: triage is TriageLevel.ReviewFirst or TriageLevel.Emergency, Status: clinicianId is null ? LeadStatus.New : LeadStatus.Assigned,
        ClinicianId: clinicianId, CreatedAtUtc: Now.AddMinutes(-10), LastRequestedAtUtc: askedAgain ? Now.AddMinutes(-1) : Now.AddMinutes(-10), StageStartedAtUtc: Now.AddMinutes(-10));


    [Fact]
    public void A_card_shows_who_what_where_when_and_how_many_tries()
    {
        var card = _context.Render<BoardCard>(p => p
            .Add(c => c.Card, Card(scheduled: new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Utc)))
            .Add(c => c.ScheduledClinicTime, new DateTime(2026, 11, 26, 9, 30, 0)));

        Assert.Equal("Robin Test", card.Find("[data-testid=board-card-open]").TextContent);
        Assert.Equal("/leads/DC-7K3P9Q", card.Find("[data-testid=board-card-open]").GetAttribute("href"));
        Assert.Contains("DC-7K3P9Q · Neck · Riverside", card.Markup);
        Assert.Contains("Best: Mornings, Weekdays · 2 unanswered", card.Markup);
        Assert.Equal("Call Thu 26 Nov, 09:30", card.Find("[data-testid=board-card-scheduled]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=board-card-triage]"));
    }

    [Theory]
    [InlineData(TriageLevel.Emergency, "Emergency", "lm-badge-error")]
    [InlineData(TriageLevel.ReviewFirst, "Review first", "lm-badge-warning")]
    public void Red_flagged_cards_carry_a_triage_badge(TriageLevel triage, string text, string colourClass)
    {
        var card = _context.Render<BoardCard>(p => p.Add(c => c.Card, Card(triage)));

        var badge = card.Find("[data-testid=board-card-triage]");
        Assert.Equal(text, badge.TextContent.Trim());
        Assert.Contains(colourClass, badge.ClassList);
    }

    [Theory]
    [InlineData(14, TimerLevel.OnTrack, "lm-badge-success-outlined", "Assign: 14 min left")]
    [InlineData(5, TimerLevel.Nearing, "lm-badge-warning", "Assign: 5 min left")]
    [InlineData(-3, TimerLevel.Overdue, "lm-badge-error", "Assign: 3 min over")]
    public void The_timer_turns_colour_as_the_target_nears_and_passes(int minutesLeft, TimerLevel level, string colourClass, string text)
    {
        var started = Now.AddMinutes(minutesLeft - 15);
        var timer = TargetTimer.For(LeadStatus.New, started, started.AddMinutes(15), Now, utc => utc);

        var card = _context.Render<BoardCard>(p => p.Add(c => c.Card, Card()).Add(c => c.Timer, timer));

        var chip = card.Find("[data-testid=board-card-timer]");
        Assert.Equal(level.ToString(), chip.GetAttribute("data-level"));
        Assert.Contains(colourClass, chip.ClassList);
        Assert.Equal(text, chip.TextContent.Trim());
    }

    [Fact]
    public void An_unassigned_card_offers_its_suggestion_with_the_reason_and_one_click_accepts_it()
    {
        int? assigned = -1;
        var card = _context.Render<BoardCard>(p => p
            .Add(c => c.Card, Card())
            .Add(c => c.Suggestion, new CardSuggestion(4, "Priya Shah", "neck · Riverside · 2 of 6 calls today"))
            .Add(c => c.OnAssign, (int? id) => assigned = id));

        var button = card.Find("[data-testid=board-card-suggestion]");
        Assert.Contains("Priya Shah", button.TextContent);
        Assert.Equal("Assign to Priya Shah: neck · Riverside · 2 of 6 calls today", button.GetAttribute("aria-label"));
        button.Click();
        Assert.Equal(4, assigned);
    }

    [Fact]
    public void An_assigned_card_shows_no_suggestion_and_its_assign_button_asks_the_board_for_a_clinician()
    {
        var asked = false;
        var card = _context.Render<BoardCard>(p => p
            .Add(c => c.Card, Card(clinicianId: 4))
            .Add(c => c.Suggestion, new CardSuggestion(5, "Tom Okafor", "knee"))
            .Add(c => c.OnChooseClinician, () => asked = true));

        Assert.Empty(card.FindAll("[data-testid=board-card-suggestion]"));
        var button = card.Find("[data-testid=board-card-assign-menu]");
        Assert.Equal("Assign Robin Test to…", button.GetAttribute("aria-label"));
        button.Click();
        Assert.True(asked);
    }

    [Fact]
    public void A_card_renders_again_only_when_what_it_shows_changes()
    {
        var card = _context.Render<BoardCard>(p => p.Add(c => c.Card, Card()));
        var renders = card.RenderCount;

        card.Render(p => p.Add(c => c.Card, Card()));
        Assert.Equal(renders, card.RenderCount);

        card.Render(p => p.Add(c => c.Card, Card() with { UnansweredAttempts = 3 }));
        Assert.Equal(renders + 1, card.RenderCount);
        Assert.Contains("3 unanswered", card.Markup);
    }

    [Fact]
    public void An_escalated_card_carries_the_mark_saying_who_was_told_when_and_why()
    {
        // Wednesday 25 November 2026, 10:00 in London (GMT); reception was told at 09:15 that nobody had taken the request.
        var clock = new ClinicClock(new FakeTimeProvider(Now), Options.Create(new ClinicOptions()));
        var escalated = Card() with { Escalation = new EscalationMark(FollowUpKinds.AssignOverdue, Now.AddMinutes(-45)) };

        var card = _context.Render<BoardCard>(p => p
            .Add(c => c.Card, escalated)
            .Add(c => c.EscalationNote, FollowUpWording.Told(escalated.Escalation!, clock)));

        var mark = card.Find("[data-testid=escalated-mark]");
        Assert.Equal("Reception told at 09:15: not assigned", mark.GetAttribute("title"));
        // "Escalated" on the card; the rest is read out to screen readers, which a title alone does not reliably reach.
        Assert.Equal("Escalated: Reception told at 09:15: not assigned", mark.TextContent.Trim());
        Assert.Equal(": Reception told at 09:15: not assigned", mark.QuerySelector(".lm-visually-hidden")!.TextContent);
        Assert.Empty(_context.Render<BoardCard>(p => p.Add(c => c.Card, Card())).FindAll("[data-testid=escalated-mark]"));
    }

    [Fact]
    public void A_card_whose_escalation_is_over_loses_its_mark_on_the_next_render()
    {
        var escalated = Card() with { Escalation = new EscalationMark(FollowUpKinds.AssignOverdue, Now) };
        var card = _context.Render<BoardCard>(p => p.Add(c => c.Card, escalated).Add(c => c.EscalationNote, "Reception told at 10:00: not assigned"));

        card.Render(p => p.Add(c => c.Card, escalated with { Escalation = null }).Add(c => c.EscalationNote, null));

        Assert.Empty(card.FindAll("[data-testid=escalated-mark]"));
    }

    [Fact]
    public void A_card_whose_patient_email_bounced_says_so_in_words_until_it_no_longer_has()
    {
        var card = _context.Render<BoardCard>(p => p.Add(c => c.Card, Card() with { EmailBounced = true }));

        var mark = card.Find("[data-testid=card-email-bounced]");
        Assert.Equal("Email bounced — phone them", mark.TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=escalated-mark]"));

        card.Render(p => p.Add(c => c.Card, Card()));

        Assert.Empty(card.FindAll("[data-testid=card-email-bounced]"));
    }

    [Fact]
    public void A_repeat_request_is_marked_asked_again()
    {
        var card = _context.Render<BoardCard>(p => p.Add(c => c.Card, Card(askedAgain: true)));

        Assert.Contains("Asked again", card.Markup);
    }
}

public sealed class BoardColumnHeaderTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void A_working_clinician_s_column_shows_load_against_capacity_and_sites()
    {
        var header = _context.Render<BoardColumnHeader>(p => p.Add(c => c.Clinician, new ClinicianChoice(4, "Priya Shah", ["Riverside", "Town Centre"], BodyAreas.Neck, true, 2, 6)));

        Assert.Equal("Priya Shah", header.Find("h2").TextContent);
        Assert.Equal("2 of 6 calls today · Riverside & Town Centre", header.Find("[data-testid=board-column-load]").TextContent.Trim());
        Assert.Single(header.FindAll(".board-load-bar"));
        Assert.Empty(header.FindAll(".board-load-bar-full"));
        Assert.Equal("board-column", BoardColumnHeader.ColumnClass(header.Instance.Clinician));
    }

    [Fact]
    public void A_full_clinician_s_bar_turns_red_and_an_absent_one_is_dimmed()
    {
        var full = _context.Render<BoardColumnHeader>(p => p.Add(c => c.Clinician, new ClinicianChoice(4, "Priya Shah", [], BodyAreas.Neck, true, 6, 6)));
        var absent = new ClinicianChoice(5, "Tom Okafor", ["Town Centre"], BodyAreas.Knee, false, 0, 6);
        var off = _context.Render<BoardColumnHeader>(p => p.Add(c => c.Clinician, absent));

        Assert.Single(full.FindAll(".board-load-bar-full"));
        Assert.Equal("Not working today · Town Centre", off.Find("[data-testid=board-column-load]").TextContent.Trim());
        Assert.Empty(off.FindAll(".board-load-bar"));
        Assert.Equal("board-column board-column-off", BoardColumnHeader.ColumnClass(absent));
    }
}
