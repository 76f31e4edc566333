using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.MyCalls;

/// <summary>One call on the clinician's list: only what the row shows (the call sheet has the rest).</summary>
public sealed record MyCall(
    int LeadId,
    string Reference,
    string PatientName,
    string Phone,
    TriageLevel Triage,
    bool NeedsClinicalReview,
    LeadStatus Status,
    BodyArea? BodyArea,
    string? SiteName,
    PreferredCallTimes PreferredTimes,
    int UnansweredAttempts,
    DateTime? ScheduledCallAtClinicTime,
    DateTime? AssignedAtClinicTime,
    bool Overdue,
    bool EmailBounced = false,
    DateTime? NextTryFromClinicTime = null,
    DateTime? NextTryByClinicTime = null);

/// <summary>The clinician's day, in the order they work it.</summary>
public sealed record MyCallsView(
    IReadOnlyList<MyCall> NeedsReview,
    IReadOnlyList<MyCall> Today,
    IReadOnlyList<MyCall> ToArrange,
    IReadOnlyList<MyCall> OverdueFromEarlier,
    IReadOnlyList<MyCall> ComingDays)
{
    public int Count => NeedsReview.Count + Today.Count + ToArrange.Count + OverdueFromEarlier.Count + ComingDays.Count;
}

/// <summary>
/// /my-calls: the open requests assigned to the signed-in clinician, plus every red-flagged
/// request nobody has reviewed yet (any clinician may take one): <see cref="LeadVisibility"/>
/// in the SQL, the rule <see cref="LeadPermissions"/> checks when one is opened.
/// </summary>
public sealed class MyCallsQuery(IDbContextFactory<LeadDbContext> dbFactory, CurrentStaff currentStaff, WorkflowTargets targets, ClinicClock clock)
{
    public async Task<MyCallsView?> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var who = await currentStaff.FindAsync(user, cancellationToken);
        if (who is null || !who.IsClinician)
        {
            return null;
        }

        var nowUtc = clock.UtcNow;
        var calendars = await targets.CalendarsAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.ClinicNow);
        var startOfToday = clock.ToUtc(today.ToDateTime(TimeOnly.MinValue));
        var startOfTomorrow = clock.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var me = who.StaffMemberId;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Leads.AsNoTracking()
            .Where(l => l.Status != LeadStatus.Closed)
            .Where(LeadVisibility.VisibleToClinician(me))
            .Select(LeadVisibility.WithNeedsClinicalReview((l, needsReview) => new { Lead = l, NeedsClinicalReview = needsReview }))
            // The bounced-email mark is a correlated lookup per row in the same SELECT (LeadEmailBounces).
            .WithEmailBounced(db.OutboundEmails, x => x.Lead, (x, bounced) => new
            {
                x.Lead.Id, x.Lead.Reference, x.Lead.FirstName, x.Lead.LastName, x.Lead.Phone, x.Lead.Triage, x.NeedsClinicalReview, x.Lead.Status, x.Lead.BodyArea,
                SiteName = x.Lead.PreferredSite == null ? null : x.Lead.PreferredSite.Name,
                x.Lead.PreferredCallTimes, x.Lead.UnansweredAttempts, x.Lead.ScheduledCallAt, x.Lead.AssignedAt, x.Lead.AssignedClinicianId, x.Lead.CreatedAt,
                x.Lead.StageStartedAt, x.Lead.PreferredSiteId, EmailBounced = bounced,
                x.Lead.NextAttemptFrom, x.Lead.NextAttemptBy,
            })
            .ToListAsync(cancellationToken);

        var calls = rows.Select(r => new
        {
            r.AssignedClinicianId,
            r.ScheduledCallAt,
            r.CreatedAt,
            // A call to try again: its window is the "when" that orders the day.
            When = r.ScheduledCallAt ?? r.NextAttemptFrom,
            Call = new MyCall(
                r.Id, r.Reference, $"{r.FirstName} {r.LastName}", r.Phone, r.Triage, r.NeedsClinicalReview, r.Status, r.BodyArea, r.SiteName, r.PreferredCallTimes, r.UnansweredAttempts,
                r.ScheduledCallAt is { } at ? clock.ToClinicTime(at) : null,
                r.AssignedAt is { } assigned ? clock.ToClinicTime(assigned) : null,
                Overdue: calendars.IsOverdue(r.Status, r.PreferredSiteId, r.StageStartedAt, r.ScheduledCallAt, nowUtc, r.NextAttemptBy),
                r.EmailBounced,
                NextTryFromClinicTime: r.Status == LeadStatus.Attempted && r.NextAttemptFrom is { } from ? clock.ToClinicTime(from) : null,
                NextTryByClinicTime: r.Status == LeadStatus.Attempted && r.NextAttemptBy is { } by ? clock.ToClinicTime(by) : null),
        }).ToList();

        var needsReview = calls.Where(c => c.Call.NeedsClinicalReview)
            .OrderByDescending(c => c.Call.Triage).ThenBy(c => c.CreatedAt).Select(c => c.Call).ToList();
        var mine = calls.Where(c => c.AssignedClinicianId == me && !c.Call.NeedsClinicalReview).ToList();
        return new MyCallsView(
            needsReview,
            Today: mine.Where(c => c.When >= startOfToday && c.When < startOfTomorrow)
                .OrderBy(c => c.When).Select(c => c.Call).ToList(),
            ToArrange: mine.Where(c => c.ScheduledCallAt is null && !(c.When >= startOfToday && c.When < startOfTomorrow))
                .OrderByDescending(c => c.Call.Overdue).ThenByDescending(c => c.Call.Triage).ThenBy(c => c.Call.AssignedAtClinicTime).Select(c => c.Call).ToList(),
            OverdueFromEarlier: mine.Where(c => c.ScheduledCallAt < startOfToday).OrderBy(c => c.ScheduledCallAt).Select(c => c.Call).ToList(),
            ComingDays: mine.Where(c => c.ScheduledCallAt >= startOfTomorrow).OrderBy(c => c.ScheduledCallAt).Select(c => c.Call).ToList());
    }
}
