using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Auth;

public sealed class SignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Receptionist_signs_in_through_the_real_page_and_sees_the_shell()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/board");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByLabel("Email").FillAsync("reception@clinic.test");
        await page.GetByLabel("Password").FillAsync(TestApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/board$"));
        await page.Locator("[data-testid=app-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Board", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("reception@clinic.test");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Board" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My calls" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("board-count-New")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[1-9]"));

        if (Environment.GetEnvironmentVariable("LEADMANAGER_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            await page.SetViewportSizeAsync(1280, 720);
            await page.ScreenshotAsync(new() { Path = screenshot });
        }
    }

    [Fact]
    public async Task Dark_mode_toggle_switches_the_theme_and_is_remembered()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "clinician@clinic.test");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/my-calls$"));
        await page.Locator("[data-testid=app-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var before = await BackgroundAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", before);
        var after = await BackgroundAsync(page);
        await page.ReloadAsync();
        await page.Locator("[data-testid=app-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await Assertions.Expect(page.Locator("body")).ToHaveCSSAsync("background-color", after);
    }

    [Fact]
    public async Task Wrong_password_shows_a_clear_message_on_the_sign_in_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync("clinician2@clinic.test");
        await page.GetByLabel("Password").FillAsync("definitely-wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("don't match an account");
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("clinician2@clinic.test");
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
