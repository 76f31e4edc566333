namespace LeadManager.Web.Auth;

public static class StaffPasswordRules
{
    public const int MinimumLength = 12;
}
