using LeadManager.Web.Configuration;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Operations;

/// <summary>
/// Framing and privacy headers on every response. Only /embed/... may be framed, and only by
/// Intake:EmbedOrigins; every other page refuses to be framed (clickjacking). Links never
/// carry this app's addresses (which may hold signed tokens) to other sites. The embed sets
/// no cookies: it works without them (a signed form ticket instead of antiforgery), and a
/// cookie set inside the clinic website's frame is a third-party cookie its visitors' browsers
/// refuse or warn about. Blazor would otherwise store an antiforgery cookie whenever it renders.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var embedOrigins = context.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value.EmbedOrigins;
            var isEmbed = context.Request.Path.StartsWithSegments("/embed");
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = isEmbed
                    ? "frame-ancestors 'self'" + string.Concat(embedOrigins.Select(o => " " + o))
                    : "frame-ancestors 'none'";
                if (!isEmbed)
                {
                    headers.XFrameOptions = "DENY";
                }
                else
                {
                    headers.Remove("Set-Cookie");
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
