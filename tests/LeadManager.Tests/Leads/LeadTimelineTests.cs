using Bunit;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Tests.TestSupport;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Features.Leads.Panels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace LeadManager.Tests.Leads;

/// <summary>A lead's timeline: what each line stands for, and an email's status as the page shows it.</summary>
public sealed class LeadTimelineTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(new ClinicClock(TimeProvider.System, Options.Create(new ClinicOptions())));
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Each_line_says_what_it_stands_for_and_an_email_line_carries_its_status()
    {
        var (lead, emails) = LeadWithANoteAndTwoEmails();

        var timeline = LeadDetailsQuery.BuildTimeline(lead, emails);

        Assert.Equal(TimelineEntryKind.Event, Assert.Single(timeline, e => e.Title == "Assigned").Kind);
        Assert.Equal(TimelineEntryKind.Note, Assert.Single(timeline, e => e.Body == "Prefers an evening call").Kind);
        var sent = Assert.Single(timeline, e => e.Title == "Confirmation email to the patient");
        Assert.Equal((TimelineEntryKind.Email, OutboundEmailStatus.Sent), (sent.Kind, sent.Status));
        var failed = Assert.Single(timeline, e => e.Title == "New-request email to reception");
        Assert.Equal((TimelineEntryKind.Email, OutboundEmailStatus.Failed, "Mailbox unavailable"), (failed.Kind, failed.Status, failed.Body));
        Assert.All(timeline.Where(e => e.Kind != TimelineEntryKind.Email), e => Assert.Null(e.Status));
    }

    [Fact]
    public void An_email_line_shows_its_status_in_words_coloured_by_how_it_went()
    {
        var (lead, emails) = LeadWithANoteAndTwoEmails();

        var panel = _context.Render<LeadTimelinePanel>(p => p.Add(c => c.Entries, LeadDetailsQuery.BuildTimeline(lead, emails)));

        var chips = panel.FindAll("[data-testid=lead-timeline] .mud-chip");
        Assert.Equal(["Failed", "Sent"], chips.Select(c => c.TextContent.Trim()).Order());
        Assert.Contains("mud-chip-color-success", chips.Single(c => c.TextContent.Trim() == "Sent").ClassList);
        Assert.Contains("mud-chip-color-error", chips.Single(c => c.TextContent.Trim() == "Failed").ClassList);
    }

    [Fact]
    public void A_timed_step_that_ran_or_was_not_needed_is_a_system_line_with_what_it_did()
    {
        var (lead, emails) = LeadWithANoteAndTwoEmails();
        lead.Events.Add(LeadEvent.ForStep(lead.Id, LeadEventKind.FollowUpRan, TestClock.Later, "Escalation to reception (not assigned): emailed reception@clinic.test."));
        lead.Events.Add(LeadEvent.ForStep(lead.Id, LeadEventKind.FollowUpSkipped, TestClock.Later.AddMinutes(5), "Escalation to reception and the manager (still not assigned): not needed. The request was assigned before this was due."));

        var timeline = LeadDetailsQuery.BuildTimeline(lead, emails);
        var panel = _context.Render<LeadTimelinePanel>(p => p.Add(c => c.Entries, timeline));

        var ran = Assert.Single(timeline, e => e.Title == "Timed follow-up ran");
        Assert.Equal((TimelineEntryKind.FollowUp, "Escalation to reception (not assigned): emailed reception@clinic.test.", Actor.System.Name), (ran.Kind, ran.Body, ran.By));
        var skipped = Assert.Single(timeline, e => e.Title == "Timed follow-up not needed");
        Assert.Equal(TimelineEntryKind.FollowUp, skipped.Kind);
        Assert.Contains("The request was assigned before this was due.", skipped.Body);
        Assert.DoesNotContain(timeline, e => e.Title is "FollowUpRan" or "FollowUpSkipped");
        Assert.Contains("Timed follow-up ran", panel.Find("[data-testid=lead-timeline]").TextContent);
    }

    private static (Lead Lead, IReadOnlyList<OutboundEmail> Emails) LeadWithANoteAndTwoEmails()
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();
        lead.AddNote(StaffBuilder.Priya().Id, "Prefers an evening call", Actor.System, TestClock.Later);
        var sent = OutboundEmailKinds.Due(lead, OutboundEmailKinds.PatientConfirmation, "robin@example.com", TestClock.Now);
        sent.Status = OutboundEmailStatus.Sent;
        sent.SentAt = TestClock.Now.AddMinutes(1);
        var failed = OutboundEmailKinds.Due(lead, OutboundEmailKinds.ReceptionNewRequest, "reception@clinic.test", TestClock.Now);
        failed.Status = OutboundEmailStatus.Failed;
        failed.LastError = "Mailbox unavailable";
        return (lead, [sent, failed]);
    }
}
