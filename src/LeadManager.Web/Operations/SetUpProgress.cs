using LeadManager.Data;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Operations;

/// <summary>
/// The first-run checklist: what a fresh install still lacks before it can take its first
/// request (a site with opening hours, an active clinician with working hours, a receptionist, a
/// test email that reached Email:ReceptionAddress). Read from the data itself, so an item is done
/// the moment whatever page made it saves, and comes back if the clinic loses it (its only
/// receptionist deactivated). /admin shows it in full; the admins' banner on every staff page
/// asks at most once a <see cref="BannerRefresh"/>. Shared, not the admin feature's own: the
/// layout's banner reads it.
/// </summary>
public sealed class SetUpProgress(IDbContextFactory<LeadDbContext> dbFactory, ClinicClock clock, IOptions<EmailOptions> email)
{
    /// <summary>How long the banner's answer is kept: every staff page asks, the database is asked at most this often.</summary>
    public static readonly TimeSpan BannerRefresh = TimeSpan.FromMinutes(1);

    public const int Steps = 4;

    private Answer? _forBanner;

    /// <summary>The latest test email to the reception address, as its outbox row says.</summary>
    public sealed record TestEmail(long Id, OutboundEmailStatus Status, int Attempts, string? LastError, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime NextAttemptAtUtc)
    {
        /// <summary>Queued or being retried: the page looks again shortly.</summary>
        public bool OnItsWay => Status is OutboundEmailStatus.Pending or OutboundEmailStatus.Retrying;
    }

    /// <param name="LastSent">The latest test email the mail server took (Sent): the item is done.</param>
    /// <param name="Latest">The latest test email whatever became of it, to show a refusal and why.</param>
    public sealed record State(
        bool SiteWithHours,
        bool ClinicianWithHours,
        bool Receptionist,
        string ReceptionAddress,
        TestEmail? LastSent,
        TestEmail? Latest)
    {
        public bool TestEmailDelivered => LastSent is not null;

        public int Remaining => new[] { SiteWithHours, ClinicianWithHours, Receptionist, TestEmailDelivered }.Count(done => !done);

        public bool IsComplete => Remaining == 0;
    }

    private sealed record Answer(DateTime CheckedAt, State State);

    /// <summary>Asks the database now (a few EXISTS queries and two one-row reads), and keeps the answer for the banner too.</summary>
    public async Task<State> MeasureAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var address = email.Value.ReceptionAddress;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking().AnyAsync(s => s.IsActive && s.OpeningHours.Any(), cancellationToken);
        var clinicians = UsersInRole(db, StaffRoles.Clinician);
        var receptionists = UsersInRole(db, StaffRoles.Receptionist);
        var clinician = await db.StaffMembers.AsNoTracking()
            .AnyAsync(s => s.IsActive && clinicians.Contains(s.UserId) && s.WorkingHours.Any(), cancellationToken);
        var receptionist = await db.StaffMembers.AsNoTracking()
            .AnyAsync(s => s.IsActive && receptionists.Contains(s.UserId), cancellationToken);
        // Only one to the address configured now counts: a test of last year's address proves nothing.
        // A test email has no request: "LeadId IS NULL" lets the (LeadId, Kind) index find the few
        // there are, where the status alone would walk every email ever sent.
        var tests = db.OutboundEmails.AsNoTracking()
            .Where(e => e.LeadId == null && e.Kind == OutboundEmailKinds.ReceptionTestEmail && e.Recipient == address)
            .OrderByDescending(e => e.Id);
        var lastSent = await Project(tests.Where(e => e.Status == OutboundEmailStatus.Sent)).FirstOrDefaultAsync(cancellationToken);
        var latest = await Project(tests).FirstOrDefaultAsync(cancellationToken);

        var state = new State(site, clinician, receptionist, address, lastSent, latest);
        _forBanner = new Answer(now, state);
        return state;
    }

    /// <summary>The answer for the admins' banner, from the database at most once a <see cref="BannerRefresh"/> of clock time.</summary>
    public async Task<State> RecentAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (_forBanner is { } kept && now >= kept.CheckedAt && now - kept.CheckedAt < BannerRefresh)
        {
            return kept.State;
        }

        // Two pages asking at once may both read; that is cheaper than making one wait on a lock.
        return await MeasureAsync(cancellationToken);
    }

    private static IQueryable<string> UsersInRole(LeadDbContext db, string role) =>
        from userRole in db.UserRoles
        join r in db.Roles on userRole.RoleId equals r.Id
        where r.Name == role
        select userRole.UserId;

    private static IQueryable<TestEmail> Project(IQueryable<OutboundEmail> emails) =>
        emails.Select(e => new TestEmail(e.Id, e.Status, e.Attempts, e.LastError, e.CreatedAt, e.SentAt, e.NextAttemptAt));
}
