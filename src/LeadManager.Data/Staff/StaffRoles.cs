namespace LeadManager.Data.Staff;

public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Receptionist = "Receptionist";
    public const string Clinician = "Clinician";

    public static readonly IReadOnlyList<string> All = [Admin, Receptionist, Clinician];

    /// <summary>Everyone who works leads at the front desk: reception and the manager.</summary>
    public const string FrontDesk = Admin + "," + Receptionist;

    public const string AnyStaff = Admin + "," + Receptionist + "," + Clinician;
}
