using System.Globalization;
using System.Security.Claims;
using System.Text;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Scheduling;
using LeadManager.Web.Text;

namespace LeadManager.Web.Features.Leads;

public enum LeadListSort
{
    Newest,
    Oldest,
    LastRequested,
    PatientName,
    Status,
    Triage,
    Clinician,
    ScheduledCall,
}

/// <summary>What the list shows: the filters above the grid, also the export's query string.</summary>
public sealed record LeadListFilter
{
    public string? Search { get; init; }
    public LeadStatus? Status { get; init; }
    public TriageLevel? Triage { get; init; }
    public int? SiteId { get; init; }
    public int? ClinicianId { get; init; }
    public LeadChannel? Channel { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public bool OverdueOnly { get; init; }

    /// <summary>Only requests whose current wait has been escalated (<see cref="LeadEscalations"/>).</summary>
    public bool EscalatedOnly { get; init; }
    public LeadListSort Sort { get; init; } = LeadListSort.Newest;

    /// <summary>As a query string for the export link (and back again in <see cref="FromQuery"/>).</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                parts.Add($"{key}={Uri.EscapeDataString(text)}");
            }
        }

        Add("search", Search);
        Add("status", Status);
        Add("triage", Triage);
        Add("site", SiteId);
        Add("clinician", ClinicianId);
        Add("channel", Channel);
        Add("from", CreatedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", CreatedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("overdue", OverdueOnly ? "true" : null);
        Add("escalated", EscalatedOnly ? "true" : null);
        Add("sort", Sort == LeadListSort.Newest ? null : Sort);
        return string.Join('&', parts);
    }

    public static LeadListFilter FromQuery(IQueryCollection query)
    {
        static T? Enum<T>(string? value) where T : struct, System.Enum => System.Enum.TryParse<T>(value, true, out var parsed) ? parsed : null;
        static int? Int(string? value) => int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        static DateOnly? Date(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        return new LeadListFilter
        {
            Search = query["search"],
            Status = Enum<LeadStatus>(query["status"]),
            Triage = Enum<TriageLevel>(query["triage"]),
            SiteId = Int(query["site"]),
            ClinicianId = Int(query["clinician"]),
            Channel = Enum<LeadChannel>(query["channel"]),
            CreatedFrom = Date(query["from"]),
            CreatedTo = Date(query["to"]),
            OverdueOnly = query["overdue"] == "true",
            EscalatedOnly = query["escalated"] == "true",
            Sort = Enum<LeadListSort>(query["sort"]) ?? LeadListSort.Newest,
        };
    }
}

/// <summary>One row of the list (and of the export): no health details.</summary>
public sealed record LeadListRow(
    int Id,
    string Reference,
    DateTime CreatedAtUtc,
    DateTime LastRequestedAtUtc,
    LeadStatus Status,
    CloseReason? CloseReason,
    TriageLevel Triage,
    string FirstName,
    string LastName,
    string Phone,
    string Email,
    string? SiteName,
    string? ClinicianName,
    LeadChannel Channel,
    DateTime? ScheduledCallAtUtc,
    int UnansweredAttempts,
    EscalationMark? Escalation = null,
    bool EmailBounced = false)
{
    public string PatientName => $"{FirstName} {LastName}";
}

public sealed record LeadListPage(IReadOnlyList<LeadListRow> Rows, int Total);

/// <summary>
/// The searchable list of requests: filters, search and sorting run in SQL with paging;
/// clinicians get only what they may open (their own, and red flags nobody has reviewed).
/// Closed requests are hidden unless the status filter asks for Closed or a search is typed
/// (someone looking a patient up wants to find them whatever happened).
/// </summary>
public sealed class LeadListQuery(IDbContextFactory<LeadDbContext> dbFactory, CurrentStaff currentStaff, WorkflowTargets targets, ClinicClock clock)
{
    public const int MaxExportRows = 10_000;

