using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadManager.Web.Operations;

/// <summary>
/// /health is Degraded (still 200, so a load balancer keeps the server) while the workflow is late:
/// the description, which the health check service logs as a warning, says how late.
/// </summary>
internal sealed class WorkflowHealthCheck(WorkflowLateness lateness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await lateness.MeasureAsync(cancellationToken) is { } late
            ? HealthCheckResult.Degraded(late.Description)
            : HealthCheckResult.Healthy();
}
