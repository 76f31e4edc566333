namespace LeadManager.Web.Features.Admin;

internal static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) =>
        services.AddScoped<EmailsNeedingAttention>()
            .AddSiteAdministration();
}
