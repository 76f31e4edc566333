using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadManager.IntegrationTests.Auth;

/// <summary>
/// The app on a real Kestrel socket, so requests come from a real client address (127.0.0.1),
/// which the sign-in limits and the forwarded-headers rule look at. Each test starts its own:
/// the limits it sets, and the posts it counts, must not reach another test.
/// </summary>
public sealed class KestrelApp : IAsyncDisposable
{
    private readonly TestApp _app;

    private KestrelApp(TestApp app, LogRecorder log, Uri address)
    {
        _app = app;
        Log = log;
        Address = address;
    }

    public LogRecorder Log { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static KestrelApp Start(IDictionary<string, string?>? settings = null)
    {
        var log = new LogRecorder();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            // Every level the app writes goes to the recorder, whatever the console shows.
            [$"Logging:{LogRecorder.Alias}:LogLevel:Default"] = "Trace",
        };
        var app = new TestApp("Testing", all, services: services => services.AddSingleton<ILoggerProvider>(log));
        return new KestrelApp(app, log, app.StartOnKestrel());
    }

    /// <summary>A browser-like client (own cookies, no redirects followed), optionally behind a proxy that sends these headers.</summary>
    public HttpClient Client(string? forwardedFor = null, string? forwardedProto = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Address,
        };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        return client;
    }

    public async Task AddStaffAsync(string email, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
        var user = new Microsoft.AspNetCore.Identity.IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded, $"create {email}");
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded, $"give {email} {role}");
    }

    public T Option<T>()
        where T : class => Services.GetRequiredService<IOptions<T>>().Value;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>Records every log line the app writes (message, its values, any exception), for tests that read the log.</summary>
[ProviderAlias(Alias)]
public sealed class LogRecorder : ILoggerProvider
{
    public const string Alias = "TestRecorder";

    private readonly ConcurrentQueue<Line> _lines = new();

    public IReadOnlyList<Line> Lines => [.. _lines];

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    public sealed record Line(LogLevel Level, string Category, string Text)
    {
        public override string ToString() => $"{Level} {Category}: {Text}";
    }

    private sealed class Logger(string category, ConcurrentQueue<Line> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The formatted message, and each value of the template too: a value the message
            // leaves out still reaches a structured log store.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            lines.Enqueue(new Line(logLevel, category, $"{formatter(state, exception)} [{values}] {exception}"));
        }
    }
}
