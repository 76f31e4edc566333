using LeadManager.Web.Configuration;

namespace LeadManager.Web.Features.Demo;

internal static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DemoOptions, DemoOptionsValidator>(configuration, DemoOptions.Section);
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
