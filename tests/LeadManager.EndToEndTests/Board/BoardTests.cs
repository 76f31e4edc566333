using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Board;

/// <summary>The reception board: assigning by keyboard and by drag, with a colleague's board following live.</summary>
public sealed class BoardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Keyboard_assign_moves_the_card_and_a_colleague_s_board_follows_without_reloading()
    {
        var sophie = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1600, Height = 1000 });
        var daniel = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1600, Height = 1000 });
        await StaffPages.SignInAsync(sophie, "reception@clinic.test", "/board");
        await StaffPages.SignInAsync(daniel, "reception2@clinic.test", "/board");
        await Assertions.Expect(daniel.GetByTestId("board-column-unassigned")).ToBeVisibleAsync();

        // A new request arrives: both boards show it in Unassigned by themselves.
        var reference = await NewRequestAsync("Keyboard");
        var sophiesCard = sophie.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]");
        await Assertions.Expect(sophiesCard).ToBeVisibleAsync();
        await Assertions.Expect(daniel.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]")).ToBeVisibleAsync();

        // Sophie assigns it with the keyboard: focus the card's "Assign to…" button, press Enter, then Enter on Priya.
        var priya = await ClinicianIdAsync("clinician@clinic.test");
        await sophiesCard.GetByRole(AriaRole.Button, new() { Name = "Assign Robin Keyboard to…" }).FocusAsync();
        await sophie.Keyboard.PressAsync("Enter");
        var priyaButton = sophie.GetByTestId($"assign-to-{priya}");
        await priyaButton.FocusAsync();
        await sophie.Keyboard.PressAsync("Enter");

        await Assertions.Expect(sophie.GetByTestId($"board-column-{priya}").Locator($"[data-reference={reference}]")).ToBeVisibleAsync();
        await Assertions.Expect(daniel.GetByTestId($"board-column-{priya}").Locator($"[data-reference={reference}]")).ToBeVisibleAsync();
        await Assertions.Expect(daniel.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]")).ToHaveCountAsync(0);
        Assert.Equal(priya, await AssignedToAsync(reference));
    }

    [Fact]
    public async Task Dragging_a_card_onto_a_clinician_assigns_it()
    {
        var reference = await NewRequestAsync("Dragged");
        // Wide enough for every column, so the drag needs no scrolling.
        var page = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 2400, Height = 1600 });
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/board");
        var tom = await ClinicianIdAsync("clinician2@clinic.test");
        var card = page.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]");
        await Assertions.Expect(card).ToBeVisibleAsync();

        await card.DragToAsync(page.GetByTestId($"board-column-{tom}").Locator(".mud-drop-zone"));

        await Assertions.Expect(page.GetByTestId($"board-column-{tom}").Locator($"[data-reference={reference}]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Robin Dragged assigned to Tom Okafor.")).ToBeVisibleAsync();
        Assert.Equal(tom, await AssignedToAsync(reference));
    }

    [Fact]
    public async Task One_click_accepts_the_suggested_clinician_and_a_free_slot_books_the_call()
    {
        var reference = await NewRequestAsync("Suggested");
        var page = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 2400, Height = 1600 });
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/board");
        var card = page.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]");
        var suggestion = card.GetByTestId("board-card-suggestion");
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        var explanation = await suggestion.GetAttributeAsync("title");
        Assert.Contains("calls today", explanation);

        await suggestion.ClickAsync();

        await Assertions.Expect(page.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]")).ToHaveCountAsync(0);
        var assignedTo = await AssignedToAsync(reference);
        Assert.NotNull(assignedTo);
        var moved = page.GetByTestId($"board-column-{assignedTo}").Locator($"[data-reference={reference}]");
        await Assertions.Expect(moved).ToBeVisibleAsync();

        // The same card's "Assign to…" now also offers the clinician's free call slots.
        await moved.GetByTestId("board-card-assign-menu").ClickAsync();
        // Every demo clinician works within the next five days, so there are always slots to offer.
        await page.GetByTestId("free-slot").First.ClickAsync();
        await Assertions.Expect(moved.GetByTestId("board-card-scheduled")).ToBeVisibleAsync();
        await using var db = await NewDbAsync();
        Assert.Equal(LeadStatus.Scheduled, await db.Leads.Where(l => l.Reference == reference).Select(l => l.Status).SingleAsync());
    }

    [Fact]
    public async Task A_drop_the_server_refuses_snaps_back_with_the_reason()
    {
        var reference = await NewRequestAsync("Snapback");
        var page = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 2400, Height = 1600 });
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/board");
        var card = page.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]");
        await Assertions.Expect(card).ToBeVisibleAsync();

        // Someone changes the request behind this board's back (no live update reaches it), so the card it shows is stale.
        await using (var db = await NewDbAsync())
        {
            await db.Leads.Where(l => l.Reference == reference).ExecuteUpdateAsync(set => set.SetProperty(l => l.Version, l => l.Version + 1));
        }

        var tom = await ClinicianIdAsync("clinician2@clinic.test");
        await card.DragToAsync(page.GetByTestId($"board-column-{tom}").Locator(".mud-drop-zone"));

        await Assertions.Expect(page.GetByText("Robin Snapback: This request just changed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("board-column-unassigned").Locator($"[data-reference={reference}]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"board-column-{tom}").Locator($"[data-reference={reference}]")).ToHaveCountAsync(0);
        Assert.Null(await AssignedToAsync(reference));
    }

    [Fact]
    public async Task A_live_update_does_not_take_the_keyboard_focus_off_a_card()
    {
        var first = await NewRequestAsync("Focused");
        var page = await browser.NewPageAsync(o => o.ViewportSize = new() { Width = 1600, Height = 1000 });
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/board");
        var card = page.GetByTestId("board-column-unassigned").Locator($"[data-reference={first}]");
        var assign = card.GetByRole(AriaRole.Button, new() { Name = "Assign Robin Focused to…" });
        await assign.FocusAsync();

        // Another request arrives while a receptionist is working the board by keyboard.
        var second = await NewRequestAsync("Arriving");
        await Assertions.Expect(page.GetByTestId("board-column-unassigned").Locator($"[data-reference={second}]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500);

        await Assertions.Expect(assign).ToBeFocusedAsync();
    }

    private async Task<int> ClinicianIdAsync(string email)
    {
        await using var db = await NewDbAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.StaffMembers.Where(s => s.UserId == userId).Select(s => s.Id).SingleAsync();
    }

    private async Task<int?> AssignedToAsync(string reference)
    {
        await using var db = await NewDbAsync();
        return await db.Leads.Where(l => l.Reference == reference).Select(l => l.AssignedClinicianId).SingleAsync();
    }

    private async Task<string> NewRequestAsync(string lastName)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var submit = scope.ServiceProvider.GetRequiredService<LeadManager.Web.Features.Intake.SubmitLeadRequest>();
        var (accepted, errors) = await submit.SubmitAsync(new LeadManager.Web.Features.Intake.LeadSubmission
        {
            ForWhom = "me", FirstName = "Robin", LastName = lastName, Email = $"robin.{Guid.NewGuid():N}@example.com",
            Phone = "07911 " + Random.Shared.Next(100000, 299999), BodyArea = "knee", Concern = "Knee hurts on stairs",
            ConsentContact = true, ConsentHealthData = true,
        }, LeadChannel.Api, CancellationToken.None);
        Assert.Empty(errors);
        return accepted!.Reference!;
    }

    private Task<LeadDbContext> NewDbAsync() =>
        browser.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
}
