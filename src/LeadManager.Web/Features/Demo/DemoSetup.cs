using LeadManager.Web.Configuration;
using LeadManager.Web.Database;

namespace LeadManager.Web.Features.Demo;

internal static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DemoOptions, DemoOptionsValidator>(configuration, DemoOptions.Section);
        services.AddScoped<IDatabaseSeeder, DemoSeeder>();
        return services;
    }
}
