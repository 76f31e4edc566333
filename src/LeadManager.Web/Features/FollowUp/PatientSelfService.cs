using System.Data;
using Hangfire;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Email;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// What the patient can do from their manage link besides cancelling: pick a time among their
/// clinician's free slots, give the best times to call before anyone has the request, and say
/// they will be available. Each goes through the lifecycle as <see cref="Actor.Patient"/>, with
/// the planner, in one transaction. An emergency-triaged request offers none of it: only the
/// clinic's phone number.
/// </summary>
public sealed class PatientSelfService(
    IDbContextFactory<LeadDbContext> dbFactory,
    ClinicClock clock,
    WriteGate writeGate,
    FollowUpPlanner planner,
    IBackgroundJobClient jobs,
    IOptions<EmailOptions> email,
    ILeadChangeNotifier changes,
    ILogger<PatientSelfService> logger)
{
    /// <summary>The most free slots the page lists.</summary>
    public const int MaxSlots = 10;

    /// <summary>The best-times choices the page offers, as the request form words them.</summary>
    public static readonly IReadOnlyList<(string Key, PreferredCallTimes Value, string Label)> TimeChoices =
    [
        ("mornings", PreferredCallTimes.Mornings, "Mornings"),
        ("afternoons", PreferredCallTimes.Afternoons, "Afternoons"),
        ("evenings", PreferredCallTimes.Evenings, "Evenings"),
        ("weekdays", PreferredCallTimes.Weekdays, "Weekdays"),
        ("saturday", PreferredCallTimes.Saturday, "Saturday"),
    ];

    public enum Offer
    {
        /// <summary>The request is closed: nothing to change.</summary>
        Closed,

        /// <summary>Emergency triage: the patient should talk to us, so only the phone number.</summary>
        PhoneOnly,

        /// <summary>A clinician has it: their free slots.</summary>
        PickTime,

        /// <summary>Nobody has it yet: the best times to call.</summary>
        PreferredTimes,
    }

    /// <summary>What the manage page offers now. <see cref="Version"/> goes back with a picked slot, so a change by the clinic meanwhile is not overwritten.</summary>
    public sealed record Choices(int Version, Offer Offer, DateTime? CallAtClinicTime, PreferredCallTimes PreferredTimes, IReadOnlyList<FreeCallSlot> Slots)
    {
        public bool CanSayAvailable => Offer is Offer.PickTime or Offer.PreferredTimes;
    }

    public enum PickOutcome
    {
        Done,

        /// <summary>The slot is no longer free (or has passed): nothing changed.</summary>
        SlotTaken,

        /// <summary>The clinic changed the request since the patient's page was shown: nothing was overwritten.</summary>
        ChangedByClinic,

        /// <summary>Picking a time is not offered for this request (any more).</summary>
        NotOffered,
    }

    /// <param name="CallAtClinicTime">The call time as it stands after the attempt: the new one when done, the clinic's when it changed it.</param>
    public sealed record PickResult(PickOutcome Outcome, DateTime? CallAtClinicTime = null);

    public async Task<Choices?> ChoicesAsync(int leadId, string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == leadId && l.Reference == reference, cancellationToken);
        if (lead is null)
        {
            return null;
        }

        var offer = OfferFor(lead);
        var slots = offer == Offer.PickTime
            ? (await FreeSlotsAsync(db, lead, clock.UtcNow, cancellationToken)).Take(MaxSlots).OrderBy(s => s.StartUtc).ToList()
            : [];
        return new Choices(lead.Version, offer, ClinicTime(lead.ScheduledCallAt), lead.PreferredCallTimes, slots);
    }

    /// <summary>
    /// Agrees (or moves) the call to <paramref name="slotUtc"/> if the request is still as the
    /// patient saw it (<paramref name="seenVersion"/>) and the slot is still one of the
    /// clinician's free ones, checked again inside the write transaction; then the planner writes
    /// the invites, and the clinician and reception are told.
    /// </summary>
    public async Task<PickResult> PickTimeAsync(int leadId, string reference, int seenVersion, DateTime slotUtc, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        Lead? changed = null;
        PickResult result;
        try
        {
            // SQL Server retries a deadlock between two serializable picks: the loser starts again and finds the slot gone.
            result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                // Begun before anything is read: on SQLite the write lock is held from here; on SQL
                // Server the range of the clinician's calls read below stays locked until the commit.
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == leadId && l.Reference == reference, cancellationToken);
                if (lead is null || OfferFor(lead) != Offer.PickTime)
                {
                    return new PickResult(PickOutcome.NotOffered);
                }

                if (lead.Version != seenVersion)
                {
                    return new PickResult(PickOutcome.ChangedByClinic, ClinicTime(lead.ScheduledCallAt));
                }

                var free = await FreeSlotsAsync(db, lead, now, cancellationToken);
                if (!free.Any(s => s.StartUtc == slotUtc))
                {
                    return new PickResult(PickOutcome.SlotTaken, ClinicTime(lead.ScheduledCallAt));
                }

                try
                {
                    if (lead.Status == LeadStatus.Scheduled)
                    {
                        lead.Reschedule(slotUtc, Actor.Patient, now);
                    }
                    else
                    {
                        lead.Schedule(slotUtc, Actor.Patient, now);
                    }
                }
                catch (LeadRuleException)
                {
                    return new PickResult(PickOutcome.SlotTaken, ClinicTime(lead.ScheduledCallAt));
                }

                await planner.PlanAsync(db, lead, now, null, cancellationToken);
                db.OutboundEmails.AddRange(await NoticesAsync(db, lead, now, cancellationToken));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                changed = lead;
                return new PickResult(PickOutcome.Done, ClinicTime(lead.ScheduledCallAt));
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            // Only where the gate is open (SQL Server): the clinic's change got in first.
            db.ChangeTracker.Clear();
            var current = await db.Leads.AsNoTracking().Where(l => l.Id == leadId).Select(l => l.ScheduledCallAt).SingleOrDefaultAsync(cancellationToken);
            return new PickResult(PickOutcome.ChangedByClinic, ClinicTime(current));
        }

        if (changed is not null)
        {
            jobs.EnqueueDue(db.ChangeTracker.Entries<FollowUpStep>().Select(e => e.Entity), now);
            jobs.EnqueueSends(db.ChangeTracker.Entries<OutboundEmail>().Select(e => e.Entity.Id).ToList());
            logger.LogInformation("Request {Reference}: the patient picked a call time from their manage link", reference);
            await changes.PublishAsync(new LeadChange(changed.Id, changed.Reference, changed.Events[^1].Kind, changed.Version), CancellationToken.None);
        }

        return result;
    }

    /// <summary>
    /// Saves the best times to call. Done when they are saved or were already so; NotOffered for
    /// a closed or emergency request. A clinician taking the request meanwhile does not stop it:
    /// the times still say when to call.
    /// </summary>
    public Task<bool> ChangePreferredTimesAsync(int leadId, string reference, PreferredCallTimes times, CancellationToken cancellationToken) =>
        ChangeAsync(leadId, reference, LeadEventKind.PreferredTimesChanged, (lead, now) =>
        {
            if (lead.PreferredCallTimes != times)
            {
                lead.ChangePreferredTimes(times, Actor.Patient, now);
            }
        }, cancellationToken);

    /// <summary>Records on the timeline that the patient will be available for the call. False for a closed or emergency request.</summary>
    public Task<bool> SayAvailableAsync(int leadId, string reference, CancellationToken cancellationToken) =>
        ChangeAsync(leadId, reference, LeadEventKind.PatientConfirmedAvailable, (lead, now) => lead.RecordPatientAvailable(Actor.Patient, now), cancellationToken);

    /// <summary>Reads the patient's choices from a posted form's "times" checkboxes; unknown values are ignored.</summary>
    public static PreferredCallTimes ParseTimes(IEnumerable<string?> posted) =>
        posted.Aggregate(PreferredCallTimes.None, (times, key) =>
            times | TimeChoices.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).Value);

    private async Task<bool> ChangeAsync(int leadId, string reference, LeadEventKind what, Action<Lead, DateTime> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var gate = await writeGate.EnterAsync(cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == leadId && l.Reference == reference, cancellationToken);
            if (lead is null || OfferFor(lead) is Offer.Closed or Offer.PhoneOnly)
            {
                return false;
            }

            var now = clock.UtcNow;
            apply(lead, now);
            if (!db.ChangeTracker.HasChanges())
            {
                return true;
            }

            // Nothing timed hangs on these today; the planner still decides, as after every change.
            await planner.PlanAsync(db, lead, now, null, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // The clinic changed the request at the same moment: apply the patient's word to the fresh copy.
                continue;
            }

            jobs.EnqueueDue(db.ChangeTracker.Entries<FollowUpStep>().Select(e => e.Entity), now);
            logger.LogInformation("Request {Reference}: {What} from the patient's manage link", reference, what);
            await changes.PublishAsync(new LeadChange(lead.Id, lead.Reference, what, lead.Version), CancellationToken.None);
            return true;
        }
    }

    private static Offer OfferFor(Lead lead) =>
        !lead.IsOpen ? Offer.Closed
        : lead.Triage == TriageLevel.Emergency ? Offer.PhoneOnly
        : lead.AssignedClinicianId is null ? Offer.PreferredTimes
        : Offer.PickTime;

    /// <summary>
    /// Every free slot of the request's clinician (patient's preferred times first), as the staff
    /// chooser finds them, except that the request's own call blocks nothing: the patient may move
    /// it to an overlapping slot. The time it has now is not offered.
    /// </summary>
    private async Task<IReadOnlyList<FreeCallSlot>> FreeSlotsAsync(LeadDbContext db, Lead lead, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.ToClinicTime(nowUtc));
        var clinician = await db.StaffMembers.AsNoTracking()
            .Include(s => s.WorkingHours)
            .Include(s => s.Leave.Where(l => l.LastDay >= today))
            .Include(s => s.Sites).ThenInclude(site => site.OpeningHours)
            .Include(s => s.Sites).ThenInclude(site => site.Closures)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == lead.AssignedClinicianId && s.IsActive, cancellationToken);
        if (clinician is null)
        {
            return [];
        }

        var fromUtc = nowUtc.AddMinutes(-clinician.CallLengthMinutes);
        var toUtc = nowUtc.AddDays(FreeCallSlots.DefaultDays + 1);
        var calls = await db.Leads.AsNoTracking()
            .Where(l => l.Id != lead.Id && l.AssignedClinicianId == clinician.Id && l.Status != LeadStatus.Closed
                && l.ScheduledCallAt != null && l.ScheduledCallAt >= fromUtc && l.ScheduledCallAt < toUtc)
            .Select(l => l.ScheduledCallAt!.Value)
            .ToListAsync(cancellationToken);
        return FreeCallSlots.Find(clinician, lead.PreferredSiteId, lead.PreferredCallTimes, calls, nowUtc, clock.TimeZone, limit: int.MaxValue)
            .Where(s => s.StartUtc != lead.ScheduledCallAt)
            .ToList();
    }

    // Reception's shared address, and the clinician's own login address when they have one.
    private async Task<IReadOnlyList<OutboundEmail>> NoticesAsync(LeadDbContext db, Lead lead, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var notices = new List<OutboundEmail> { OutboundEmailKinds.Due(lead, OutboundEmailKinds.ReceptionPatientRescheduled, email.Value.ReceptionAddress, nowUtc) };
        var clinicianAddress = await (
                from staff in db.StaffMembers
                join user in db.Users on staff.UserId equals user.Id
                where staff.Id == lead.AssignedClinicianId
                select user.Email)
            .SingleOrDefaultAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(clinicianAddress))
        {
            logger.LogWarning("Staff member {StaffMemberId} has no email address on record; only reception hears of the patient's new call time", lead.AssignedClinicianId);
        }
        else
        {
            var notice = OutboundEmailKinds.Due(lead, OutboundEmailKinds.ClinicianPatientRescheduled, clinicianAddress, nowUtc);
            notice.StaffMemberId = lead.AssignedClinicianId;
            notices.Add(notice);
        }

        return notices;
    }

    private DateTime? ClinicTime(DateTime? utc) => utc is { } at ? clock.ToClinicTime(at) : null;
}
