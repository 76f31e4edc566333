using System.Security.Claims;
using LeadManager.Data.Leads;
using LeadManager.Data.Staff;

namespace LeadManager.Web.Auth;

/// <summary>The signed-in person as the rules see them: their roles and their staff record.</summary>
public sealed record StaffIdentity(string UserId, int StaffMemberId, string DisplayName, bool IsFrontDesk, bool IsClinician)
{
    public Actor Actor => Actor.Staff(StaffMemberId, DisplayName);

    public static bool HasFrontDeskRole(ClaimsPrincipal user) => user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Receptionist);
}
