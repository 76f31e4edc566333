using System.Security.Claims;
using LeadManager.Data.Staff;

namespace LeadManager.Web.Auth;

/// <summary>Where each role lands after signing in.</summary>
public static class RoleHome
{
    public const string Board = "/board";
    public const string MyCalls = "/my-calls";

    public static string For(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        if (set.Contains(StaffRoles.Admin) || set.Contains(StaffRoles.Receptionist))
        {
            return Board;
        }

        return set.Contains(StaffRoles.Clinician) ? MyCalls : "/Account/AccessDenied";
    }

    public static string For(ClaimsPrincipal user) =>
        For(StaffRoles.All.Where(user.IsInRole));
}
