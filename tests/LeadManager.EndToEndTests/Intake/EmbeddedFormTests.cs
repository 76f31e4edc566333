using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Intake;

/// <summary>
/// The clinic's website on one origin (a tiny page server here) framing the app's
/// /embed/request from another origin, as in production.
/// </summary>
public sealed class ClinicWebsiteFixture : IAsyncLifetime
{
    private WebApplication? _website;
    private IPlaywright? _playwright;

    public TestApp App { get; private set; } = null!;

    public Uri WebsiteAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _website = builder.Build();
        _website.MapGet("/", (HttpContext context) => Results.Content(
            $"""
            <!DOCTYPE html><html lang="en"><head><title>Riverside Physiotherapy</title></head>
            <body><h1>The hidden link between neck pain and headaches</h1>
            <iframe title="Request a free discovery call" src="{context.Request.Query["app"]}/embed/request" style="width:100%;height:2400px;border:0"></iframe>
            </body></html>
            """, "text/html"));
        await _website.StartAsync();
        var websiteAddress = _website.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        WebsiteAddress = new Uri(websiteAddress);

        App = new TestApp("Testing", new Dictionary<string, string?>
        {
            ["Intake:EmbedOrigins:0"] = WebsiteAddress.GetLeftPart(UriPartial.Authority),
            ["Intake:MinimumFillSeconds"] = "0",
        });
        App.StartOnKestrel();

        var executable = Environment.GetEnvironmentVariable("LEADMANAGER_CHROMIUM") ?? BrowserFixture.ChromiumPath;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_website is not null)
        {
            await _website.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}

public sealed class EmbeddedFormTests(ClinicWebsiteFixture fixture) : IClassFixture<ClinicWebsiteFixture>
{
    [Fact]
    public async Task A_patient_requests_a_call_through_the_form_embedded_in_the_clinic_website()
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        context.SetDefaultTimeout(15_000);
        var csp = await CspWatch.StartAsync(context); // the embed, framed, breaks none of its policy
        var page = await context.NewPageAsync();
        var appOrigin = fixture.App.ServerAddress!.GetLeftPart(UriPartial.Authority);
        await page.GotoAsync($"{fixture.WebsiteAddress}?app={Uri.EscapeDataString(appOrigin)}");
        var form = page.FrameLocator("iframe[title='Request a free discovery call']");

        await form.GetByLabel("First name of the patient").FillAsync("Iris");
        await form.GetByLabel("Last name of the patient").FillAsync("Embedded");
        await form.GetByLabel("Phone number").FillAsync("07911 123466");
        await form.GetByLabel("Email address").FillAsync("iris.embedded@example.com");
        await form.GetByLabel("Which area of the body troubles you most?").SelectOptionAsync("knee");
        await form.GetByLabel("What is going on?").FillAsync("Knee pain on stairs since the summer.");
        await form.GetByLabel("You may phone and email me about this request.").CheckAsync();
        await form.GetByLabel("I agree that the clinic may use the health details").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).ClickAsync();

        await Assertions.Expect(form.GetByTestId("reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^DC-[A-Z0-9]{6}$"));
        var reference = await form.GetByTestId("reference").TextContentAsync();
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        var lead = await db.Leads.SingleAsync(l => l.Email == "iris.embedded@example.com");
        Assert.Equal(reference, lead.Reference);
        Assert.Equal(LeadChannel.Embed, lead.Channel);
        Assert.Equal("+447911123466", lead.Phone);
        Assert.Empty(csp.Take());
    }
}
