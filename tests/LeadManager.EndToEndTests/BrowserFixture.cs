using Microsoft.Playwright;

namespace LeadManager.EndToEndTests;

/// <summary>
/// One app on Kestrel and one Debian Chromium per test class. A missing browser fails the
/// tests with a message saying how to install it; it never skips them.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(null)
    {
    }

    /// <summary>For fixtures that run the app with some settings changed (see <see cref="IntakeBrowserFixture"/>).</summary>
    protected BrowserFixture(IDictionary<string, string?>? settings)
        : this("Testing", settings)
    {
    }

    /// <summary>For fixtures that run the app as another environment would (see <see cref="Admin.FreshProductionBrowserFixture"/>).</summary>
    protected BrowserFixture(string environment, IDictionary<string, string?>? settings)
    {
        App = new TestApp(environment, settings);
    }

    public TestApp App { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("LEADMANAGER_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. Install Debian's browser with 'sudo apt-get install -y chromium' " +
                "(./test.sh does this when it can), or point LEADMANAGER_CHROMIUM at a Chromium binary.");
        }

        BaseAddress = App.StartOnKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public Task<IPage> NewPageAsync() => NewPageAsync(null);

    /// <summary>A page in a fresh browser context (own cookies); <paramref name="configure"/> can set a viewport, turn JavaScript off, and so on.</summary>
    public async Task<IPage> NewPageAsync(Action<BrowserNewContextOptions>? configure)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        };
        configure?.Invoke(options);
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
