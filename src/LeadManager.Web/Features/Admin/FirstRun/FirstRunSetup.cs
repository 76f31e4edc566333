using LeadManager.Web.Operations;

namespace LeadManager.Web.Features.Admin.FirstRun;

internal static class FirstRunSetup
{
    /// <summary>The first-run checklist on /admin, its test email, and the progress the admins' banner reads.</summary>
    public static IServiceCollection AddFirstRun(this IServiceCollection services)
    {
        // One per app: it keeps the banner's answer for a minute.
        services.AddSingleton<SetUpProgress>();
        services.AddScoped<ReceptionTestEmails>();
        return services;
    }
}
