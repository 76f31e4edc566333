using LeadManager.Data.Staff;

namespace LeadManager.Web.Auth;

/// <summary>The staff roles as people say them, for the invite form and the emails.</summary>
public static class StaffRoleWords
{
    public static string Label(string role) => role switch
    {
        StaffRoles.Admin => "Clinic manager (admin)",
        StaffRoles.Receptionist => "Receptionist",
        StaffRoles.Clinician => "Clinician",
        _ => role,
    };

    /// <summary>"as a clinician", for a sentence.</summary>
    public static string AsA(string role) => role switch
    {
        StaffRoles.Admin => "an admin (clinic manager)",
        StaffRoles.Receptionist => "a receptionist",
        StaffRoles.Clinician => "a clinician",
        _ => "a member of staff",
    };
}
