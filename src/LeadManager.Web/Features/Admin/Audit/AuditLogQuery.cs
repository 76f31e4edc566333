using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Admin.Audit;

/// <summary>What /admin/audit shows: the filters above the grid, also the CSV's query string.</summary>
public sealed record AuditFilter
{
    /// <summary>The <see cref="ActorId"/> of changes LeadManager made itself (start-up, a job): no staff member's id is 0.</summary>
    public const int LeadManagerItself = 0;

    /// <summary>First clinic day shown, inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last clinic day shown, inclusive.</summary>
    public DateOnly? To { get; init; }

    /// <summary>One of <see cref="AuditAreas"/>.</summary>
    public string? Area { get; init; }

    /// <summary>Who made the change: a staff member's id, or <see cref="LeadManagerItself"/>.</summary>
    public int? ActorId { get; init; }

    /// <summary>Text in the changed thing's name (a person's, a site's).</summary>
    public string? Subject { get; init; }

    /// <summary>What was done, exactly as the trail says it ("Invited", "Test email sent").</summary>
    public string? Action { get; init; }

    public string ToQuery()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("area", Area);
        Add("who", ActorId?.ToString(CultureInfo.InvariantCulture));
        Add("subject", Subject?.Trim());
        Add("action", Action);
        return string.Join('&', parts);
    }

    public static AuditFilter FromQuery(IQueryCollection query)
    {
        static DateOnly? Date(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
        return new AuditFilter
        {
            From = Date(query["from"]),
            To = Date(query["to"]),
            Area = Text(query["area"]),
            ActorId = int.TryParse(query["who"], NumberStyles.None, CultureInfo.InvariantCulture, out var who) ? who : null,
            Subject = Text(query["subject"]),
            Action = Text(query["action"]),
        };
    }
}

/// <summary>One line of the trail, its time in clinic time.</summary>
public sealed record AuditRow(
    long Id,
    DateTime AtClinicTime,
    string ActorName,
    string Area,
    string SubjectId,
    string SubjectName,
    string Action,
    string? Field,
    string? From,
    string? To);

public sealed record AuditLogPage(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>Someone the trail names as having made changes, for the "who" filter.</summary>
public sealed record AuditActor(int Id, string Name);

/// <summary>
/// The audit trail (<see cref="AuditEntry"/>, written only by <see cref="LeadManager.Web.Audit.AuditTrail"/>),
/// newest first, filtered and paged in SQL, for admins only. What it holds is what the writer was
/// given: names, roles, hours, never a password, a token or a health detail.
/// </summary>
public sealed class AuditLogQuery(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock)
{
    public async Task<AuditLogPage> PageAsync(ClaimsPrincipal user, AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.AuditEntries.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var entries = await Newest(query).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return new AuditLogPage(entries.Select(Row).ToList(), total);
    }

    /// <summary>Every line the filter matches, newest first, read as it is written out (the CSV streams; nothing is capped).</summary>
    public async IAsyncEnumerable<AuditRow> AllAsync(ClaimsPrincipal user, AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in Newest(Filter(db.AuditEntries.AsNoTracking(), filter)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return Row(entry);
        }
    }

    /// <summary>The people the trail names (by their name now), and whether LeadManager itself made any change.</summary>
    public async Task<IReadOnlyList<AuditActor>> ActorsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = db.AuditEntries.Where(e => e.ActorStaffMemberId != null).Select(e => e.ActorStaffMemberId!.Value).Distinct();
        var people = await db.StaffMembers.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.DisplayName)
            .Select(s => new AuditActor(s.Id, s.DisplayName))
            .ToListAsync(cancellationToken);
        if (await db.AuditEntries.AnyAsync(e => e.ActorStaffMemberId == null, cancellationToken))
        {
            people.Add(new AuditActor(AuditFilter.LeadManagerItself, "LeadManager itself"));
        }

        return people;
    }

    /// <summary>Every action the trail holds, for the "action" filter: the writers name them, so the list grows with them.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    private IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> query, AuditFilter filter)
    {
        if (filter.From is { } from)
        {
            var fromUtc = clock.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.At >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.At < toUtc);
        }

        if (filter.Area is { } area)
        {
            query = query.Where(e => e.Area == area);
        }

        if (filter.ActorId == AuditFilter.LeadManagerItself)
        {
            query = query.Where(e => e.ActorStaffMemberId == null);
        }
        else if (filter.ActorId is { } actorId)
        {
            query = query.Where(e => e.ActorStaffMemberId == actorId);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (filter.Subject?.Trim() is { Length: > 0 } subject)
        {
            var pattern = $"%{EscapeLike(subject)}%";
            query = query.Where(e => EF.Functions.Like(e.SubjectName, pattern, "\\"));
        }

        return query;
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> query) =>
        query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    private AuditRow Row(AuditEntry e) =>
        new(e.Id, clock.ToClinicTime(e.At), e.ActorName, e.Area, e.SubjectId, e.SubjectName, e.Action, e.Field, e.From, e.To);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
