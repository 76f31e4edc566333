using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Board;

/// <summary>One open request as a board card shows it: nothing more is read.</summary>
public sealed record BoardCardData(
    int LeadId,
    string Reference,
    int Version,
    string PatientName,
    BodyArea? BodyArea,
    int? SiteId,
    string? SiteName,
    PreferredCallTimes PreferredTimes,
    int UnansweredAttempts,
    DateTime? ScheduledCallAtUtc,
    TriageLevel Triage,
    bool NeedsReview,
    LeadStatus Status,
    int? ClinicianId,
    DateTime CreatedAtUtc,
    DateTime LastRequestedAtUtc,
    DateTime StageStartedAtUtc,
    EscalationMark? Escalation = null,
    bool EmailBounced = false,
    DateTime? NextAttemptByUtc = null,
    bool CallInClinicianLeave = false)
{
    public bool AskedAgain => LastRequestedAtUtc > CreatedAtUtc;

    /// <summary>Red flags first in every column, then repeat requests, then by what is due soonest.</summary>
    public int SortGroup => Triage switch
    {
        TriageLevel.Emergency => 0,
        TriageLevel.ReviewFirst => 1,
        _ => AskedAgain ? 2 : 3,
    };
}

public sealed record BoardData(IReadOnlyList<BoardCardData> Cards, IReadOnlyList<ClinicianChoice> Columns, IReadOnlyDictionary<LeadStatus, int> CountsByStatus);

public sealed record PipelineData(IReadOnlyDictionary<LeadStatus, int> Open, IReadOnlyDictionary<CloseReason, int> ClosedThisWeek, DateOnly WeekStarts);

/// <summary>
/// The reception board's reads: the open requests as cards (one query, only the columns a
/// card shows), the clinicians as columns, and the pipeline counts. Front desk only.
/// </summary>
public sealed class BoardQuery(IDbContextFactory<LeadDbContext> dbFactory, AssignableClinicians clinicianChoices, ClinicClock clock)
{
    public async Task<BoardData> LoadAsync(ClaimsPrincipal user, int? siteId, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.FrontDesk);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var leads = db.Leads.AsNoTracking().Where(l => l.Status != LeadStatus.Closed);
        if (siteId is not null)
        {
            // Requests with no preferred site can go to any site, so they show under every filter.
            leads = leads.Where(l => l.PreferredSiteId == siteId || l.PreferredSiteId == null);
        }

        // Still one command: the escalation and bounced-email marks are correlated lookups per card
        // in the same SELECT (LeadEscalations, LeadEmailBounces).
        var cards = await leads
            .Select(LeadVisibility.WithNeedsClinicalReview((l, needsReview) => new { Lead = l, NeedsReview = needsReview }))
            .WithEmailBounced(db.OutboundEmails, x => x.Lead, (x, bounced) => new { x.Lead, x.NeedsReview, EmailBounced = bounced })
            .WithEscalation(db.FollowUps, x => x.Lead, (x, escalation) => new BoardCardData(
                x.Lead.Id, x.Lead.Reference, x.Lead.Version, x.Lead.FirstName + " " + x.Lead.LastName, x.Lead.BodyArea, x.Lead.PreferredSiteId,
                x.Lead.PreferredSite == null ? null : x.Lead.PreferredSite.Name, x.Lead.PreferredCallTimes, x.Lead.UnansweredAttempts,
                x.Lead.ScheduledCallAt, x.Lead.Triage, x.NeedsReview,
                x.Lead.Status, x.Lead.AssignedClinicianId, x.Lead.CreatedAt, x.Lead.LastRequestedAt, x.Lead.StageStartedAt, escalation, x.EmailBounced, x.Lead.NextAttemptBy))
            .ToListAsync(cancellationToken);
        cards = await MarkCallsInLeaveAsync(db, cards, cancellationToken);

        // A clinician's column: who, where, and today's load against capacity.
        var columns = (await clinicianChoices.ListAsync(cancellationToken))
            .Where(c => siteId is null || c.SiteIds.Contains(siteId.Value) || cards.Any(card => card.ClinicianId == c.Id))
            .OrderByDescending(c => c.WorkingToday)
            .ThenBy(c => c.Name)
            .ToList();
        var counts = cards.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
        return new BoardData(cards, columns, counts);
    }

    /// <summary>
    /// A call agreed on a day its clinician is now on leave needs a new clinician: the card says so.
    /// Leave is a handful of rows, so it is read once and matched in memory.
    /// </summary>
    private async Task<List<BoardCardData>> MarkCallsInLeaveAsync(LeadDbContext db, List<BoardCardData> cards, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.ClinicNow);
        var leave = await db.StaffLeave.AsNoTracking().Where(l => l.LastDay >= today).ToListAsync(cancellationToken);
        if (leave.Count == 0)
        {
            return cards;
        }

        for (var i = 0; i < cards.Count; i++)
        {
            if (cards[i] is { ScheduledCallAtUtc: { } callAt, ClinicianId: { } clinicianId } card)
            {
                var callDay = DateOnly.FromDateTime(clock.ToClinicTime(callAt));
                if (leave.Any(l => l.StaffMemberId == clinicianId && l.Covers(callDay)))
                {
                    cards[i] = card with { CallInClinicianLeave = true };
                }
            }
        }

        return cards;
    }

    public async Task<PipelineData> PipelineAsync(ClaimsPrincipal user, int? siteId, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.FrontDesk);
        var today = DateOnly.FromDateTime(clock.ClinicNow);
        var weekStarts = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var weekStartsUtc = clock.ToUtc(weekStarts.ToDateTime(TimeOnly.MinValue));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var leads = db.Leads.AsNoTracking();
        if (siteId is not null)
        {
            leads = leads.Where(l => l.PreferredSiteId == siteId || l.PreferredSiteId == null);
        }

        var open = await leads.Where(l => l.Status != LeadStatus.Closed)
            .GroupBy(l => l.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var closed = await leads.Where(l => l.Status == LeadStatus.Closed && l.ClosedAt >= weekStartsUtc && l.CloseReason != null)
            .GroupBy(l => l.CloseReason!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return new PipelineData(open, closed, weekStarts);
    }
}
