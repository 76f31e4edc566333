using System.Globalization;
using System.Security.Claims;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.Web.Audit;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Admin.Sites;

/// <summary>
/// A site's closures: days it is shut beyond its region's bank holidays. Adding or removing one
/// raises the site's version (two admins cannot overwrite each other), is audited, plans the
/// requests timed in the site's calendar again and is published, so timers, free slots and the
/// expected call time respect it at once. A closure overlapping another is refused, not merged:
/// the admin sees the one already there and decides.
/// </summary>
public sealed class SiteClosures(
    IDbContextFactory<LeadDbContext> dbFactory,
    CurrentStaff currentStaff,
    ClinicClock clock,
    WriteGate writeGate,
    ILeadChangeNotifier notifier,
    AuditTrail auditTrail,
    IBackgroundJobClient jobs,
    IOptionsMonitor<WorkflowOptions> workflow,
    ILogger<SiteClosures> logger)
{
    /// <summary>The site's closures from today on; null when the site no longer exists.</summary>
    public async Task<SiteClosuresView?> LoadAsync(ClaimsPrincipal user, int siteId, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        var today = DateOnly.FromDateTime(clock.ClinicNow);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking()
            .Where(s => s.Id == siteId)
            .Select(s => new { s.Id, s.Name, s.Version })
            .SingleOrDefaultAsync(cancellationToken);
        if (site is null)
        {
            return null;
        }

        var closures = await db.Sites.Where(s => s.Id == siteId).SelectMany(s => s.Closures)
            .Where(c => c.LastDay >= today)
            .OrderBy(c => c.FirstDay)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return new SiteClosuresView(site.Id, site.Name, site.Version,
            closures.Select(c => new ClosureRow(c.Id, c.FirstDay, c.LastDay, c.Reason, SiteRules.Days(c.FirstDay, c.LastDay))).ToList());
    }

    public async Task<SiteSaveResult> AddAsync(ClaimsPrincipal user, int siteId, int seenVersion, ClosureForm form, CancellationToken cancellationToken = default) =>
        await SitePlanning.AdminAsync(currentStaff, user, cancellationToken) is { } admin
            ? await AddAsync(admin, siteId, seenVersion, form, cancellationToken)
            : SiteSaveResult.Forbidden();

    /// <summary>Adds a closure, audited as <paramref name="by"/> (null: LeadManager itself, for the demo seeder).</summary>
    internal async Task<SiteSaveResult> AddAsync(StaffIdentity? by, int siteId, int seenVersion, ClosureForm form, CancellationToken cancellationToken = default)
    {
        var errors = SiteRules.Check(form, DateOnly.FromDateTime(clock.ClinicNow), out var clean);
        return await ChangeAsync(by, siteId, seenVersion, errors, (_, site) =>
        {
            var overlap = site.Closures.Where(c => c.FirstDay <= clean!.LastDay && clean.FirstDay <= c.LastDay).MinBy(c => c.FirstDay);
            if (overlap is not null)
            {
                return (null, [new(nameof(ClosureForm.FirstDay), $"It overlaps the closure already on {SiteRules.Closure(overlap.FirstDay, overlap.LastDay, overlap.Reason)}. Remove that one first, or choose other days.")]);
            }

            site.Closures.Add(new SiteClosure { FirstDay = clean!.FirstDay, LastDay = clean.LastDay, Reason = clean.Reason });
            return (("Closure added", new AuditChange("Closure", null, SiteRules.Closure(clean.FirstDay, clean.LastDay, clean.Reason))), []);
        }, cancellationToken);
    }

    public async Task<SiteSaveResult> RemoveAsync(ClaimsPrincipal user, int siteId, int seenVersion, int closureId, CancellationToken cancellationToken = default)
    {
        if (await SitePlanning.AdminAsync(currentStaff, user, cancellationToken) is not { } admin)
        {
            return SiteSaveResult.Forbidden();
        }

        return await ChangeAsync(admin, siteId, seenVersion, [], (db, site) =>
        {
            var closure = site.Closures.SingleOrDefault(c => c.Id == closureId);
            if (closure is null)
            {
                return (null, [new("Closure", "That closure is no longer there.")]);
            }

            site.Closures.Remove(closure);
            db.Remove(closure);
            return (("Closure removed", new AuditChange("Closure", SiteRules.Closure(closure.FirstDay, closure.LastDay, closure.Reason), null)), []);
        }, cancellationToken);
    }

    // Both changes: check the version, change the site, audit, plan its requests again, save, publish.
    private async Task<SiteSaveResult> ChangeAsync(
        StaffIdentity? by, int siteId, int seenVersion, IReadOnlyList<SiteFieldError> errors,
        Func<LeadDbContext, Site, ((string Action, AuditChange Change)? Done, IReadOnlyList<SiteFieldError> Errors)> change,
        CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sites = await SitePlanning.SitesAsync(db, cancellationToken);
        var site = sites.SingleOrDefault(s => s.Id == siteId);
        if (site is null)
        {
            return SiteSaveResult.NotFound();
        }

        if (site.Version != seenVersion)
        {
            return SiteSaveResult.Conflict(site.Version);
        }

        if (errors.Count > 0)
        {
            return SiteSaveResult.Invalid(errors);
        }

        var (done, refused) = change(db, site);
        if (done is not { } made)
        {
            return SiteSaveResult.Invalid(refused);
        }

        db.Entry(site).Property(s => s.Version).OriginalValue = seenVersion;
        site.Version = seenVersion + 1;
        auditTrail.Record(db, by, AuditAreas.Site, site.Id.ToString(CultureInfo.InvariantCulture), site.Name, made.Action, [made.Change]);
        var now = clock.UtcNow;
        var timed = await SitePlanning.TimedInAsync(db, siteId, cancellationToken);
        await SitePlanning.ReplanAsync(db, sites, timed, clock.TimeZone, workflow, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The version moved under us (DbUpdateConcurrencyException), or another admin's closure
            // starting the same day got in first: either way someone else changed the site.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return SiteSaveResult.Conflict(await fresh.Sites.Where(s => s.Id == siteId).Select(s => (int?)s.Version).SingleOrDefaultAsync(cancellationToken));
        }

        jobs.EnqueueDue(db.ChangeTracker.Entries<Data.Outbox.FollowUp>().Select(e => e.Entity), now);
        logger.LogInformation("{Action} at site {SiteId} by staff member {StaffMemberId}", made.Action, siteId, by?.StaffMemberId);
        await SitePlanning.PublishAsync(notifier, []);
        return new SiteSaveResult(SiteSaveStatus.Saved, [], SiteId: siteId, Version: site.Version);
    }
}
