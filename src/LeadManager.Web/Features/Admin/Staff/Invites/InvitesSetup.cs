namespace LeadManager.Web.Features.Admin.Staff.Invites;

internal static class InvitesSetup
{
    /// <summary>Inviting staff by email and managing their invites and reset links (the links' pages are in Components/Account, their tokens in Auth).</summary>
    public static IServiceCollection AddStaffInvites(this IServiceCollection services) =>
        services.AddScoped<StaffInvites>();
}
