namespace LeadManager.Web.Features.Admin.Audit;

internal static class AuditPageSetup
{
    /// <summary>/admin/audit and its CSV (mapped in Program.cs with <see cref="AuditExportEndpoint.MapAuditExport"/>).</summary>
    public static IServiceCollection AddAuditPage(this IServiceCollection services) =>
        services.AddScoped<AuditLogQuery>();
}
