using LeadManager.Web.Features.Admin.Staff.Invites;

namespace LeadManager.Web.Features.Admin;

internal static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) =>
        services.AddScoped<EmailsNeedingAttention>()
            .AddStaffInvites();
}
