using LeadManager.Web.Features.Admin.Sites;

// In the Admin namespace, beside AddAdmin, which calls it.
namespace LeadManager.Web.Features.Admin;

internal static class SiteAdministrationSetup
{
    /// <summary>The /admin/sites page's handlers.</summary>
    public static IServiceCollection AddSiteAdministration(this IServiceCollection services) =>
        services.AddScoped<SiteAdministration>().AddScoped<SiteClosures>();
}
