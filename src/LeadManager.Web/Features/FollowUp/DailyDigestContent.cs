using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Email.Messages.DailyDigest;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// What a clinician's digest lists, read when it is sent: the calls agreed for the day (with
/// their clinic times), their requests waiting for a call to be arranged, their overdue ones
/// (the workflow's one target rule), and how many clinical reviews are waiting that they may open
/// (<see cref="LeadVisibility"/>). References only; the query reads no names and no health details.
/// </summary>
public sealed class DailyDigestContent(WorkflowTargets targets, ClinicClock clock, StaffLinks links)
{
    public async Task<DailyDigestEmail> ForAsync(LeadDbContext db, int clinicianId, string clinicianName, DateOnly day, bool toReceptionInstead, CancellationToken cancellationToken)
    {
        var calendars = await targets.CalendarsAsync(cancellationToken);
        var nowUtc = clock.UtcNow;
        var dayStarts = clock.ToUtc(day.ToDateTime(TimeOnly.MinValue));
        var dayEnds = clock.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));

        var theirs = await db.Leads.AsNoTracking()
            .Where(l => l.AssignedClinicianId == clinicianId && l.Status != LeadStatus.Closed)
            .Select(l => new { l.Reference, l.Status, l.PreferredSiteId, l.StageStartedAt, l.ScheduledCallAt, l.NextAttemptBy })
            .ToListAsync(cancellationToken);
        var reviewsWaiting = await db.Leads.AsNoTracking()
            .Where(l => l.Status != LeadStatus.Closed)
            .Where(LeadVisibility.NeedsClinicalReview)
            .Where(LeadVisibility.VisibleToClinician(clinicianId))
            .CountAsync(cancellationToken);

        var rows = theirs.Select(l => new
        {
            l.Reference,
            l.ScheduledCallAt,
            Today = l.ScheduledCallAt >= dayStarts && l.ScheduledCallAt < dayEnds,
            Overdue = calendars.IsOverdue(l.Status, l.PreferredSiteId, l.StageStartedAt, l.ScheduledCallAt, nowUtc, l.NextAttemptBy),
            DueUtc = calendars.TargetFor(l.Status, l.PreferredSiteId, l.StageStartedAt, l.ScheduledCallAt, l.NextAttemptBy)?.DueUtc,
        }).ToList();

        var callsToday = rows.Where(r => r.Today)
            .OrderBy(r => r.ScheduledCallAt)
            .Select(r => new DigestItem(r.Reference, links.Lead(r.Reference), ClinicTimeText.Time(clock.ToClinicTime(r.ScheduledCallAt!.Value))))
            .ToList();
        var overdue = rows.Where(r => r.Overdue && !r.Today)
            .OrderBy(r => r.DueUtc)
            .Select(r => new DigestItem(r.Reference, links.Lead(r.Reference), r.ScheduledCallAt is { } at
                ? $"call agreed for {ClinicTimeText.When(clock.ToClinicTime(at))} not recorded"
                : $"late since {ClinicTimeText.When(clock.ToClinicTime(r.DueUtc!.Value))}"))
            .ToList();
        var toArrange = rows.Where(r => r.ScheduledCallAt is null && !r.Overdue)
            .OrderBy(r => r.DueUtc)
            .Select(r => new DigestItem(r.Reference, links.Lead(r.Reference), r.DueUtc is { } due
                ? $"a call is due by {ClinicTimeText.When(clock.ToClinicTime(due))}"
                : "to arrange"))
            .ToList();

        return new DailyDigestEmail(clinicianName, day, callsToday, toArrange, overdue, reviewsWaiting, links.MyCalls, toReceptionInstead);
    }
}
