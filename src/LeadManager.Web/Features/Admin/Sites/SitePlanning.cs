using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Admin.Sites;

/// <summary>
/// What every change to a site's calendar (hours, closures, region, active) does besides saving
/// it: the open requests timed in that calendar are planned again in the same unit of work, with
/// calendars built from the sites as they are about to be saved (the shared cache still holds the
/// old ones until the commit); after the commit, the clinic-setup change is published so caches
/// read again and open boards reload.
/// </summary>
internal static class SitePlanning
{
    /// <summary>The signed-in admin's staff record; null for anyone else (circuit actions skip HTTP authorization).</summary>
    public static async Task<StaffIdentity?> AdminAsync(CurrentStaff currentStaff, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(StaffRoles.Admin) ? await currentStaff.FindAsync(user, cancellationToken) : null;

    /// <summary>Every site with its hours and closures, tracked: the one being changed is among them.</summary>
    public static Task<List<Site>> SitesAsync(LeadDbContext db, CancellationToken cancellationToken) =>
        db.Sites.Include(s => s.OpeningHours).Include(s => s.Closures).AsSplitQuery().ToListAsync(cancellationToken);

    /// <summary>Open requests timed in the site's calendar: those that prefer it, and those with no site (timed in all active sites').</summary>
    public static Task<List<Lead>> TimedInAsync(LeadDbContext db, int siteId, CancellationToken cancellationToken) =>
        db.Leads.Include(l => l.PreferredSite)
            .Where(l => l.Status != LeadStatus.Closed && (l.PreferredSiteId == siteId || l.PreferredSiteId == null))
            .ToListAsync(cancellationToken);

    /// <summary>Plans <paramref name="leads"/> again over <paramref name="sites"/> as changed (not saved yet), adding and voiding steps in <paramref name="db"/>.</summary>
    public static async Task ReplanAsync(
        LeadDbContext db, IReadOnlyCollection<Site> sites, IReadOnlyCollection<Lead> leads, TimeZoneInfo zone,
        IOptionsMonitor<WorkflowOptions> options, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (leads.Count == 0)
        {
            return;
        }

        // As WorkflowTargets builds them, from the tracked sites: inactive sites keep their own calendar, "any site" is the active ones.
        var calendars = new WorkflowTargets.Calendars(
            sites.ToDictionary(s => s.Id, s => BusinessHours.ForSite(s, zone)),
            BusinessHours.Combined(sites.Where(s => s.IsActive).ToList(), zone),
            options);
        var ids = leads.Select(l => l.Id).ToList();
        var steps = (await db.FollowUps.Where(f => f.LeadId != null && ids.Contains(f.LeadId.Value)).ToListAsync(cancellationToken))
            .ToLookup(f => f.LeadId!.Value);
        foreach (var lead in leads)
        {
            db.FollowUps.AddRange(FollowUpPlanner.Reconcile(lead, steps[lead.Id].ToList(), calendars, nowUtc));
        }
    }

    /// <summary>After the commit: caches read the sites again and open pages reload; each moved request's own page hears of it too.</summary>
    public static async Task PublishAsync(ILeadChangeNotifier notifier, IEnumerable<Lead> moved)
    {
        await notifier.PublishAsync(LeadChange.ClinicSetup, CancellationToken.None);
        foreach (var lead in moved)
        {
            await notifier.PublishAsync(new LeadChange(lead.Id, lead.Reference, LeadEventKind.SiteChanged, lead.Version), CancellationToken.None);
        }
    }
}
