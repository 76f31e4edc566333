namespace LeadManager.Web.Sites;

internal static class SitesSetup
{
    public static IServiceCollection AddSites(this IServiceCollection services) =>
        services.AddSingleton<ActiveSites>();
}
