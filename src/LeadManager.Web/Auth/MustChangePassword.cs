using Microsoft.AspNetCore.Authorization;

namespace LeadManager.Web.Auth;

/// <summary>
/// A signed-in person whose staff record says MustChangePassword (the bootstrap admin, whose
/// password came from configuration) is sent to /Account/ChangePassword from every staff page
/// until they have chosen their own. The flag rides in the sign-in cookie as a claim
/// (<see cref="StaffClaimsPrincipalFactory"/>), so this costs no query per request; changing the
/// password refreshes the sign-in, which drops it. Public endpoints ([AllowAnonymous]: the
/// account pages, sign-out, static assets, patients' pages) and the API pass, so the change page
/// itself, its styles and sign-out work. Navigation inside a live circuit never passes through
/// here, but such a person never gets one: every staff page they open is answered with the redirect.
/// </summary>
internal static class MustChangePassword
{
    public const string ClaimType = "leadmanager:must_change_password";
    public const string PagePath = "/Account/ChangePassword";

    public static bool Applies(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(ClaimType, "true");

    /// <summary>After authentication and authorization, before the endpoint runs.</summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (Applies(context.User)
                && !context.Request.Path.StartsWithSegments("/api")
                && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                context.Response.Redirect(PagePath);
                return Task.CompletedTask;
            }

            return next(context);
        });
}
