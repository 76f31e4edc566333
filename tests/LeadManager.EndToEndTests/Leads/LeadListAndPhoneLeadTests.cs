using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Leads;

/// <summary>Finding a request in the list, and entering one taken by phone.</summary>
public sealed class LeadListAndPhoneLeadTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Reception_finds_a_request_by_surname_and_opens_it_from_the_list()
    {
        var reference = await NewRequestAsync("Zabrowski");
        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/leads");

        await page.Locator("[data-testid=leads-search] input, input[data-testid=leads-search]").FillAsync("zabrow");
        var row = page.GetByTestId("leads-grid").GetByRole(AriaRole.Link, new() { Name = reference });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("leads-grid").GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = new("^DC-") })).ToHaveCountAsync(1);
        await row.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/leads/{reference}$"));
        await Assertions.Expect(page.GetByTestId("lead-heading")).ToHaveTextAsync("Robin Zabrowski");
    }

    [Fact]
    public async Task A_new_request_appears_in_an_open_list_without_reloading()
    {
        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/leads");
        await page.Locator("[data-testid=leads-search] input, input[data-testid=leads-search]").FillAsync("Liveupdate");
        await Assertions.Expect(page.GetByTestId("leads-none")).ToBeVisibleAsync();

        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var (accepted, errors) = await scope.ServiceProvider.GetRequiredService<LeadManager.Web.Features.Intake.SubmitLeadRequest>().SubmitAsync(
                new LeadManager.Web.Features.Intake.LeadSubmission
                {
                    ForWhom = "me", FirstName = "Robin", LastName = "Liveupdate", Email = "robin.liveupdate@example.com", Phone = "07911 255661",
                    BodyArea = "hip", Concern = "Hip aches at night", ConsentContact = true, ConsentHealthData = true,
                },
                LeadChannel.Api, CancellationToken.None);
            Assert.Empty(errors);
            await Assertions.Expect(page.GetByTestId("leads-grid").GetByRole(AriaRole.Link, new() { Name = accepted!.Reference! })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Reception_enters_a_phone_request_fixing_a_bad_number_without_losing_anything_typed()
    {
        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/leads");
        await page.GetByTestId("new-lead").ClickAsync();
        var dialog = page.GetByTestId("new-lead-dialog");
        await Assertions.Expect(page.GetByText("New request taken by phone or at the desk")).ToBeVisibleAsync();

        await Input(page, "new-lead-first-name").FillAsync("Priti");
        await Input(page, "new-lead-last-name").FillAsync("Ringer");
        await Input(page, "new-lead-phone").FillAsync("12345");
        await Input(page, "new-lead-email").FillAsync("priti.ringer@example.com");
        await page.GetByTestId("new-lead-body-area").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Lower back" }).ClickAsync();
        await Input(page, "new-lead-concern").FillAsync("Back went when lifting a box");
        await page.GetByLabel("The patient agreed to be contacted about this request").CheckAsync();
        await page.GetByLabel("The patient agreed we may use the health details they gave to arrange their care (read them the privacy summary)").CheckAsync();
        await page.GetByTestId("new-lead-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("new-lead-errors")).ToContainTextAsync("phone");
        await Assertions.Expect(Input(page, "new-lead-first-name")).ToHaveValueAsync("Priti");
        await Assertions.Expect(Input(page, "new-lead-concern")).ToHaveValueAsync("Back went when lifting a box");
        await Assertions.Expect(Input(page, "new-lead-phone")).ToHaveValueAsync("12345");

        await Input(page, "new-lead-phone").FillAsync("07911 244551");
        await page.GetByTestId("new-lead-save").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/leads/DC-[A-Z0-9]{6}$"));
        await Assertions.Expect(page.GetByTestId("lead-heading")).ToHaveTextAsync("Priti Ringer");
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        var lead = await db.Leads.SingleAsync(l => l.Email == "priti.ringer@example.com");
        Assert.Equal(LeadChannel.Phone, lead.Channel);
        Assert.Equal(ConsentMethod.Verbal, lead.ConsentMethod);
        Assert.Equal("+447911244551", lead.Phone);
        Assert.Equal(BodyArea.LowerBack, lead.BodyArea);
        Assert.True(await dialog.CountAsync() == 0);
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]");

    private Task<string> NewRequestAsync(string lastName) => TestRequests.CreateAsync(browser.App, lastName);
}
