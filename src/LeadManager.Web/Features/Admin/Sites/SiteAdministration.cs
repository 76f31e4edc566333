using System.Globalization;
using System.Security.Claims;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.Web.Audit;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Admin.Sites;

/// <summary>
/// The sites page's handler: the list, a site as the edit dialog opens it, adding a site and
/// saving one. A save checks every field (nothing is saved when one is wrong), refuses a site
/// someone else changed meanwhile (<see cref="Site.Version"/>), audits each changed field, plans
/// the requests timed in a changed calendar again, and publishes the change so caches and open
/// boards take it at once. Deactivating a site that open requests prefer needs a decision on where
/// they go; they are moved in the same transaction (<see cref="Lead.MoveToSite"/>).
/// </summary>
public sealed class SiteAdministration(
    IDbContextFactory<LeadDbContext> dbFactory,
    CurrentStaff currentStaff,
    ClinicClock clock,
    WriteGate writeGate,
    ILeadChangeNotifier notifier,
    AuditTrail auditTrail,
    IBackgroundJobClient jobs,
    IOptionsMonitor<WorkflowOptions> workflow,
    ILogger<SiteAdministration> logger)
{
    public async Task<IReadOnlyList<SiteRow>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        var today = DateOnly.FromDateTime(clock.ClinicNow);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking()
            .Include(s => s.OpeningHours)
            .Include(s => s.Closures.Where(c => c.LastDay >= today).OrderBy(c => c.FirstDay))
            .AsSplitQuery()
            .OrderBy(s => s.Name)
            .ToListAsync(cancellationToken);
        var dutyIds = sites.Where(s => s.DutyClinicianId != null).Select(s => s.DutyClinicianId!.Value).Distinct().ToList();
        var duty = await db.StaffMembers.AsNoTracking()
            .Where(s => dutyIds.Contains(s.Id))
            .Select(s => new { s.Id, s.DisplayName, s.IsActive, SiteIds = s.Sites.Select(site => site.Id).ToList() })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var open = await db.Leads.AsNoTracking()
            .Where(l => l.Status != LeadStatus.Closed && l.PreferredSiteId != null)
            .GroupBy(l => l.PreferredSiteId!.Value)
            .Select(g => new { SiteId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.SiteId, g => g.Count, cancellationToken);

        return sites.Select(s =>
        {
            var dutyClinician = s.DutyClinicianId is { } id ? duty.GetValueOrDefault(id) : null;
            var warning = dutyClinician is null ? null
                : !dutyClinician.IsActive ? "no longer active, so the clinicians on duty are told"
                : !dutyClinician.SiteIds.Contains(s.Id) ? "no longer works here, so the clinicians on duty are told"
                : null;
            return new SiteRow(
                s.Id, s.Name, s.Address, SiteRules.PhoneForPeople(s.Phone), s.IsActive, SiteRules.HoursSummary(s.OpeningHours),
                SiteRules.Region(s.BankHolidayRegion), dutyClinician?.DisplayName, warning,
                s.Closures.Select(c => SiteRules.Closure(c.FirstDay, c.LastDay, c.Reason)).ToList(), open.GetValueOrDefault(s.Id));
        }).ToList();
    }

    /// <summary>The site as the edit dialog opens it; null when it no longer exists.</summary>
    public async Task<SiteEditView?> LoadAsync(ClaimsPrincipal user, int siteId, CancellationToken cancellationToken = default)
    {
        StaffAccess.Require(user, StaffRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking().Include(s => s.OpeningHours).SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken);
        if (site is null)
        {
            return null;
        }

        var candidates = await DutyCandidatesAsync(db, siteId, site.DutyClinicianId, cancellationToken);
        var others = await db.Sites.AsNoTracking().Where(s => s.IsActive && s.Id != siteId).OrderBy(s => s.Name)
            .Select(s => new SiteChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
        var open = await db.Leads.CountAsync(l => l.PreferredSiteId == siteId && l.Status != LeadStatus.Closed, cancellationToken);
        var form = new SiteForm
        {
            Name = site.Name,
            Address = site.Address,
            Phone = SiteRules.PhoneForPeople(site.Phone),
            IsActive = site.IsActive,
            BankHolidayRegion = site.BankHolidayRegion,
            DutyClinicianId = site.DutyClinicianId,
            Hours = DayHours.Of(site.OpeningHours),
            Version = site.Version,
        };
        return new SiteEditView(site.Id, site.Name, form, candidates, others, open);
    }

    public async Task<SiteSaveResult> CreateAsync(ClaimsPrincipal user, SiteForm form, CancellationToken cancellationToken = default) =>
        await SitePlanning.AdminAsync(currentStaff, user, cancellationToken) is { } admin
            ? await CreateAsync(admin, form, cancellationToken)
            : SiteSaveResult.Forbidden();

    /// <summary>
    /// Adds a site, audited as <paramref name="by"/> (null: LeadManager itself, for the demo
    /// seeder). The same checks as the page; a new site has nobody working at it, so no duty clinician yet.
    /// </summary>
    internal async Task<SiteSaveResult> CreateAsync(StaffIdentity? by, SiteForm form, CancellationToken cancellationToken = default)
    {
        var errors = SiteRules.Check(form, out var clean).ToList();
        if (form.DutyClinicianId is not null)
        {
            errors.Add(new(nameof(SiteForm.DutyClinicianId), "Nobody works at a new site yet. Save the site, add it to its clinicians on the staff page, then choose the duty clinician."));
        }

        if (errors.Count > 0 || clean is null)
        {
            return SiteSaveResult.Invalid(errors);
        }

        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var probe = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The site's id is known only once it is saved, and its audit entries name it: two saves, one
        // transaction, run by the provider's execution strategy on a fresh context each try.
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await TakenNameAsync(db, null, clean.Name, cancellationToken) is { } taken)
            {
                return SiteSaveResult.Invalid(nameof(SiteForm.Name), NameTaken(taken));
            }

            var site = new Site
            {
                Name = clean.Name,
                Address = clean.Address,
                Phone = clean.Phone,
                IsActive = clean.IsActive,
                BankHolidayRegion = clean.Region,
                OpeningHours = OpeningHours(clean.Hours),
            };
            db.Sites.Add(site);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            auditTrail.Record(db, by, AuditAreas.Site, Id(site), site.Name, "Added", AuditTrail.Changes(
                ("Name", null, site.Name),
                ("Address", null, OneLine(site.Address)),
                ("Phone", null, SiteRules.PhoneForPeople(site.Phone)),
                ("Status", null, SiteRules.Active(site.IsActive)),
                ("Opening hours", null, SiteRules.HoursSummary(site.OpeningHours)),
                ("Bank holidays", null, SiteRules.Region(site.BankHolidayRegion))));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Site {SiteId} added by staff member {StaffMemberId}", site.Id, by?.StaffMemberId);
            await SitePlanning.PublishAsync(notifier, []);
            return new SiteSaveResult(SiteSaveStatus.Saved, [], SiteId: site.Id, Version: site.Version);
        });
    }

    /// <summary>Saves the edit dialog. See the class summary for what a save does besides.</summary>
    public async Task<SiteSaveResult> SaveAsync(ClaimsPrincipal user, int siteId, SiteForm form, CancellationToken cancellationToken = default)
    {
        if (await SitePlanning.AdminAsync(currentStaff, user, cancellationToken) is not { } admin)
        {
            return SiteSaveResult.Forbidden();
        }

        var errors = SiteRules.Check(form, out var clean).ToList();
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sites = await SitePlanning.SitesAsync(db, cancellationToken);
        var site = sites.SingleOrDefault(s => s.Id == siteId);
        if (site is null)
        {
            return SiteSaveResult.NotFound();
        }

        if (site.Version != form.Version)
        {
            return SiteSaveResult.Conflict(site.Version);
        }

        if (clean is null)
        {
            return SiteSaveResult.Invalid(errors);
        }

        if (sites.FirstOrDefault(s => s.Id != siteId && string.Equals(s.Name, clean.Name, StringComparison.OrdinalIgnoreCase)) is { } namesake)
        {
            errors.Add(new(nameof(SiteForm.Name), NameTaken(namesake.Name)));
        }

        if (clean.DutyClinicianId is { } dutyId && dutyId != site.DutyClinicianId
            && await DutyProblemAsync(db, dutyId, site, cancellationToken) is { } dutyProblem)
        {
            errors.Add(new(nameof(SiteForm.DutyClinicianId), dutyProblem));
        }

        var before = Describe(site, await DutyNameAsync(db, site.DutyClinicianId, cancellationToken));
        var hoursAfter = SiteRules.HoursSummary(clean.Hours);
        var calendarChanged = before.Hours != hoursAfter || site.BankHolidayRegion != clean.Region || site.IsActive != clean.IsActive;
        var timed = calendarChanged ? await SitePlanning.TimedInAsync(db, siteId, cancellationToken) : [];
        var deactivating = site.IsActive && !clean.IsActive;
        var stranded = deactivating ? timed.Where(l => l.PreferredSiteId == siteId).ToList() : [];
        Site? moveTo = null;
        if (stranded.Count > 0 && form.OpenRequests is { MoveToSiteId: { } targetId })
        {
            moveTo = sites.SingleOrDefault(s => s.Id == targetId && s.Id != siteId && s.IsActive);
            if (moveTo is null)
            {
                errors.Add(new(nameof(SiteForm.OpenRequests), $"Choose an active site other than {site.Name} for its open requests, or no preferred site."));
            }
        }

        if (errors.Count > 0)
        {
            return SiteSaveResult.Invalid(errors);
        }

        if (stranded.Count > 0 && form.OpenRequests is null)
        {
            var message = $"{Requests(stranded.Count)} {(stranded.Count == 1 ? "prefers" : "prefer")} {site.Name}. Before it is deactivated, say where {(stranded.Count == 1 ? "it goes" : "they go")}: another active site, or no preferred site.";
            return new SiteSaveResult(SiteSaveStatus.NeedsChoice, [new(nameof(SiteForm.OpenRequests), message)], message, siteId, site.Version, stranded.Count);
        }

        var now = clock.UtcNow;
        foreach (var lead in stranded)
        {
            if (LeadPermissions.Refusal(admin, LeadAction.MoveToSite, LeadAccessFacts.Of(lead)) is { } refusal)
            {
                return new SiteSaveResult(SiteSaveStatus.Forbidden, [], refusal);
            }

            try
            {
                lead.MoveToSite(moveTo, admin.Actor, now, $"{site.Name} was deactivated");
            }
            catch (LeadRuleException refused)
            {
                return SiteSaveResult.Invalid(nameof(SiteForm.OpenRequests), $"{lead.Reference}: {refused.Message}");
            }
        }

        Apply(db, site, clean);
        var after = Describe(site, await DutyNameAsync(db, site.DutyClinicianId, cancellationToken));
        var changes = Changes(before, after).ToList();
        if (changes.Count == 0)
        {
            // Saved as it was (a stray click on Save): nothing to write, audit or tell anyone.
            return new SiteSaveResult(SiteSaveStatus.Saved, [], SiteId: siteId, Version: site.Version);
        }

        db.Entry(site).Property(s => s.Version).OriginalValue = form.Version;
        site.Version = form.Version + 1;
        if (stranded.Count > 0)
        {
            changes.Add(new AuditChange("Open requests",
                $"{Requests(stranded.Count)} preferring {before.Name}: {string.Join(", ", stranded.Select(l => l.Reference))}",
                moveTo?.Name ?? "No preferred site"));
        }

        auditTrail.Record(db, admin, AuditAreas.Site, Id(site), site.Name,
            deactivating ? "Deactivated" : !before.IsActive && site.IsActive ? "Reactivated" : "Changed", changes);
        await SitePlanning.ReplanAsync(db, sites, timed, clock.TimeZone, workflow, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return SiteSaveResult.Conflict(await fresh.Sites.Where(s => s.Id == siteId).Select(s => (int?)s.Version).SingleOrDefaultAsync(cancellationToken));
        }

        jobs.EnqueueDue(db.ChangeTracker.Entries<Data.Outbox.FollowUp>().Select(e => e.Entity), now);
        logger.LogInformation("Site {SiteId} changed by staff member {StaffMemberId}; {Moved} open requests moved", siteId, admin.StaffMemberId, stranded.Count);
        await SitePlanning.PublishAsync(notifier, stranded);
        return new SiteSaveResult(SiteSaveStatus.Saved, [], SiteId: siteId, Version: site.Version);
    }

    private static void Apply(LeadDbContext db, Site site, CleanSite clean)
    {
        site.Name = clean.Name;
        site.Address = clean.Address;
        site.Phone = clean.Phone;
        site.IsActive = clean.IsActive;
        site.BankHolidayRegion = clean.Region;
        site.DutyClinicianId = clean.DutyClinicianId;
        if (SiteRules.HoursSummary(site.OpeningHours) != SiteRules.HoursSummary(clean.Hours))
        {
            db.RemoveRange(site.OpeningHours);
            site.OpeningHours.Clear();
            site.OpeningHours.AddRange(OpeningHours(clean.Hours));
        }
    }

    private static List<SiteOpeningHours> OpeningHours(IEnumerable<DayHours> hours) =>
        hours.Where(h => h.IsOpen).Select(h => new SiteOpeningHours { Day = h.Day, Opens = h.Opens!.Value, Closes = h.Closes!.Value }).ToList();

    // A site as the audit trail reads it: every value as a person would say it.
    private sealed record Described(string Name, string Address, string Phone, bool IsActive, string Hours, string Region, string Duty);

    private static Described Describe(Site site, string? dutyName) => new(
        site.Name, OneLine(site.Address), SiteRules.PhoneForPeople(site.Phone), site.IsActive,
        SiteRules.HoursSummary(site.OpeningHours), SiteRules.Region(site.BankHolidayRegion), dutyName ?? SiteRules.NoDutyClinician);

    private static IReadOnlyList<AuditChange> Changes(Described before, Described after) => AuditTrail.Changes(
        ("Name", before.Name, after.Name),
        ("Address", before.Address, after.Address),
        ("Phone", before.Phone, after.Phone),
        ("Status", SiteRules.Active(before.IsActive), SiteRules.Active(after.IsActive)),
        ("Opening hours", before.Hours, after.Hours),
        ("Bank holidays", before.Region, after.Region),
        ("Duty clinician", before.Duty, after.Duty));

    private static async Task<string?> DutyNameAsync(LeadDbContext db, int? staffMemberId, CancellationToken cancellationToken) =>
        staffMemberId is { } id
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == id).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;

    // Null when the person may be the site's duty clinician: an active clinician who works there.
    private static async Task<string?> DutyProblemAsync(LeadDbContext db, int staffMemberId, Site site, CancellationToken cancellationToken)
    {
        var person = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Id == staffMemberId)
            .Select(s => new { s.DisplayName, s.IsActive, s.UserId, WorksHere = s.Sites.Any(x => x.Id == site.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return "That staff member no longer exists. Choose another duty clinician, or none.";
        }

        var isClinician = await ClinicianUserIds(db).ContainsAsync(person.UserId, cancellationToken);
        return !person.IsActive ? $"{person.DisplayName} is no longer active. Choose another duty clinician, or none."
            : !isClinician ? $"{person.DisplayName} is not a clinician. The duty clinician reviews red flags, so must be one."
            : !person.WorksHere ? $"{person.DisplayName} does not work at {site.Name}. Add the site to their sites on the staff page first, or choose someone who works here."
            : null;
    }

    private static async Task<List<SiteChoice>> DutyCandidatesAsync(LeadDbContext db, int siteId, int? current, CancellationToken cancellationToken)
    {
        var clinicians = ClinicianUserIds(db);
        var candidates = await db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive && s.Sites.Any(x => x.Id == siteId) && clinicians.Contains(s.UserId))
            .OrderBy(s => s.DisplayName)
            .Select(s => new SiteChoice(s.Id, s.DisplayName))
            .ToListAsync(cancellationToken);
        if (current is { } id && candidates.All(c => c.Id != id) && await DutyNameAsync(db, id, cancellationToken) is { } name)
        {
            candidates.Insert(0, new SiteChoice(id, $"{name} (no longer an active clinician here)"));
        }

        return candidates;
    }

    private static IQueryable<string> ClinicianUserIds(LeadDbContext db) =>
        from userRole in db.UserRoles
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == StaffRoles.Clinician
        select userRole.UserId;

    private static async Task<string?> TakenNameAsync(LeadDbContext db, int? siteId, string name, CancellationToken cancellationToken) =>
        (await db.Sites.AsNoTracking().Where(s => s.Id != siteId).Select(s => s.Name).ToListAsync(cancellationToken))
            .FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    private static string NameTaken(string other) => $"Another site is already called {other}. Give this one a name of its own.";

    private static string Requests(int count) => count == 1 ? "1 open request" : $"{count} open requests";

    private static string Id(Site site) => site.Id.ToString(CultureInfo.InvariantCulture);

    private static string OneLine(string address) => string.Join(", ", address.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
