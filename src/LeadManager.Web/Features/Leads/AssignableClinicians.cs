using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Leads;

/// <summary>
/// Active clinicians with their sites, specialties and today's load. Someone on leave today is
/// not working today, so they are never suggested. Load today is the calls
/// scheduled for today plus the requests assigned to them still waiting for a first call time,
/// since those are expected to be called today as well.
/// </summary>
public sealed class AssignableClinicians(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock)
{
    public async Task<IReadOnlyList<ClinicianChoice>> ListAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.ClinicNow);
        var startUtc = clock.ToUtc(today.ToDateTime(TimeOnly.MinValue));
        var endUtc = clock.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clinicianUserIds = from userRole in db.UserRoles
                               join role in db.Roles on userRole.RoleId equals role.Id
                               where role.Name == StaffRoles.Clinician
                               select userRole.UserId;
        var clinicians = await db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive && clinicianUserIds.Contains(s.UserId))
            .Select(s => new
            {
                s.Id,
                s.DisplayName,
                Sites = s.Sites.OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).ToList(),
                s.Specialties,
                WorksToday = s.WorkingHours.Any(h => h.Day == today.DayOfWeek),
                OnLeaveToday = s.Leave.Any(l => l.FirstDay <= today && today <= l.LastDay),
                s.DailyCallCapacity,
            })
            .OrderBy(s => s.DisplayName)
            .ToListAsync(cancellationToken);
        var loads = await db.Leads.AsNoTracking()
            .Where(l => l.Status != LeadStatus.Closed && l.AssignedClinicianId != null
                && (l.ScheduledCallAt == null || (l.ScheduledCallAt >= startUtc && l.ScheduledCallAt < endUtc)))
            .GroupBy(l => l.AssignedClinicianId!.Value)
            .Select(g => new { ClinicianId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ClinicianId, x => x.Count, cancellationToken);
        return clinicians.Select(c => new ClinicianChoice(
            c.Id, c.DisplayName, c.Sites.Select(x => x.Name).ToList(), c.Specialties, c.WorksToday && !c.OnLeaveToday, loads.GetValueOrDefault(c.Id), c.DailyCallCapacity)
        {
            SiteIds = c.Sites.Select(x => x.Id).ToList(),
            OnLeaveToday = c.OnLeaveToday,
        }).ToList();
    }
}