    public async Task<LeadListPage?> PageAsync(ClaimsPrincipal user, LeadListFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var who = await currentStaff.FindAsync(user, cancellationToken);
        if (who is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await FilterAsync(db, who, filter, cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(db, Sort(query, filter.Sort).Skip(skip).Take(Math.Clamp(take, 1, 200))).ToListAsync(cancellationToken);
        return new LeadListPage(rows, total);
    }

    /// <summary>Every row of the current view (up to <see cref="MaxExportRows"/>), for the CSV export.</summary>
    public async Task<IReadOnlyList<LeadListRow>?> AllAsync(ClaimsPrincipal user, LeadListFilter filter, CancellationToken cancellationToken = default)
    {
        var who = await currentStaff.FindAsync(user, cancellationToken);
        if (who is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await FilterAsync(db, who, filter, cancellationToken);
        return await Project(db, Sort(query, filter.Sort).Take(MaxExportRows)).ToListAsync(cancellationToken);
    }

    private async Task<IQueryable<Lead>> FilterAsync(LeadDbContext db, StaffIdentity who, LeadListFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Leads.AsNoTracking().Where(LeadVisibility.VisibleTo(who.StaffMemberId, who.IsFrontDesk, who.IsClinician));
        var search = filter.Search?.Trim();
        if (filter.Status is { } status)
        {
            query = query.Where(l => l.Status == status);
        }
        else if (string.IsNullOrEmpty(search))
        {
            query = query.Where(l => l.Status != LeadStatus.Closed);
        }

        if (filter.Triage is { } triage)
        {
            query = query.Where(l => l.Triage == triage);
        }

        if (filter.SiteId is { } siteId)
        {
            query = query.Where(l => l.PreferredSiteId == siteId);
        }

        if (filter.ClinicianId is { } clinicianId)
        {
            query = query.Where(l => l.AssignedClinicianId == clinicianId);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(l => l.Channel == channel);
        }

        if (filter.CreatedFrom is { } from)
        {
            var fromUtc = clock.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(l => l.CreatedAt >= fromUtc);
        }

        if (filter.CreatedTo is { } to)
        {
            var toUtc = clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(l => l.CreatedAt < toUtc);
        }

        if (!string.IsNullOrEmpty(search))
        {
            query = Search(query, search);
        }

        if (filter.EscalatedOnly)
        {
            query = query.Where(LeadEscalations.IsEscalated(db.FollowUps));
        }

        if (filter.OverdueOnly)
        {
            var overdue = await targets.OverdueLeadIdsAsync(query, cancellationToken);
            query = query.Where(l => overdue.Contains(l.Id));
        }

        return query;
    }

    private static IQueryable<Lead> Search(IQueryable<Lead> query, string search)
    {
        if (LeadReference.Normalise(search) is { } reference)
        {
            return query.Where(l => l.Reference == reference);
        }

        if (search.Contains('@', StringComparison.Ordinal))
        {
            var email = search.ToLowerInvariant();
            return query.Where(l => l.Email.ToLower().Contains(email));
        }

        // A typed number ("07911 123456", "+44 7911 123456") is matched as stored, in E.164; anything else is not a phone.
        if (TextCleaning.NormalisePhone(search, out _) is { } phone)
        {
            return query.Where(l => l.Phone == phone);
        }

        var pattern = $"%{EscapeLike(search)}%";
        return query.Where(l => EF.Functions.Like(l.FirstName + " " + l.LastName, pattern, "\\") || EF.Functions.Like(l.LastName, pattern, "\\"));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static IQueryable<Lead> Sort(IQueryable<Lead> query, LeadListSort sort) => sort switch
    {
        LeadListSort.Oldest => query.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id),
        LeadListSort.LastRequested => query.OrderByDescending(l => l.LastRequestedAt).ThenByDescending(l => l.Id),
        LeadListSort.PatientName => query.OrderBy(l => l.LastName).ThenBy(l => l.FirstName).ThenBy(l => l.Id),
        LeadListSort.Status => query.OrderBy(l => l.Status).ThenByDescending(l => l.CreatedAt),
        LeadListSort.Triage => query.OrderByDescending(l => l.Triage).ThenByDescending(l => l.CreatedAt),
        LeadListSort.Clinician => query.OrderBy(l => l.AssignedClinician == null ? "" : l.AssignedClinician.DisplayName).ThenByDescending(l => l.CreatedAt),
        LeadListSort.ScheduledCall => query.OrderBy(l => l.ScheduledCallAt == null).ThenBy(l => l.ScheduledCallAt).ThenBy(l => l.Id),
        _ => query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id),
    };

    // The escalation and bounced-email marks are correlated lookups per row in the same SELECT
    // (LeadEscalations, LeadEmailBounces), made only for the page's rows.
    private static IQueryable<LeadListRow> Project(LeadDbContext db, IQueryable<Lead> query) => query
        .WithEmailBounced(db.OutboundEmails, l => l, (l, bounced) => new { Lead = l, EmailBounced = bounced })
        .WithEscalation(db.FollowUps, x => x.Lead, (x, escalation) => new LeadListRow(
            x.Lead.Id, x.Lead.Reference, x.Lead.CreatedAt, x.Lead.LastRequestedAt, x.Lead.Status, x.Lead.CloseReason, x.Lead.Triage,
            x.Lead.FirstName, x.Lead.LastName, x.Lead.Phone, x.Lead.Email,
            x.Lead.PreferredSite == null ? null : x.Lead.PreferredSite.Name,
            x.Lead.AssignedClinician == null ? null : x.Lead.AssignedClinician.DisplayName,
            x.Lead.Channel, x.Lead.ScheduledCallAt, x.Lead.UnansweredAttempts, escalation, x.EmailBounced));
}

/// <summary>
/// RFC 4180 CSV, safe to open in a spreadsheet: a cell starting with =, +, -, @, tab or carriage
/// return is prefixed with a single quote so it is shown as text, never run as a formula.
/// </summary>
public static class LeadCsv
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && FormulaStarts.Contains(text[0]))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Write(IEnumerable<LeadListRow> rows, Func<DateTime, DateTime> toClinicTime)
    {
        var csv = new StringBuilder();
        csv.Append(Line(["Reference", "Received", "Status", "Close reason", "Triage", "First name", "Last name", "Phone", "Email", "Site", "Clinician", "Came in by", "Call time", "Unanswered calls"]));
        foreach (var row in rows)
        {
            csv.Append(Line([
                row.Reference,
                toClinicTime(row.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                row.Status.ToString(),
                row.CloseReason?.ToString(),
                row.Triage.ToString(),
                row.FirstName,
                row.LastName,
                LeadLabels.Phone(row.Phone),
                row.Email,
                row.SiteName,
                row.ClinicianName,
                row.Channel.ToString(),
                row.ScheduledCallAtUtc is { } at ? toClinicTime(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
                row.UnansweredAttempts.ToString(CultureInfo.InvariantCulture),
            ]));
        }

        return csv.ToString();
    }
}

internal static class LeadExportEndpoint
{
    /// <summary>GET /leads/export.csv?same filters as the list: the current view as CSV (no health details).</summary>
    public static void MapLeadExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/leads/export.csv", async (HttpContext http, LeadListQuery query, ClinicClock clock, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var filter = LeadListFilter.FromQuery(http.Request.Query);
            var rows = await query.AllAsync(http.User, filter, cancellationToken);
            if (rows is null)
            {
                return Results.Forbid();
            }

            // Who exported how many rows with which filters; never the rows themselves, nor the
            // search words (a patient's name, email or phone), only whether there were any.
            loggers.CreateLogger("LeadManager.Web.Features.Leads.Export")
                .LogInformation("{User} exported {Count} requests ({Filter}, searched: {Searched})",
                    http.User.Identity?.Name, rows.Count, (filter with { Search = null }).ToQuery(), !string.IsNullOrWhiteSpace(filter.Search));
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(LeadCsv.Write(rows, clock.ToClinicTime))).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", $"requests-{clock.ClinicNow:yyyy-MM-dd}.csv");
        })
        .RequireAuthorization(policy => policy.RequireRole(Data.Staff.StaffRoles.All));
}
