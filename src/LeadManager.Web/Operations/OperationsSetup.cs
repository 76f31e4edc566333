using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadManager.Web.Operations;

public static class OperationsSetup
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<WorkflowLateness>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            // When the database cannot be read the database check already says Unhealthy; this one only adds that the workflow may be late.
            .AddCheck<WorkflowHealthCheck>("workflow", failureStatus: HealthStatus.Degraded);
        return services;
    }
}
