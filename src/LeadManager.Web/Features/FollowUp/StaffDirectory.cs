using LeadManager.Data;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The staff the workflow emails, read in a few queries and then asked in memory: each person's
/// address (their Identity email), roles, sites and working hours, and the sites' closures. The
/// step emails keep one for a whole batch of steps, so many due steps cost no staff queries each.
/// </summary>
public sealed class StaffDirectory
{
    private readonly IReadOnlyDictionary<int, Site> _sites;

    private StaffDirectory(IReadOnlyList<Person> people, IReadOnlyDictionary<int, Site> sites)
    {
        People = people;
        ById = people.ToDictionary(p => p.Id);
        _sites = sites;
    }

    /// <summary>One staff member. <see cref="Email"/> is null when their login has none on record.</summary>
    public sealed record Person(
        int Id,
        string DisplayName,
        string? Email,
        bool IsActive,
        IReadOnlySet<string> Roles,
        IReadOnlyList<int> SiteIds,
        IReadOnlyList<StaffWorkingHours> Hours,
        IReadOnlyList<StaffLeave> Leave)
    {
        public bool IsClinician => Roles.Contains(StaffRoles.Clinician);

        public bool IsAdmin => Roles.Contains(StaffRoles.Admin);

        /// <summary>Whether <paramref name="day"/> is one of their working days and they are not on leave.</summary>
        public bool WorksOn(DateOnly day) => Hours.Any(h => h.Day == day.DayOfWeek) && !IsOnLeave(day);

        public bool IsOnLeave(DateOnly day) => Leave.Any(l => l.Covers(day));

        /// <summary>Whether their working hours cover this clinic wall-clock moment, on a day they are not on leave.</summary>
        public bool WorksAt(DateTime clinicTime)
        {
            var time = TimeOnly.FromDateTime(clinicTime);
            return Hours.Any(h => h.Day == clinicTime.DayOfWeek && h.Starts <= time && time < h.Ends)
                && !IsOnLeave(DateOnly.FromDateTime(clinicTime));
        }
    }

    public IReadOnlyList<Person> People { get; }

    public IReadOnlyDictionary<int, Person> ById { get; }

    /// <summary>Whether the site is shut all day (a closure, or a bank holiday in its region); a site not on record is not.</summary>
    public bool IsShut(int siteId, DateOnly day) => _sites.TryGetValue(siteId, out var site) && BusinessHours.IsShut(site, day);

    /// <summary>Whether any of the person's active sites is open on <paramref name="day"/> (not shut by a closure or bank holiday).</summary>
    public bool HasOpenSiteOn(Person person, DateOnly day) =>
        person.SiteIds.Any(id => _sites.TryGetValue(id, out var site) && site.IsActive && !BusinessHours.IsShut(site, day));

    /// <summary>Reads every staff member and site; closures and leave from <paramref name="closuresFrom"/> on (older ones decide nothing now).</summary>
    public static async Task<StaffDirectory> LoadAsync(LeadDbContext db, DateOnly closuresFrom, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.AsNoTracking()
            .Select(s => new
            {
                s.Id,
                s.UserId,
                s.DisplayName,
                s.IsActive,
                SiteIds = s.Sites.Select(site => site.Id).ToList(),
                Hours = s.WorkingHours.ToList(),
                Leave = s.Leave.Where(l => l.LastDay >= closuresFrom).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var emails = await db.Users.AsNoTracking()
            .Where(u => db.StaffMembers.Any(s => s.UserId == u.Id))
            .Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var roles = (await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name })
                .AsNoTracking()
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.Name ?? "").ToHashSet(StringComparer.Ordinal));
        var sites = await db.Sites.AsNoTracking()
            .Include(s => s.Closures.Where(c => c.LastDay >= closuresFrom))
            .ToDictionaryAsync(s => s.Id, cancellationToken);

        var people = staff.Select(s => new Person(
                s.Id,
                s.DisplayName,
                emails.GetValueOrDefault(s.UserId) is { Length: > 0 } email ? email : null,
                s.IsActive,
                roles.GetValueOrDefault(s.UserId) ?? new HashSet<string>(),
                s.SiteIds,
                s.Hours,
                s.Leave))
            .ToList();
        return new StaffDirectory(people, sites);
    }
}
