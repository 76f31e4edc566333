using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LeadManager.Web.Auth;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        // A form post with the antiforgery token (a link could be triggered by another site).
        endpoints.MapPost("/Account/Logout", async ([FromServices] SignInManager<IdentityUser> signInManager, ILogger<SignInManager<IdentityUser>> logger) =>
            {
                await signInManager.SignOutAsync();
                logger.LogInformation("Staff member signed out");
                return TypedResults.LocalRedirect("~/Account/SignedOut");
            })
            .AllowAnonymous();
}
