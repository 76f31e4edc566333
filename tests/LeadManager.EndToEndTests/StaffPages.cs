using Microsoft.Playwright;

namespace LeadManager.EndToEndTests;

/// <summary>Steps staff page tests share.</summary>
public static class StaffPages
{
    /// <summary>Signs in through the real sign-in page, then opens <paramref name="path"/> and waits until it is interactive.</summary>
    public static async Task SignInAsync(IPage page, string email, string? path = null)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestApp.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        if (path is not null)
        {
            await page.GotoAsync(path);
        }

        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>The layout shows its marker once the circuit is up and the theme is ready: clicks work from then on.</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=app-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
