using LeadManager.Web.Features.Admin.Staff.Invites;
using LeadManager.Web.Features.Admin.Audit;
using LeadManager.Web.Features.Admin.FirstRun;

namespace LeadManager.Web.Features.Admin;

internal static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<EmailsNeedingAttention>();
        services.AddStaffInvites();
        services.AddSiteAdministration();
        services.AddAuditPage().AddFirstRun(); // /admin/audit, and the first-run checklist on /admin with its banner
        return services;
    }
}
