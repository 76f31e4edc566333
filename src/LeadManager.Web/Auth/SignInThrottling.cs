using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using LeadManager.Web.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Auth;

/// <summary>
/// Two limits on sign-in posts, on top of Identity's lockout: per client address (the rate
/// limiter's <see cref="AddressPolicy"/>, which the sign-in page opts into), and per account
/// (<see cref="UseSignInAccountLimit"/>, which needs the posted email and so reads the form,
/// which a rate limiter's partition function, being synchronous, must not). Both answer 429
/// with Retry-After and the same plain page. Only posts count.
/// </summary>
public static class SignInThrottling
{
    /// <summary>The rate limiting policy of the sign-in page, named in its [EnableRateLimiting].</summary>
    public const string AddressPolicy = "sign-in";

    // The sign-in form's email field (Login.razor binds Input.Email).
    internal const string EmailField = "Input.Email";

    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignInThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SignInThrottleOptions, SignInThrottleOptionsValidator>(configuration, SignInThrottleOptions.Section);
        services.AddSingleton<SignInAccountLimiter>();
        // A policy of its own (not a partition function) so it has its own OnRejected: intake's
        // OnRejected on the options writes intake's page and stays as it is.
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, SignInAddressPolicy>(AddressPolicy));
        return services;
    }

    /// <summary>
    /// The per-account limit: a post to the sign-in page (the endpoint with <see cref="AddressPolicy"/>)
    /// for an account that has had its posts this minute is answered 429 before it reaches Identity.
    /// After UseRateLimiter, so posts the address limit refused are not counted here.
    /// </summary>
    public static IApplicationBuilder UseSignInAccountLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType
                || context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != AddressPolicy)
            {
                await next(context);
                return;
            }

            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException)
            {
                // A malformed body: the page answers it as it would without this limit.
                await next(context);
                return;
            }

            var email = form[EmailField].ToString();
            if (string.IsNullOrWhiteSpace(email))
            {
                await next(context);
                return;
            }

            var normalised = context.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeEmail(email.Trim()) ?? email.Trim();
            using var lease = context.RequestServices.GetRequiredService<SignInAccountLimiter>().AttemptAcquire(normalised);
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }

            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInThrottling)).LogWarning(
                "Sign-in throttled: too many attempts for account {Account} this minute; refused a post from {ClientAddress}",
                SignInLog.MaskAccount(email), SignInLog.ClientAddress(context));
            await WriteThrottledPageAsync(context, lease,
                "We've had a lot of sign-in attempts for this account in a short time, so we've paused them for a moment to keep it safe.",
                context.RequestAborted);
        });

    /// <summary>The 429 answer: Retry-After and a plain page that looks like the sign-in page (no MudBlazor, no script).</summary>
    internal static async Task WriteThrottledPageAsync(HttpContext http, RateLimitLease lease, string why, CancellationToken cancellationToken)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : Window;
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        var clinic = http.RequestServices.GetRequiredService<IOptions<ClinicOptions>>().Value;
        var encode = HtmlEncoder.Default;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        var waitText = seconds <= 60 ? "a minute" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";
        var phone = string.IsNullOrWhiteSpace(clinic.Phone)
            ? ""
            : $"<span> · <a href=\"tel:{encode.Encode(clinic.Phone.Replace(" ", "", StringComparison.Ordinal))}\">{encode.Encode(clinic.Phone)}</a></span>";
        await response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>Too many sign-in attempts · LeadManager</title><link rel="stylesheet" href="/css/app.css" /></head>
            <body><div class="public-shell"><header class="public-header"><a href="/" class="public-brand">{encode.Encode(clinic.Name)}</a></header>
            <main class="public-main"><section class="card narrow" data-testid="sign-in-throttled"><h1>Too many sign-in attempts</h1>
            <p>{encode.Encode(why)}</p><p>Please wait {waitText} and try again.</p>
            <p class="muted small">Forgotten your password? Ask the clinic manager to reset it.</p>
            <p><a href="/Account/Login" class="button primary">Back to sign in</a></p></section></main>
            <footer class="public-footer"><span>{encode.Encode(clinic.Name)}</span>{phone}</footer></div></body></html>
            """, cancellationToken);
    }
}

/// <summary>Sign-in posts per client address (IPv6 by its /64) per minute; reading the page is free.</summary>
internal sealed class SignInAddressPolicy(IOptions<SignInThrottleOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInThrottling)).LogWarning(
            "Sign-in throttled: too many attempts from {ClientAddress} this minute", SignInLog.ClientAddress(http));
        await SignInThrottling.WriteThrottledPageAsync(http, context.Lease,
            "We've had a lot of sign-in attempts from this connection in a short time, so we've paused them for a moment.",
            cancellationToken);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var permit = options.Value.PermitPerAddressPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(SignInLog.ClientKey(httpContext.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permit,
            Window = SignInThrottling.Window,
            QueueLimit = 0,
        });
    }
}

/// <summary>
/// Sign-in posts per account per minute, in memory (one per app server, like the rate
/// limiter). Keyed by a hash of the normalised email, so the limiter holds no addresses.
/// </summary>
internal sealed class SignInAccountLimiter(IOptions<SignInThrottleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitPerAccountPerMinute,
            Window = SignInThrottling.Window,
            QueueLimit = 0,
        }));

    public RateLimitLease AttemptAcquire(string normalisedEmail) =>
        _limiter.AttemptAcquire(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedEmail))));

    public void Dispose() => _limiter.Dispose();
}
