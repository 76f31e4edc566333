using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Scheduling;

/// <summary>
/// Loads what <see cref="FreeCallSlots"/> needs from the database: the clinician's working hours,
/// their sites with hours and closures, and the call times already agreed on their open leads.
/// No patient details are read or returned.
/// </summary>
public sealed class FreeCallSlotsQuery(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock)
{
    /// <summary>
    /// Free slots to agree a call on a lead: with <paramref name="clinicianId"/> if given, otherwise with the
    /// clinician assigned to it; the lead's preferred site and call times shape the list. Empty when the
    /// lead does not exist, nobody is assigned or given, or the clinician is inactive.
    /// </summary>
    public async Task<IReadOnlyList<FreeCallSlot>> ForLeadAsync(
        ClaimsPrincipal user, int leadId, int? clinicianId = null, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.AnyStaff);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.AsNoTracking()
            .Where(l => l.Id == leadId)
            .Select(l => new { l.AssignedClinicianId, l.PreferredSiteId, l.PreferredCallTimes })
            .SingleOrDefaultAsync(cancellationToken);
        if (lead is null || (clinicianId ?? lead.AssignedClinicianId) is not { } whoCalls)
        {
            return [];
        }

        return await FindAsync(db, whoCalls, lead.PreferredSiteId, lead.PreferredCallTimes, cancellationToken);
    }

    /// <summary>A clinician's free slots with no lead in mind: any of their sites, any time of day.</summary>
    public async Task<IReadOnlyList<FreeCallSlot>> ForClinicianAsync(
        ClaimsPrincipal user, int clinicianId, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.AnyStaff);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindAsync(db, clinicianId, null, PreferredCallTimes.None, cancellationToken);
    }

    private async Task<IReadOnlyList<FreeCallSlot>> FindAsync(
        LeadDbContext db, int clinicianId, int? preferredSiteId, PreferredCallTimes preferredTimes, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.ClinicNow);
        var clinician = await db.StaffMembers.AsNoTracking()
            .Include(s => s.WorkingHours)
            .Include(s => s.Leave.Where(l => l.LastDay >= today))
            .Include(s => s.Sites).ThenInclude(site => site.OpeningHours)
            .Include(s => s.Sites).ThenInclude(site => site.Closures)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == clinicianId && s.IsActive, cancellationToken);
        if (clinician is null)
        {
            return [];
        }

        var nowUtc = clock.UtcNow;
        // Only calls that could overlap a slot in the window matter: one starting a call length
        // before now still blocks the next slot; a day's margin past the end covers clock changes.
        var fromUtc = nowUtc.AddMinutes(-clinician.CallLengthMinutes);
        var toUtc = nowUtc.AddDays(FreeCallSlots.DefaultDays + 1);
        var calls = await db.Leads.AsNoTracking()
            .Where(l => l.AssignedClinicianId == clinicianId && l.Status != LeadStatus.Closed
                && l.ScheduledCallAt != null && l.ScheduledCallAt >= fromUtc && l.ScheduledCallAt < toUtc)
            .Select(l => l.ScheduledCallAt!.Value)
            .ToListAsync(cancellationToken);

        return FreeCallSlots.Find(clinician, preferredSiteId, preferredTimes, calls, nowUtc, clock.TimeZone);
    }
}
