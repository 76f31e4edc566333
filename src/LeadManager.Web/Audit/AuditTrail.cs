using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Web.Auth;

namespace LeadManager.Web.Audit;

/// <summary>One field's value before and after a change, as the audit page shows it.</summary>
public sealed record AuditChange(string Field, string? From, string? To);

/// <summary>
/// The one way to write the audit trail: entries are added to the caller's context, so they are
/// saved in the same transaction as the change they describe, or not at all. Values are text
/// as a person reads them ("Mon 09:00–17:00", "Riverside, Town Centre"); callers never pass a
/// password, a token or a patient's details.
/// </summary>
public sealed class AuditTrail(TimeProvider timeProvider)
{
    public const int MaxValueLength = 1000;

    /// <summary>Records <paramref name="action"/> on one subject, one row per changed field (one row when none changed).</summary>
    public void Record(LeadDbContext db, StaffIdentity? actor, string area, string subjectId, string subjectName, string action, IEnumerable<AuditChange>? changes = null)
    {
        var at = timeProvider.GetUtcNow().UtcDateTime;
        var real = (changes ?? []).Where(c => !string.Equals(c.From, c.To, StringComparison.Ordinal)).ToList();
        AuditEntry Entry(AuditChange? change) => new()
        {
            At = at,
            ActorStaffMemberId = actor?.StaffMemberId,
            ActorName = Cut(actor?.DisplayName ?? "LeadManager", 100),
            Area = area,
            SubjectId = Cut(subjectId, 50),
            SubjectName = Cut(subjectName, 200),
            Action = Cut(action, 100),
            Field = change is null ? null : Cut(change.Field, 100),
            From = change?.From is { } from ? Cut(from, MaxValueLength) : null,
            To = change?.To is { } to ? Cut(to, MaxValueLength) : null,
        };

        if (real.Count == 0)
        {
            db.AuditEntries.Add(Entry(null));
            return;
        }

        db.AuditEntries.AddRange(real.Select(Entry));
    }

    /// <summary>The fields that differ between two readings of the same thing, in the order given.</summary>
    public static IReadOnlyList<AuditChange> Changes(params (string Field, string? From, string? To)[] fields) =>
        fields.Where(f => !string.Equals(f.From, f.To, StringComparison.Ordinal))
            .Select(f => new AuditChange(f.Field, f.From, f.To))
            .ToList();

    private static string Cut(string value, int length) =>
        value.Length <= length ? value : value[..(length - 1)] + "…";
}
