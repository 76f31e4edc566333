using LeadManager.Web.Configuration;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace LeadManager.Web.Operations;

/// <summary>
/// The security headers on every response, one policy per kind of page (chosen just before the
/// response starts, when the page is known), built with NetEscapades.AspNetCore.SecurityHeaders;
/// <c>app.UseSecurityHeaders()</c> in Program.cs applies them.
/// <list type="bullet">
/// <item>Public pages (the request form, received pages, /manage, /privacy, sign-in, not-found and
/// errors: plain server-rendered HTML, no circuit) run no inline script or style at all:
/// <c>default-src 'self'</c>.</item>
/// <item>Staff pages (interactive Blazor Server with MudBlazor) may run this app's own scripts and
/// the import map Blazor writes inline, which carries this response's nonce (App.razor).</item>
/// <item>Only /embed/... may be framed, and only by Intake:EmbedOrigins; every other page refuses
/// to be framed (clickjacking). The embed sets no cookies: it works without them (a signed form
/// ticket instead of antiforgery), and a cookie set inside the clinic website's frame is a
/// third-party cookie its visitors' browsers refuse or warn about. Blazor would otherwise store
/// an antiforgery cookie whenever it renders.</item>
/// <item>Hangfire's dashboard (admins only) writes inline styles of its own.</item>
/// </list>
/// Everywhere: no plugins, forms post only here, <c>&lt;base href&gt;</c> only here, links never
/// carry this app's addresses (which may hold signed tokens) to other sites, no camera,
/// microphone, location or payment, and no other site's window keeps a handle on ours.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Where FollowUpSetup.MapFollowUpDashboard maps Hangfire's dashboard (a shared folder names
    /// no feature; SecurityHeaderTests fails if the two part).
    /// </summary>
    public const string JobsDashboardPath = "/hangfire";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddSecurityHeaderPolicies((policies, provider) =>
        {
            var embedOrigins = provider.GetRequiredService<IOptions<IntakeOptions>>().Value.EmbedOrigins;
            var publicPage = PublicPolicy();
            var staffPage = StaffPolicy();
            var embed = EmbedPolicy(embedOrigins);
            var jobsDashboard = JobsDashboardPolicy();
            policies
                .SetDefaultPolicy(publicPage)
                .SetPolicySelector(context => KindOf(context.HttpContext) switch
                {
                    PageKind.Embed => embed,
                    PageKind.JobsDashboard => jobsDashboard,
                    PageKind.Staff => staffPage,
                    _ => publicPage,
                });
        });

    private enum PageKind
    {
        Public,
        Staff,
        Embed,
        JobsDashboard,
    }

    private static PageKind KindOf(HttpContext context)
    {
        // A not-found or error page re-executed inside the embed is still the embed: framed by the
        // clinic website, no cookies. The path asked for decides that; the page rendered decides the rest.
        var requested = new PathString(
            context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? context.Request.PathBase + context.Request.Path); // Hangfire moves its prefix into PathBase
        if (requested.StartsWithSegments("/embed"))
        {
            return PageKind.Embed;
        }

        if (requested.StartsWithSegments(JobsDashboardPath))
        {
            return PageKind.JobsDashboard;
        }

        // The rule App.razor uses to give a page the interactive render mode (and its scripts).
        return context.AcceptsInteractiveRouting() ? PageKind.Staff : PageKind.Public;
    }

    private static HeaderPolicyCollection PublicPolicy() =>
        Common()
            .AddFrameOptionsDeny()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                Everywhere(csp);
                csp.AddFrameAncestors().None();
            });

    private static HeaderPolicyCollection EmbedPolicy(IEnumerable<string> embedOrigins) =>
        Common()
            .RemoveCustomHeader("Set-Cookie")
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                Everywhere(csp);
                csp.AddFrameAncestors().Self().From(embedOrigins);
            });

    private static HeaderPolicyCollection StaffPolicy() =>
        Common()
            .AddFrameOptionsDeny()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                // blazor.web.js and MudBlazor.min.js come from here; the import map <ImportMap /> writes
                // inline carries this response's nonce (App.razor). No eval: Blazor Server needs none.
                csp.AddScriptSrc().Self().WithNonce();
                // 'unsafe-inline' only because MudBlazor requires it (MudBlazor#4529): components render
                // style="" attributes, MudThemeProvider a <style> element, Blazor's reconnect dialog its
                // own styles. No nonce or hash here: either would make browsers ignore 'unsafe-inline'.
                csp.AddStyleSrc().Self().UnsafeInline();
                // MudBlazor's stylesheet draws the colour picker's checkerboard as a data: image.
                csp.AddImgSrc().Self().Data();
                // The circuit: SignalR on /_blazor, a same-origin WebSocket ('self' covers ws:/wss: to this host).
                csp.AddConnectSrc().Self();
                csp.AddFontSrc().Self();
                Everywhere(csp);
                csp.AddFrameAncestors().None();
            });

    private static HeaderPolicyCollection JobsDashboardPolicy() =>
        Common()
            .AddFrameOptionsDeny()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                // Hangfire's dashboard (1.8) loads its scripts from here and writes none inline, but its
                // pages (a job's state cards, labels) and Chart.js write style attributes and offer no
                // nonce. It is for admins only and shows job ids and states, never a patient's details.
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data(); // its empty favicon is a data: URL
                Everywhere(csp);
                csp.AddFrameAncestors().None();
            });

    private static HeaderPolicyCollection Common() =>
        new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            // camera, microphone, geolocation, payment, USB and the rest: nothing here uses them.
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin());

    private static void Everywhere(Microsoft.AspNetCore.Builder.CspBuilder csp)
    {
        csp.AddObjectSrc().None();
        csp.AddFormAction().Self();
        // Blazor's <base href="/"> needs 'self'; nothing else may set the base of relative links.
        csp.AddBaseUri().Self();
    }
}
