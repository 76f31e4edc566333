using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests;

/// <summary>
/// One app on Kestrel and one Debian Chromium per test class. A missing browser fails the
/// tests with a message saying how to install it; it never skips them. Every page it opens is
/// watched for Content Security Policy violations (<see cref="CspWatch"/>): the first one fails
/// the test that caused it, and any the tests did not take fail the class when it ends.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly ConcurrentDictionary<IBrowserContext, CspWatch> _watches = new();
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
        _watches[context] = await CspWatch.StartAsync(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The violations seen so far in <paramref name="page"/>'s browser context, removed so that the
    /// class does not fail for them: for the test that proves a violation is caught, never to excuse one.
    /// </summary>
    public IReadOnlyList<string> TakeCspViolations(IPage page) => _watches[page.Context].Take();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();

        // A violation after a test's last step closed its browser context but may have failed nothing.
        var violations = _watches.Values.SelectMany(w => w.Take()).ToList();
        if (violations.Count > 0)
        {
            throw new ContentSecurityPolicyViolationException(CspWatch.Describe(violations));
        }
    }
}

/// <summary>
/// Records every Content Security Policy violation in a browser context's pages and frames:
/// the <c>securitypolicyviolation</c> event (heard by a script that runs before any of the
/// page's own; it names the page, the directive and what was blocked) and Chromium's console
/// error for it, which comes even with JavaScript off. The first violation closes the context
/// with the violation as the reason: the step in flight (a navigation, a wait, an expectation:
/// most violations happen while a page loads) fails with it as its message; a later step fails
/// as "closed", and the fixture then fails the class listing every violation.
/// </summary>
public sealed class CspWatch
{
    private const string Binding = "__leadManagerCspViolation";

    private const string Listener =
        "document.addEventListener('securitypolicyviolation', e => window." + Binding + "(JSON.stringify({"
        + " page: e.documentURI, directive: e.effectiveDirective, policy: e.originalPolicy,"
        + " blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample })));";

    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _violations = new();
    private int _closing;

    private CspWatch(IBrowserContext context) => _context = context;

    /// <summary>Starts watching <paramref name="context"/>; call it before the context opens a page.</summary>
    public static async Task<CspWatch> StartAsync(IBrowserContext context)
    {
        var watch = new CspWatch(context);
        await context.ExposeBindingAsync<string>(Binding, (_, json) => watch.Record(FromEvent(json)));
        await context.AddInitScriptAsync(Listener);
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                watch.Record($"on {message.Page?.Url ?? message.Location}: {message.Text}");
            }
        };
        return watch;
    }

    public static string Describe(IEnumerable<string> violations) =>
        "Content Security Policy violation (Operations/SecurityHeaders.cs says what each kind of page may load):\n  - "
        + string.Join("\n  - ", violations.Distinct());

    /// <summary>What this watch has seen since the last call, removed.</summary>
    public IReadOnlyList<string> Take()
    {
        var taken = new List<string>();
        while (_violations.TryDequeue(out var violation))
        {
            taken.Add(violation);
        }

        return taken;
    }

    private static string FromEvent(string json)
    {
        var e = JsonSerializer.Deserialize<JsonElement>(json);
        string Field(string name) => e.TryGetProperty(name, out var value) ? value.ToString() : "";
        var blocked = Field("blocked") is { Length: > 0 } uri ? uri : "(unknown)";
        var at = Field("source") is { Length: > 0 } file ? $" at {file}:{Field("line")}" : "";
        var sample = Field("sample") is { Length: > 0 } text ? $" \"{text}\"" : "";
        return $"on {Field("page")}: {Field("directive")} blocked {blocked}{at}{sample} (policy: {Field("policy")})";
    }

    private void Record(string violation)
    {
        _violations.Enqueue(violation);
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            // Not awaited: this runs on Playwright's event dispatch, which the close itself needs.
            _ = _context.CloseAsync(new BrowserContextCloseOptions { Reason = Describe([violation]) });
        }
    }
}

/// <summary>A page broke its Content Security Policy (the name is what the test run prints first).</summary>
public sealed class ContentSecurityPolicyViolationException(string message) : Exception(message);
