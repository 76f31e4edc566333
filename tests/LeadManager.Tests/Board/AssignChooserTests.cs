using Bunit;
using LeadManager.Data.Leads;
using LeadManager.Web.Features.Board;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LeadManager.Tests.Board;

/// <summary>The board's "Assign to…" chooser, rendered with bUnit and the real MudBlazor dialog.</summary>
public sealed class AssignChooserTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        // Never asked here: free slots are read only for an assigned request still waiting for its call.
        _context.Services.AddSingleton(new FreeCallSlotsQuery(null!, null!));
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Render<MudPopoverProvider>();
        _dialogs = _context.Render<MudDialogProvider>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static BoardItem Item(int? clinicianId, LeadStatus status) => new(new BoardCardData(
        LeadId: 1, Reference: "DC-7K3P9Q", Version: 3, PatientName: "Robin Test", BodyArea: BodyArea.Knee, SiteId: 1, SiteName: null,
        PreferredTimes: PreferredCallTimes.Mornings, UnansweredAttempts: 0, ScheduledCallAtUtc: null, Triage: TriageLevel.Routine, NeedsReview: false,
        Status: status, ClinicianId: clinicianId, CreatedAtUtc: DateTime.UtcNow, LastRequestedAtUtc: DateTime.UtcNow, StageStartedAtUtc: DateTime.UtcNow), "unassigned");

    private static IReadOnlyList<ClinicianChoice> Clinicians => [new(4, "Priya Shah", [], default, true, 2, 6), new(5, "Tom Okafor", [], default, true, 0, 6)];

    [Fact]
    public void An_unassigned_request_offers_every_clinician_and_reports_the_one_chosen()
    {
        (BoardItem Item, int? ClinicianId)? chosen = null;
        var item = Item(clinicianId: null, LeadStatus.New);
        _context.Render<AssignChooser>(p => p
            .Add(c => c.Item, item)
            .Add(c => c.Clinicians, Clinicians)
            .Add(c => c.OnAssign, ((BoardItem Item, int? ClinicianId) choice) => chosen = choice));

        Assert.Contains("Assign Robin Test to…", _dialogs.Markup);
        Assert.Equal(["assign-to-4", "assign-to-5"], _dialogs.FindAll("[data-testid=assign-chooser] button").Select(b => b.GetAttribute("data-testid")));
        Assert.Contains("Priya Shah · 2 of 6 calls today", _dialogs.Find("[data-testid=assign-to-4]").TextContent);
        Assert.Empty(_dialogs.FindAll("[data-testid=free-slots]"));

        _dialogs.Find("[data-testid=assign-to-5]").Click();

        Assert.Same(item, chosen?.Item);
        Assert.Equal(5, chosen?.ClinicianId);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=assign-chooser]")));
    }

    [Fact]
    public void An_assigned_request_offers_the_other_clinicians_and_unassigning()
    {
        (BoardItem Item, int? ClinicianId)? chosen = null;
        _context.Render<AssignChooser>(p => p
            .Add(c => c.Item, Item(clinicianId: 4, LeadStatus.Scheduled))
            .Add(c => c.Clinicians, Clinicians)
            .Add(c => c.OnAssign, ((BoardItem Item, int? ClinicianId) choice) => chosen = choice));

        Assert.Equal(["assign-to-5", "assign-to-none"], _dialogs.FindAll("[data-testid=assign-chooser] button").Select(b => b.GetAttribute("data-testid")));
        _dialogs.Find("[data-testid=assign-to-none]").Click();
        Assert.NotNull(chosen);
        Assert.Null(chosen.Value.ClinicianId);
    }
}
