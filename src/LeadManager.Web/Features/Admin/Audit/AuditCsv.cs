using System.Globalization;
using System.Text;
using LeadManager.Data.Staff;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Leads;

namespace LeadManager.Web.Features.Admin.Audit;

/// <summary>
/// The trail as CSV, with the list export's cells (<see cref="LeadCsv"/>): RFC 4180, and a cell a
/// spreadsheet would run as a formula (a name typed as "=HYPERLINK(...)") is prefixed with a quote.
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header = ["When (clinic time)", "Who", "Area", "Subject", "Subject id", "Action", "Field", "From", "To"];

    public static string Line(AuditRow row) => LeadCsv.Line([
        row.AtClinicTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        row.ActorName,
        row.Area,
        row.SubjectName,
        row.SubjectId,
        row.Action,
        row.Field,
        row.From,
        row.To,
    ]);
}

internal static class AuditExportEndpoint
{
    public const string Path = "/admin/audit/export.csv";

    /// <summary>GET /admin/audit/export.csv?same filters as the page: every matching line, streamed, for admins only.</summary>
    public static void MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext http, AuditLogQuery query, ClinicClock clock, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var filter = AuditFilter.FromQuery(http.Request.Query);
            // Who exported the trail with which filters; never its lines.
            loggers.CreateLogger("LeadManager.Web.Features.Admin.Audit.Export")
                .LogInformation("{User} exported the audit trail ({Filter})", http.User.Identity?.Name, filter.ToQuery());
            return Results.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
                await writer.WriteAsync(LeadCsv.Line(AuditCsv.Header));
                await foreach (var row in query.AllAsync(http.User, filter, cancellationToken))
                {
                    await writer.WriteAsync(AuditCsv.Line(row));
                }
            }, "text/csv; charset=utf-8", $"audit-trail-{clock.ClinicNow:yyyy-MM-dd}.csv");
        })
        .RequireAuthorization(policy => policy.RequireRole(StaffRoles.Admin));
}
