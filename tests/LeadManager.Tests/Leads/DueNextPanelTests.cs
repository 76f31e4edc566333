using Bunit;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Tests.TestSupport;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Features.Leads.Panels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace LeadManager.Tests.Leads;

/// <summary>The lead page's "Due next": what the workflow will do for the request, when, in clinic time.</summary>
public sealed class DueNextPanelTests : IAsyncLifetime
{
    // Wednesday 25 November 2026, 10:00 in London (GMT).
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly StaffIdentity Reception = new("user-1", 1, "Sophie Reception", IsFrontDesk: true, IsClinician: false);
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(new ClinicClock(new FakeTimeProvider(Now), Options.Create(new ClinicOptions())));
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static LeadView View(Lead lead, params DueStep[] due) => new(lead, null, null, [], Reception, new HashSet<LeadAction>(), [], due);

    [Fact]
    public void Each_step_says_who_is_told_at_what_clinic_time_and_names_the_day_when_it_is_not_today()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.New).WithTriage(TriageLevel.ReviewFirst).Build();

        var panel = _context.Render<DueNextPanel>(p => p.Add(c => c.View, View(lead,
            new DueStep(FollowUpKinds.ReviewOverdue, Now.AddMinutes(15)),
            new DueStep(FollowUpKinds.AssignOverdue, new DateTime(2026, 11, 30, 9, 15, 0, DateTimeKind.Utc)))));

        Assert.Equal(
            ["Escalates to the clinicians on duty at 10:15 if no clinical review is recorded", "Escalates to reception on Mon at 09:15 if nobody is assigned"],
            panel.FindAll("[data-testid=due-next-step]").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void Clinic_time_is_shown_in_summer_too_and_a_step_past_its_time_is_said_to_be_going_now()
    {
        // British Summer Time: 13:00 UTC on 10 June is 14:00 in London, and a step at 14:00 UTC is shown as 15:00.
        var june = new DateTime(2026, 6, 10, 13, 0, 0, DateTimeKind.Utc);
        var clock = new ClinicClock(new FakeTimeProvider(june), Options.Create(new ClinicOptions()));

        Assert.Equal("Escalates to the clinician and reception at 15:00 if the agreed call is not recorded",
            FollowUpWording.DueNext(FollowUpKinds.MissedCall, june.AddHours(1), clock));
        Assert.Equal("Escalates to reception now (due at 13:45) if nobody is assigned",
            FollowUpWording.DueNext(FollowUpKinds.AssignOverdue, june.AddMinutes(-15), clock));
    }

    [Fact]
    public void An_open_request_with_nothing_timed_says_so_and_a_closed_one_shows_no_panel()
    {
        var open = _context.Render<DueNextPanel>(p => p.Add(c => c.View, View(LeadBuilder.InStatus(LeadStatus.Assigned).Build())));
        var closed = _context.Render<DueNextPanel>(p => p.Add(c => c.View, View(LeadBuilder.InStatus(LeadStatus.Closed).Build())));

        Assert.Equal("Nothing is timed for this request.", open.Find("[data-testid=due-next-none]").TextContent.Trim());
        Assert.Empty(open.FindAll("[data-testid=due-next-step]"));
        Assert.Empty(closed.FindAll("[data-testid=due-next]"));
    }
}
