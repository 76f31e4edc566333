using Deque.AxeCore.Playwright;
using LeadManager.Data.Leads;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LeadManager.EndToEndTests;

/// <summary>The pages staff live in have no serious or critical axe-core findings.</summary>
public sealed class StaffPageAccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private string _background = "";

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Board_list_lead_page_and_clinician_pages_have_no_serious_or_critical_axe_findings(ColorScheme scheme)
    {
        var reference = await TestRequests.CreateAsync(browser.App, "Axecheck", TriageLevel.ReviewFirst);
        var findings = new List<string>();
        // ClinicTheme's page backgrounds: #F5F8F8 light, #0F1A1D dark.
        _background = scheme == ColorScheme.Dark ? "rgb(15, 26, 29)" : "rgb(245, 248, 248)";

        var reception = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 1600, Height = 1000 };
            o.ColorScheme = scheme;
        });
        await StaffPages.SignInAsync(reception, "reception@clinic.test", "/board");
        await reception.GetByTestId("board-card").First.WaitForAsync();
        findings.AddRange(await FindingsAsync(reception, "the board"));
        await reception.GotoAsync("/leads");
        await StaffPages.WaitUntilInteractiveAsync(reception);
        await reception.GetByTestId("leads-row-link").First.WaitForAsync();
        findings.AddRange(await FindingsAsync(reception, "the list"));
        await reception.GotoAsync($"/leads/{reference}");
        await reception.GetByTestId("lead-heading").WaitForAsync();
        findings.AddRange(await FindingsAsync(reception, "the lead page"));

        var clinician = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 390, Height = 844 };
            o.ColorScheme = scheme;
        });
        await StaffPages.SignInAsync(clinician, "clinician@clinic.test", "/my-calls");
        await clinician.GetByTestId("call-card").First.WaitForAsync();
        findings.AddRange(await FindingsAsync(clinician, "my calls on a phone"));
        await clinician.GotoAsync($"/leads/{reference}");
        await clinician.GetByTestId("call-sheet").WaitForAsync();
        findings.AddRange(await FindingsAsync(clinician, "the call sheet on a phone"));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    private async Task<IReadOnlyList<string>> FindingsAsync(IPage page, string what)
    {
        // The saved or system theme is applied after the first render, with colour transitions: judge the
        // final colours, so switch transitions off and wait until the page has the theme's background.
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        await page.WaitForFunctionAsync("bg => getComputedStyle(document.body).backgroundColor === bg", _background);
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            output.WriteLine($"axe on {what}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join("; ", violation.Nodes.Select(n => n.Target))}");
        }

        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} at {string.Join("; ", v.Nodes.Select(n => $"{n.Target}: {string.Join(" ", n.Any.Select(c => c.Message))}"))}")
            .ToList();
    }
}
