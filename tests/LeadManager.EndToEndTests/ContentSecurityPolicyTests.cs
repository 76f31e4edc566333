using Hangfire;
using LeadManager.Web.Features.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests;

/// <summary>
/// The Content Security Policy as Chromium enforces it, and proof that the watch every browser
/// test runs under (<see cref="CspWatch"/>, in <see cref="BrowserFixture"/>) catches a violation:
/// pages made to break the policy on purpose fail the step in flight, naming the page and the directive.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string InjectInlineScript =
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = true;'; document.head.append(s); }";

    [Fact]
    public async Task An_inline_script_on_a_public_page_is_blocked_and_fails_the_step_naming_the_page_and_the_directive()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/request");
        Assert.Empty(browser.TakeCspViolations(page));

        var failure = await FailureOfAStepDuringAsync(page, () => page.EvaluateAsync(InjectInlineScript));

        Assert.Contains("Content Security Policy violation", failure.Message);
        Assert.Contains($"on {browser.BaseAddress}request", failure.Message);
        Assert.Contains("script-src", failure.Message);
        // The event or the console error, whichever came first (the context closes on the first).
        var seen = browser.TakeCspViolations(page);
        Assert.Contains(seen, v => v.Contains("/request: ", StringComparison.Ordinal) && v.Contains("script", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, v => v.Contains("[Report Only]", StringComparison.Ordinal)); // enforced, not only reported
    }

    [Fact]
    public async Task An_inline_style_on_a_page_with_javascript_off_is_caught_from_the_console()
    {
        var page = await browser.NewPageAsync(o => o.JavaScriptEnabled = false);
        // The real page with its real headers, and one inline style element added to its HTML.
        await page.RouteAsync("**/privacy", async route =>
        {
            var response = await route.FetchAsync();
            var html = await response.TextAsync();
            await route.FulfillAsync(new() { Response = response, Body = html.Replace("</head>", "<style>h1 { color: red; }</style></head>", StringComparison.Ordinal) });
        });

        var failure = await FailureOfAStepDuringAsync(page, () => page.GotoAsync("/privacy"));

        Assert.Contains($"on {browser.BaseAddress}privacy", failure.Message);
        Assert.Contains("inline style", failure.Message);
        Assert.Contains("default-src 'self'", failure.Message);
        Assert.NotEmpty(browser.TakeCspViolations(page));
    }

    [Fact]
    public async Task A_staff_page_runs_its_import_map_by_the_nonce_and_blocks_an_inline_script_without_it()
    {
        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "reception@clinic.test", "/board");

        // The circuit is up and nothing was refused on the way (sign-in page, board, import map, MudBlazor).
        Assert.Empty(browser.TakeCspViolations(page));
        // A script carrying the page's nonce runs, as the import map did.
        await page.EvaluateAsync(
            "() => { const s = document.createElement('script'); s.nonce = document.querySelector('script[type=importmap]').nonce;"
            + " s.textContent = 'window.withNonce = true;'; document.head.append(s); }");
        Assert.True(await page.EvaluateAsync<bool>("() => window.withNonce === true"));
        Assert.Empty(browser.TakeCspViolations(page));

        var failure = await FailureOfAStepDuringAsync(page, () => page.EvaluateAsync(InjectInlineScript));

        Assert.Contains($"on {browser.BaseAddress}board", failure.Message);
        Assert.Contains("script-src", failure.Message);
        Assert.NotEmpty(browser.TakeCspViolations(page));
    }

    [Fact]
    public async Task The_jobs_dashboard_shows_its_pages_without_a_violation()
    {
        var job = browser.App.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule<OutboxSweepJob>(j => j.RunAsync(CancellationToken.None), TimeSpan.FromDays(1));
        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, "admin@clinic.test");

        foreach (var path in new[] { "/hangfire", "/hangfire/jobs/scheduled", "/hangfire/recurring", "/hangfire/servers" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.GetByText("LeadManager jobs").First).ToBeVisibleAsync();
        }

        await page.GotoAsync($"/hangfire/jobs/details/{job}");
        await Assertions.Expect(page.Locator(".state-card").First).ToBeVisibleAsync(); // its state cards carry style attributes
        Assert.Empty(browser.TakeCspViolations(page));
    }

    /// <summary>
    /// Starts a step that waits (as a test's steps do while a page loads), runs <paramref name="violate"/>,
    /// and returns how the step failed when the watch closed the page's browser context.
    /// </summary>
    private static async Task<PlaywrightException> FailureOfAStepDuringAsync(IPage page, Func<Task> violate)
    {
        var step = page.Locator("[data-testid=never-rendered]").WaitForAsync();
        try
        {
            await violate();
        }
        catch (PlaywrightException)
        {
            // The close can overtake the violating step itself (a navigation still loading).
        }

        return await Assert.ThrowsAnyAsync<PlaywrightException>(() => step);
    }
}
