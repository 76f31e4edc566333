using System.Security.Claims;
using LeadManager.Data.Staff;

namespace LeadManager.Web.Auth;

/// <summary>
/// Interactive actions run over the circuit, not through HTTP, so the endpoint's role rule
/// never sees them. Handlers call this to enforce the same rule again.
/// </summary>
public static class StaffAccess
{
    public static void Require(ClaimsPrincipal user, string rolesCommaSeparated)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new UnauthorizedAccessException("Sign in to do that.");
        }

        var roles = rolesCommaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!roles.Any(user.IsInRole))
        {
            throw new UnauthorizedAccessException("Your role does not allow that. Ask the clinic manager if you need it.");
        }
    }
}
