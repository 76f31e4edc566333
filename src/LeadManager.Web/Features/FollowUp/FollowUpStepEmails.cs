using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The outbox emails a due step writes, one per recipient. A step's email has the step's kind,
/// so <see cref="OutboundEmailComposer"/> picks its template by it. Who gets it:
/// <list type="bullet">
/// <item>not assigned: reception; still not assigned: reception and every active admin;</item>
/// <item>no first call, call not tried again, agreed call not recorded: the request's clinician and reception;</item>
/// <item>clinical review overdue, an urgent-care request (and a kind close held back by an
/// unreviewed red flag): the site's duty clinician alone when it has one who is on duty today
/// (active, working that weekday at the site, the site not shut, not on leave, with an address);
/// otherwise the clinicians on duty now at the request's site (any site when it has none), else
/// the active admins, else reception;</item>
/// <item>assigned, taken away, the daily digest: the clinician the step is for;</item>
/// <item>a calendar invite, its cancellation, the reminder: the patient, or the clinician whose copy it is, and nobody else.</item>
/// </list>
/// A staff member with no address on record (or no longer active) is left out, with a warning
/// naming only their id; a step never writes to nobody, reception is the last resort.
/// Scoped: the staff are read once per step job, however many steps it runs.
/// </summary>
public sealed class FollowUpStepEmails(IOptions<EmailOptions> email, ClinicClock clock, ILogger<FollowUpStepEmails> logger)
{
    private StaffDirectory? _staff;
    private DutyRota? _duty;

    /// <summary>Who an email goes to: a staff member, or reception's shared address (no staff member).</summary>
    public sealed record Recipient(string Address, int? StaffMemberId);

    public async Task<IReadOnlyList<OutboundEmail>> ForAsync(LeadDbContext db, FollowUpStep step, Lead? lead, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var yesterday = DateOnly.FromDateTime(clock.ToClinicTime(nowUtc)).AddDays(-1);
        _staff ??= await StaffDirectory.LoadAsync(db, yesterday, cancellationToken);
        if (IsClinicalSafety(step.Kind))
        {
            _duty ??= await DutyRota.LoadAsync(db, yesterday, cancellationToken);
        }

        return Recipients(_staff, step, lead, nowUtc, _duty).Select(r => Row(step, r, nowUtc)).ToList();
    }

    /// <summary>Never empty for a staff step (when nobody else can be reached, reception); a calendar step's copy goes to its holder or to nobody.</summary>
    internal IReadOnlyList<Recipient> Recipients(StaffDirectory staff, FollowUpStep step, Lead? lead, DateTime nowUtc, DutyRota? duty = null)
    {
        if (FollowUpKinds.PatientSteps.Contains(step.Kind))
        {
            // A calendar belongs to one person: an invite never goes to reception instead.
            return step.StaffMemberId is null
                ? string.IsNullOrWhiteSpace(lead?.Email) ? [] : [new Recipient(lead.Email, null)]
                : Reachable(staff, step.StaffMemberId, step.Kind);
        }

        var reception = new Recipient(email.Value.ReceptionAddress, null);
        List<Recipient> chosen = step.Kind switch
        {
            FollowUpKinds.AssignOverdue => [reception],
            FollowUpKinds.AssignOverdueToManager => [reception, .. Admins(staff, step.Kind)],
            FollowUpKinds.FirstContactOverdue or FollowUpKinds.RetryCallOverdue or FollowUpKinds.MissedCall =>
                [.. Reachable(staff, lead?.AssignedClinicianId, step.Kind), reception],
            FollowUpKinds.ReviewOverdue or FollowUpKinds.EmergencyAnnouncement or FollowUpKinds.CloseNoResponse => ClinicalSafety(staff, duty, lead, nowUtc, step.Kind),
            FollowUpKinds.CheckContactDetails => [reception],
            FollowUpKinds.ClinicianAssigned => Reachable(staff, step.StaffMemberId ?? lead?.AssignedClinicianId, step.Kind),
            FollowUpKinds.ClinicianUnassigned or FollowUpKinds.DailyDigest => Reachable(staff, step.StaffMemberId, step.Kind),
            _ => [],
        };

        var distinct = chosen.DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase).ToList();
        return distinct.Count > 0 ? distinct : [reception];
    }

    private static bool IsClinicalSafety(string kind) =>
        kind is FollowUpKinds.ReviewOverdue or FollowUpKinds.EmergencyAnnouncement or FollowUpKinds.CloseNoResponse;

    // The site's duty clinician when on duty today; else the clinicians on duty now, else the admins
    // (someone with authority must see it), else reception.
    private List<Recipient> ClinicalSafety(StaffDirectory staff, DutyRota? duty, Lead? lead, DateTime nowUtc, string kind)
    {
        var clinicNow = clock.ToClinicTime(nowUtc);
        var today = DateOnly.FromDateTime(clinicNow);
        var siteId = lead?.PreferredSiteId;
        if (siteId is { } site && duty?.OnDuty(staff, site, today) is { } dutyClinician && WithAddresses([dutyClinician], kind) is { Count: > 0 } alone)
        {
            return alone;
        }

        var onDuty = staff.People
            .Where(p => p.IsActive && p.IsClinician && p.WorksAt(clinicNow))
            .Where(p => siteId is { } id
                ? p.SiteIds.Contains(id) && !staff.IsShut(id, today)
                : staff.HasOpenSiteOn(p, today))
            .ToList();
        var clinicians = WithAddresses(onDuty, kind);
        return clinicians.Count > 0 ? clinicians : Admins(staff, kind);
    }

    private List<Recipient> Admins(StaffDirectory staff, string kind) =>
        WithAddresses(staff.People.Where(p => p.IsActive && p.IsAdmin), kind);

    private List<Recipient> Reachable(StaffDirectory staff, int? staffMemberId, string kind)
    {
        if (staffMemberId is not { } id)
        {
            return [];
        }

        if (!staff.ById.TryGetValue(id, out var person) || !person.IsActive)
        {
            logger.LogWarning("Staff member {StaffMemberId} is not active; their {Kind} email goes to the others (or reception) instead", id, kind);
            return [];
        }

        return WithAddresses([person], kind);
    }

    private List<Recipient> WithAddresses(IEnumerable<StaffDirectory.Person> people, string kind)
    {
        var recipients = new List<Recipient>();
        foreach (var person in people)
        {
            if (person.Email is null)
            {
                // The id only: a name or an address in a log line says more than the log needs.
                logger.LogWarning("Staff member {StaffMemberId} has no email address on record; their {Kind} email goes to the others (or reception) instead", person.Id, kind);
                continue;
            }

            recipients.Add(new Recipient(person.Email, person.Id));
        }

        return recipients;
    }

    private static OutboundEmail Row(FollowUpStep step, Recipient recipient, DateTime nowUtc) => new()
    {
        LeadId = step.LeadId,
        FollowUpId = step.Id,
        StaffMemberId = recipient.StaffMemberId,
        Kind = step.Kind,
        Recipient = recipient.Address,
        Status = OutboundEmailStatus.Pending,
        NextAttemptAt = nowUtc,
        CreatedAt = nowUtc,
    };
}

