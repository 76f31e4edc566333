using LeadManager.Data.Leads;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Answers a request-form post that needs no page (stored, or discarded as a bot's) with its
/// redirect at once. Otherwise Blazor would render the whole form page first, only to find the
/// named form the post is for, and send that page as the body of the redirect: twice the CPU
/// of the same request through the API. A post with errors (or from a refused origin) goes on
/// to the page, which shows the result already worked out here
/// (<see cref="RequestFormHandler.HandlePostAsync"/> handles a post once).
/// </summary>
public static class IntakeFormPosts
{
    /// <summary>After routing, rate limiting and antiforgery, so a post here has passed the same checks as one the page handles.</summary>
    public static IApplicationBuilder UseIntakeFormPosts(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method)
                || ChannelOf(context.GetEndpoint()) is not { } channel
                // The app's own form needs a valid antiforgery token (the embed has its ticket and
                // Origin check instead); without one, the page answers as it always has.
                || (channel == LeadChannel.Form && context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                || !context.Request.HasFormContentType
                // The page's own form; anything else is the page's business.
                || (await context.Request.ReadFormAsync(context.RequestAborted))["_handler"] != "request")
            {
                await next(context);
                return;
            }

            var handler = context.RequestServices.GetRequiredService<RequestFormHandler>();
            var result = await handler.HandlePostAsync(context, channel, context.RequestAborted);
            if (result.RedirectTo is null)
            {
                await next(context);
                return;
            }

            context.Response.Redirect(result.RedirectTo);
        });

    private static LeadChannel? ChannelOf(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type switch
    {
        var page when page == typeof(RequestPage) => LeadChannel.Form,
        var page when page == typeof(EmbedRequestPage) => LeadChannel.Embed,
        _ => null,
    };
}
