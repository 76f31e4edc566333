using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.MyCalls;

/// <summary>A clinician working from a phone: the review queue, today's calls, an outcome in a tap or two.</summary>
public sealed class MyCallsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task On_a_phone_a_clinician_reviews_a_flagged_request_then_books_an_assessment_from_today_s_call()
    {
        var flagged = await NewRequestAsync("Flagged", TriageLevel.ReviewFirst, assignToPriyaToday: false);
        var todays = await NewRequestAsync("Todayscall", TriageLevel.Routine, assignToPriyaToday: true);
        var page = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 390, Height = 844 };
            o.IsMobile = true;
            o.HasTouch = true;
        });
        await StaffPages.SignInAsync(page, "clinician@clinic.test", "/my-calls");

        // The review queue lists the flagged request; open it and record the review in two taps.
        var review = page.GetByTestId("section-needs-review");
        await review.GetByRole(AriaRole.Link, new() { Name = "Robin Flagged" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-screening")).ToContainTextAsync("pins and needles");
        await page.GetByTestId("review-safe").ClickAsync();
        await page.GetByTestId("action-confirm").ClickAsync();
        // It was not assigned to her, so once reviewed it leaves what she can see, and she is told so.
        await Assertions.Expect(page.GetByTestId("lead-done-and-left")).ToContainTextAsync("Review recorded");

        // Back to the list: today's call is there; the call sheet puts the outcomes first.
        await page.GotoAsync("/my-calls");
        await StaffPages.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("section-today").GetByRole(AriaRole.Link, new() { Name = "Robin Todayscall" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("call-sheet")).ToBeVisibleAsync();
        await page.GetByTestId("outcome-BookedAssessment").ClickAsync();
        var assessment = DateTime.Today.AddDays(3).AddHours(9);
        await page.Locator("[data-testid=assessment-time] input, input[data-testid=assessment-time]").FillAsync(assessment.ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByLabel("Practice-system reference (optional)").FillAsync("PX-2040");
        await page.GetByTestId("action-confirm").ClickAsync();

        await Assertions.Expect(page.GetByTestId("lead-status")).ToHaveTextAsync("Closed: assessment booked");
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        var booked = await db.Leads.Include(l => l.AssessmentBookings).SingleAsync(l => l.Reference == todays);
        Assert.Equal(CloseReason.BookedAssessment, booked.CloseReason);
        Assert.Equal("PX-2040", Assert.Single(booked.AssessmentBookings).PracticeSystemReference);
        var reviewed = await db.Leads.SingleAsync(l => l.Reference == flagged);
        Assert.Equal(ClinicalReviewDecision.SafeToProceed, reviewed.ReviewDecision);

        // Both have left the clinician's list.
        await page.GotoAsync("/my-calls");
        await StaffPages.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Robin Flagged" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Robin Todayscall" })).ToHaveCountAsync(0);
    }

    private Task<string> NewRequestAsync(string lastName, TriageLevel triage, bool assignToPriyaToday) =>
        TestRequests.CreateAsync(browser.App, lastName, triage, BodyArea.Neck, "Stiff neck after a long drive", async (lead, db) =>
        {
            lead.PreferredSiteId = (await db.Sites.OrderBy(s => s.Id).FirstAsync()).Id;
            if (!assignToPriyaToday)
            {
                return;
            }

            var userId = await db.Users.Where(u => u.Email == "clinician@clinic.test").Select(u => u.Id).SingleAsync();
            var priya = await db.StaffMembers.SingleAsync(s => s.UserId == userId);
            var now = DateTime.UtcNow;
            lead.Assign(priya, Actor.System, now.AddHours(-2));
            // A minute after midnight today in London: always "today", whatever time the test runs.
            var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
            var today = TimeZoneInfo.ConvertTimeFromUtc(now, london).Date;
            var callAt = TimeZoneInfo.ConvertTimeToUtc(today.AddMinutes(1), london);
            lead.Schedule(callAt, Actor.System, callAt.AddHours(-1));
        });
}