/// <summary>
/// Each site's duty clinician (<see cref="Data.Sites.Site.DutyClinicianId"/>) and their leave, read
/// once per step job beside the <see cref="StaffDirectory"/>, only when a clinical-safety step runs.
/// </summary>
internal sealed class DutyRota
{
    private readonly IReadOnlyDictionary<int, int> _dutyBySite;
    private readonly ILookup<int, StaffLeave> _leave;

    private DutyRota(IReadOnlyDictionary<int, int> dutyBySite, ILookup<int, StaffLeave> leave)
    {
        _dutyBySite = dutyBySite;
        _leave = leave;
    }

    /// <summary>Leave that ended before <paramref name="leaveFrom"/> decides nothing now and is not read.</summary>
    public static async Task<DutyRota> LoadAsync(LeadDbContext db, DateOnly leaveFrom, CancellationToken cancellationToken)
    {
        var duty = await db.Sites.AsNoTracking()
            .Where(s => s.DutyClinicianId != null)
            .Select(s => new { s.Id, DutyClinicianId = s.DutyClinicianId!.Value })
            .ToDictionaryAsync(s => s.Id, s => s.DutyClinicianId, cancellationToken);
        var ids = duty.Values.Distinct().ToList();
        var leave = ids.Count == 0
            ? []
            : await db.StaffLeave.AsNoTracking().Where(l => ids.Contains(l.StaffMemberId) && l.LastDay >= leaveFrom).ToListAsync(cancellationToken);
        return new DutyRota(duty, leave.ToLookup(l => l.StaffMemberId));
    }

    /// <summary>
    /// The site's duty clinician if they are on duty on <paramref name="day"/>: active, a clinician
    /// who works at the site and on that weekday, the site not shut (closure, bank holiday), and not
    /// on leave. Null otherwise, and the usual recipients are told.
    /// </summary>
    public StaffDirectory.Person? OnDuty(StaffDirectory staff, int siteId, DateOnly day) =>
        _dutyBySite.TryGetValue(siteId, out var id)
        && staff.ById.TryGetValue(id, out var person)
        && person.IsActive && person.IsClinician && person.SiteIds.Contains(siteId)
        && person.WorksOn(day) && !staff.IsShut(siteId, day)
        && !_leave[id].Any(l => l.Covers(day))
            ? person
            : null;
}
