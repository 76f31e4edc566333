namespace LeadManager.Web.Configuration;

internal static class ClinicSetup
{
    /// <summary>The clinic's settings and its clock, which every area reads its time from.</summary>
    public static IServiceCollection AddClinic(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClinicOptions, ClinicOptionsValidator>(configuration, ClinicOptions.Section);
        services.AddValidatedOptions<AppOptions, AppOptionsValidator>(configuration, AppOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ClinicClock>();
        return services;
    }
}
