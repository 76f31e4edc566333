namespace LeadManager.Web.Audit;

internal static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddSingleton<AuditTrail>();
}
