using System.Net;
using System.Threading.RateLimiting;
using LeadManager.Web.Configuration;
using LeadManager.Web.Operations;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Abuse limits on the intake paths, all from Intake:* so tests and benchmarks can set them:
/// form posts per client address, API posts per API key (the clinic website posts from one
/// address), and a request body size limit. Rejections are friendly: a page for people,
/// problem JSON for the API.
/// </summary>
public static class IntakeRateLimits
{
    public const string FormPolicy = "intake-form";
    public const string ApiPolicy = "intake-api";

    public static IServiceCollection AddIntakeRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(FormPolicy, context =>
            {
                // Only posts count: reading the form, or coming back to it after an error, is free.
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var options = context.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    "form:" + (context.Connection.RemoteIpAddress ?? IPAddress.None),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.FormPermitLimit,
                        Window = TimeSpan.FromSeconds(options.FormWindowSeconds),
                        QueueLimit = 0,
                    });
            });
            limiter.AddPolicy(ApiPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value;
                var client = context.User.Identity?.IsAuthenticated == true
                    ? "key:" + context.User.Identity.Name
                    : "ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.ApiPermitLimit,
                    Window = TimeSpan.FromSeconds(options.ApiWindowSeconds),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IntakeRateLimits));
                logger.LogWarning("Intake rate limit reached on {Path}", http.Request.Path);
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await ProblemResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests from this API key. Try again after the Retry-After interval.", cancellationToken);
                    return;
                }

                await WritePageAsync(http, "Please wait a few minutes",
                    "We've had several requests from this connection in a short time, so we've paused new ones for a few minutes. " +
                    "If you've already sent your request, it has reached us and you don't need to send it again.", cancellationToken);
            };
        });

    /// <summary>
    /// Caps the body of intake posts at Intake:MaxRequestBodyBytes and answers 413 (a page or
    /// problem JSON) instead of an error when a post is larger.
    /// </summary>
    public static IApplicationBuilder UseIntakeBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !IsIntakePath(context.Request.Path))
            {
                await next(context);
                return;
            }

            var limit = context.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value.MaxRequestBodyBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = limit;
            }

            if (context.Request.ContentLength > limit)
            {
                await RejectTooLargeAsync(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.Response.HasStarted && IsTooLarge(exception))
            {
                await RejectTooLargeAsync(context);
            }
        });

    private static bool IsIntakePath(PathString path) =>
        path.StartsWithSegments("/request") || path.StartsWithSegments("/embed/request") || path.StartsWithSegments("/api/leads");

    private static bool IsTooLarge(Exception exception) =>
        exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || exception.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || exception is InvalidDataException;

    private static Task RejectTooLargeAsync(HttpContext context)
    {
        context.Response.Headers.Connection = "close";
        return context.Request.Path.StartsWithSegments("/api")
            ? ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is larger than this API accepts.", context.RequestAborted)
            : WritePageAsync(context, "That was too much to send",
                "Your request was larger than our form accepts. Please shorten what you wrote and send it again.", context.RequestAborted, StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task WritePageAsync(HttpContext http, string title, string message, CancellationToken cancellationToken, int status = StatusCodes.Status429TooManyRequests)
    {
        var clinic = http.RequestServices.GetRequiredService<IOptions<ClinicOptions>>().Value;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
        var phone = string.IsNullOrWhiteSpace(clinic.Phone) ? "" : $"<p>You can also call us on <a href=\"tel:{encode.Encode(clinic.Phone.Replace(" ", "", StringComparison.Ordinal))}\">{encode.Encode(clinic.Phone)}</a>.</p>";
        await http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{encode.Encode(title)}</title><link rel="stylesheet" href="/css/app.css" /></head>
            <body><div class="public-shell"><header class="public-header"><a href="/request" class="public-brand">{encode.Encode(clinic.Name)}</a></header>
            <main class="public-main"><section class="card narrow"><h1>{encode.Encode(title)}</h1><p>{encode.Encode(message)}</p>{phone}
            <p>In an emergency call 999. If you need medical help fast but it isn't an emergency, call NHS 111.</p></section></main></div></body></html>
            """, cancellationToken);
    }
}
