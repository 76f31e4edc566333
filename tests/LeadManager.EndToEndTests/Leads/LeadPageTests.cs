using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.LiveUpdates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Leads;

/// <summary>Working one lead from its page while a colleague has the same page open.</summary>
public sealed class LeadPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Receptionist_assigns_and_schedules_while_a_colleague_sees_each_change_arrive_and_cannot_overwrite_it()
    {
        var reference = await NewRequestAsync("Okonjo");
        var sophie = await browser.NewPageAsync();
        var daniel = await browser.NewPageAsync();
        await StaffPages.SignInAsync(sophie, "reception@clinic.test", $"/leads/{reference}");
        await StaffPages.SignInAsync(daniel, "reception2@clinic.test", $"/leads/{reference}");
        await Assertions.Expect(sophie.GetByTestId("lead-heading")).ToHaveTextAsync("Robin Okonjo");
        await Assertions.Expect(daniel.GetByTestId("lead-clinician")).ToHaveTextAsync("Not assigned");

        // Daniel starts a note on the version he sees...
        await daniel.GetByTestId("action-Note").ClickAsync();
        await daniel.GetByTestId("note-text").FillAsync("Patient asked for a female physio");

        // ...while Sophie assigns the request to Priya.
        await sophie.GetByTestId("action-Assign").ClickAsync();
        await sophie.GetByTestId("assign-clinician").ClickAsync();
        await sophie.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Priya Shah" }).ClickAsync();
        await sophie.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(sophie.GetByTestId("lead-clinician")).ToHaveTextAsync("Priya Shah");

        // Daniel's page shows the assignment without a reload.
        await Assertions.Expect(daniel.GetByTestId("lead-clinician")).ToHaveTextAsync("Priya Shah");

        // His note was started before that change: nothing is overwritten, he is told, and can retry with his text kept.
        await daniel.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(daniel.GetByTestId("action-message")).ToContainTextAsync("This request just changed");
        await Assertions.Expect(daniel.GetByTestId("note-text")).ToHaveValueAsync("Patient asked for a female physio");
        await daniel.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Assertions.Expect(daniel.GetByTestId("lead-timeline")).ToContainTextAsync("Patient asked for a female physio");

        // Sophie agrees a call time; Daniel sees it arrive, and Sophie sees Daniel's note.
        var callAt = DateTime.Today.AddDays(2).AddHours(10).AddMinutes(30);
        await sophie.GetByTestId("action-Schedule").ClickAsync();
        await sophie.Locator("[data-testid=call-time] input, input[data-testid=call-time]").FillAsync(callAt.ToString("yyyy-MM-ddTHH:mm"));
        await sophie.GetByTestId("action-confirm").ClickAsync();
        var shown = callAt.ToString("ddd d MMM yyyy, HH:mm");
        await Assertions.Expect(sophie.GetByTestId("lead-scheduled")).ToHaveTextAsync(shown);
        await Assertions.Expect(daniel.GetByTestId("lead-scheduled")).ToHaveTextAsync(shown);
        await Assertions.Expect(daniel.GetByTestId("lead-status")).ToContainTextAsync("Call scheduled");
        await Assertions.Expect(sophie.GetByTestId("lead-timeline")).ToContainTextAsync("Patient asked for a female physio");

        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        var lead = await db.Leads.Include(l => l.Events).Include(l => l.AssignedClinician).SingleAsync(l => l.Reference == reference);
        Assert.Equal("Priya Shah", lead.AssignedClinician!.DisplayName);
        Assert.Equal(LeadStatus.Scheduled, lead.Status);
        Assert.Single(lead.Events, e => e.Kind == LeadEventKind.Assigned);
        Assert.Single(lead.Events, e => e.Kind == LeadEventKind.NoteAdded);
    }

    [Fact]
    public async Task A_refused_action_shows_its_reason_in_the_dialog()
    {
        var reference = await NewRequestAsync("Refused");
        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "reception@clinic.test", $"/leads/{reference}");

        await page.GetByTestId("action-Duplicate").ClickAsync();
        await page.Locator("[data-testid=merge-into] input, input[data-testid=merge-into]").FillAsync(reference);
        await page.GetByTestId("action-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("action-message")).ToContainTextAsync("cannot be a duplicate of itself");
        await Assertions.Expect(page.GetByTestId("lead-status")).ToHaveTextAsync("New");
    }

    [Fact]
    public async Task A_clinician_cannot_open_a_request_assigned_to_someone_else()
    {
        var reference = await NewRequestAsync("Notyours");
        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "clinician2@clinic.test", $"/leads/{reference}");

        await Assertions.Expect(page.GetByTestId("lead-forbidden")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Knee hurts on stairs")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_page_lists_what_is_due_next_and_shows_a_step_as_it_runs_without_turning_an_open_dialog_into_a_conflict()
    {
        var reference = await TestRequests.CreateAsync(browser.App, "Duenext", TriageLevel.ReviewFirst);
        var clock = browser.App.Services.GetRequiredService<ClinicClock>();
        var now = clock.UtcNow;
        var reviewDue = now.AddMinutes(30);
        var assignDue = now.AddDays(2);
        int leadId;
        await using (var db = await TestRequests.NewDbAsync(browser.App))
        {
            var lead = await db.Leads.SingleAsync(l => l.Reference == reference);
            var tom = await db.StaffMembers.Where(s => s.DisplayName == "Tom Okafor").Select(s => s.Id).SingleAsync();
            leadId = lead.Id;
            // Written later-first, as steps come: the page orders them by when they are due.
            db.FollowUps.AddRange(
                Step(lead, FollowUpKinds.AssignOverdue, assignDue, lead.StageStartedAt, now),
                Step(lead, FollowUpKinds.ReviewOverdue, reviewDue, lead.ReviewRequestedAt!.Value, now),
                Step(lead, FollowUpKinds.ClinicianUnassigned, now.AddMinutes(20), now, now, tom));
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "reception@clinic.test", $"/leads/{reference}");
        await Assertions.Expect(page.GetByTestId("due-next-step")).ToHaveTextAsync([
            FollowUpWording.DueNext(FollowUpKinds.ReviewOverdue, reviewDue, clock),
            FollowUpWording.DueNext(FollowUpKinds.AssignOverdue, assignDue, clock),
        ]);

        // A note is being written when the review escalation goes out, as the step job records it: no new version.
        await page.GetByTestId("action-Note").ClickAsync();
        await page.GetByTestId("note-text").FillAsync("Called the patient's GP surgery");
        await using (var db = await TestRequests.NewDbAsync(browser.App))
        {
            var step = await db.FollowUps.SingleAsync(f => f.LeadId == leadId && f.Kind == FollowUpKinds.ReviewOverdue);
            step.Status = FollowUpStatus.Done;
            step.CompletedAt = clock.UtcNow;
            db.LeadEvents.Add(LeadEvent.ForStep(leadId, LeadEventKind.FollowUpRan, clock.UtcNow, "Escalation to the clinicians on duty (clinical review waiting): emailed priya@clinic.test."));
            await db.SaveChangesAsync();
            await browser.App.Services.GetRequiredService<ILeadChangeNotifier>().PublishForLeadAsync(db, leadId, LeadEventKind.FollowUpRan);
        }

        await Assertions.Expect(page.GetByTestId("lead-timeline")).ToContainTextAsync("Timed follow-up ran");
        await Assertions.Expect(page.GetByTestId("lead-timeline")).ToContainTextAsync("(clinical review waiting): emailed priya@clinic.test.");
        await Assertions.Expect(page.GetByTestId("due-next-step")).ToHaveTextAsync([FollowUpWording.DueNext(FollowUpKinds.AssignOverdue, assignDue, clock)]);
        await Assertions.Expect(page.GetByTestId("lead-changed-notice")).ToHaveCountAsync(0);

        await page.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-timeline")).ToContainTextAsync("Called the patient's GP surgery");
        await Assertions.Expect(page.GetByTestId("action-message")).ToHaveCountAsync(0);
    }

    private static FollowUp Step(Lead lead, string kind, DateTime dueAt, DateTime madeFor, DateTime now, int? staffMemberId = null) => new()
    {
        LeadId = lead.Id,
        StaffMemberId = staffMemberId,
        Kind = kind,
        DueAt = dueAt,
        MadeFor = madeFor,
        MadeForVersion = lead.Version,
        Status = FollowUpStatus.Pending,
        CreatedAt = now,
    };

    private Task<string> NewRequestAsync(string lastName) => TestRequests.CreateAsync(browser.App, lastName);
}
