using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LeadManager.EndToEndTests.Auth;

/// <summary>The page a throttled sign-in gets, as a person sees it, checked with axe in light and dark mode.</summary>
public sealed class SignInThrottleBrowserTests(SignInThrottleBrowserTests.OnePostAMinute browser, ITestOutputHelper output)
    : IClassFixture<SignInThrottleBrowserTests.OnePostAMinute>
{
    /// <summary>One sign-in post per address per minute, so the second is throttled.</summary>
    public sealed class OnePostAMinute() : BrowserFixture(new Dictionary<string, string?> { ["SignIn:PermitPerAddressPerMinute"] = "1" });

    [Fact]
    public async Task A_throttled_sign_in_shows_a_plain_page_that_leads_back_to_sign_in_and_has_no_axe_findings()
    {
        var findings = new List<string>();

        var light = await browser.NewPageAsync(o => o.ColorScheme = ColorScheme.Light);
        await TryToSignInAsync(light);
        await Assertions.Expect(light.GetByRole(AriaRole.Alert)).ToContainTextAsync("don't match an account");
        await TryToSignInAsync(light);
        await Assertions.Expect(light.GetByRole(AriaRole.Heading, new() { Name = "Too many sign-in attempts", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(light).ToHaveTitleAsync("Too many sign-in attempts · LeadManager");
        await Assertions.Expect(light.GetByTestId("sign-in-throttled")).ToContainTextAsync("Please wait a minute and try again.");
        findings.AddRange(await AxeFindingsAsync(light, "the throttled page"));

        // The public pages follow the device's dark mode; the same minute, so this post is throttled too.
        var dark = await browser.NewPageAsync(o => o.ColorScheme = ColorScheme.Dark);
        await TryToSignInAsync(dark);
        await Assertions.Expect(dark.GetByTestId("sign-in-throttled")).ToBeVisibleAsync();
        findings.AddRange(await AxeFindingsAsync(dark, "the throttled page in dark mode"));

        await light.GetByRole(AriaRole.Link, new() { Name = "Back to sign in" }).ClickAsync();
        await Assertions.Expect(light.GetByRole(AriaRole.Heading, new() { Name = "Staff sign in" })).ToBeVisibleAsync();
        Assert.True(findings.Count == 0, "Accessibility findings:\n" + string.Join("\n", findings));
    }

    private static async Task TryToSignInAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync("clinician4@clinic.test");
        await page.GetByLabel("Password").FillAsync("not-the-password-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private async Task<IReadOnlyList<string>> AxeFindingsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            output.WriteLine($"axe on {what}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join("; ", violation.Nodes.Select(n => n.Target))}");
        }

        return result.Violations
            .Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} at {string.Join("; ", v.Nodes.Select(n => $"{n.Target}: {string.Join(" ", n.Any.Select(c => c.Message))}"))}")
            .ToList();
    }
}
