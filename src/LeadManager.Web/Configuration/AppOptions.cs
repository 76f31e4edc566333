using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Configuration;

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The app's public address, for links built outside a request (emails, jobs).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>
    /// The reverse proxies (IP addresses, or networks like 10.0.0.0/24) whose X-Forwarded-For and
    /// X-Forwarded-Proto headers are believed. Empty: the headers are ignored from everyone.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}

internal sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"App:PublicUrl '{options.PublicUrl}' must be an absolute http(s) address, e.g. https://calls.example-clinic.co.uk.");
        }

        foreach (var entry in options.KnownProxies)
        {
            if (!ForwardedHeadersSetup.TryParse(entry, out _, out _))
            {
                errors.Add($"App:KnownProxies '{entry}' must be an IP address (10.0.0.5, fd00::5) or a network with its prefix length (10.0.0.0/24, fd00::/64, no bits set after the prefix).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Believes X-Forwarded-For and X-Forwarded-Proto only from App:KnownProxies, so that behind a
/// TLS-terminating proxy the rate limits see the real client and the request counts as https
/// (Secure cookies, HSTS, https redirects). X-Forwarded-Host is not taken: the proxy passes the
/// Host header through, and a forwarded host would only be one more header to forge.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static WebApplication UseForwardedHeadersFromKnownProxies(this WebApplication app)
    {
        var known = app.Services.GetRequiredService<IOptions<AppOptions>>().Value.KnownProxies;
        // With no proxy listed the middleware is left out altogether: with empty lists it would
        // believe the headers from anyone.
        if (known.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // A chain of listed proxies (a load balancer in front of nginx) is walked back to the
            // first address that is not one of them; that address is the client.
            ForwardLimit = null,
        };
        // The defaults believe loopback; only what is listed is believed.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in known)
        {
            TryParse(entry, out var address, out var network);
            if (address is not null)
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(network!.Value);
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    public static bool TryParse(string? entry, out IPAddress? address, out System.Net.IPNetwork? network)
    {
        address = null;
        network = null;
        var text = entry?.Trim() ?? "";
        if (text.Contains('/', StringComparison.Ordinal))
        {
            var written = text[..text.IndexOf('/', StringComparison.Ordinal)];
            // "10.0.0.1/8" is refused rather than read as 10.0.0.0/8: which was meant is not clear.
            if (System.Net.IPNetwork.TryParse(text, out var parsed) && IPAddress.TryParse(written, out var start)
                && start.Equals(parsed.BaseAddress) && IsWrittenInFull(written, start))
            {
                network = parsed;
                return true;
            }

            return false;
        }

        if (IPAddress.TryParse(text, out var ip) && IsWrittenInFull(text, ip))
        {
            address = ip;
            return true;
        }

        return false;
    }

    // IPAddress.TryParse also takes "10.1" or "167772161" (both 10.0.0.1); a proxy list is
    // written with four parts, so anything shorter is more likely a typo than meant.
    private static bool IsWrittenInFull(string text, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3;
}
