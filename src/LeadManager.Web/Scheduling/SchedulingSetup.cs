using LeadManager.Web.Configuration;

namespace LeadManager.Web.Scheduling;

internal static class SchedulingSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WorkflowOptions, WorkflowOptionsValidator>(configuration, WorkflowOptions.Section);
        services.AddSingleton<WorkflowTargets>();
        services.AddScoped<ExpectedCallTime>();
        services.AddScoped<FreeCallSlotsQuery>();
        return services;
    }
}
