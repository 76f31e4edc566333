using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.TestSupport;

/// <summary>
/// The real app, on a real SQLite file in a folder of its own, with emails written to that
/// folder. One per test class (xunit class fixture), disposed with its files.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Physio-Demo-2026";
    public const string ApiKey = "test-intake-key-0001";

    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;

    public TestApp()
        : this("Testing", null)
    {
    }

    private readonly Action<IServiceCollection>? _services;

    internal TestApp(string environment, IDictionary<string, string?>? settings, string? directory = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _environment = environment;
        _ownsDirectory = directory is null;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "leadmanager-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={DatabasePath}",
            ["Demo:Seed"] = "true",
            ["Email:Delivery"] = "Pickup",
            ["Email:PickupDirectory"] = MailDirectory,
            ["Email:From"] = "Riverside Physiotherapy <hello@clinic.test>",
            ["Email:ReceptionAddress"] = "reception@clinic.test",
            ["Intake:ApiKeys:0"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "leadmanager.db");

    public string MailDirectory => Path.Combine(Directory, "mail");

    /// <summary>The Kestrel address after <see cref="StartOnKestrel"/>.</summary>
    public Uri? ServerAddress { get; private set; }

    /// <summary>Serves on a real socket (for the browser tests) and returns the address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        ServerAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return ServerAddress;
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // Outside Development, ASP.NET serves framework and library assets (blazor.web.js,
        // MudBlazor) only from a published wwwroot; tests run from the build output instead.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown: the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>Signs in through the real sign-in form, antiforgery token and all.</summary>
public static partial class StaffSignIn
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken(page);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(path, form);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static class Redirect
{
    /// <summary>The redirect target as a local path and query, whether the header is absolute or not.</summary>
    public static string PathOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
