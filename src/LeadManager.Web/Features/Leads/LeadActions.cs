using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using Hangfire;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using LeadManager.Web.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Leads;

public enum LeadActionStatus
{
    Done,
    /// <summary>The lifecycle refused it (the message says why); nothing changed.</summary>
    Refused,
    /// <summary>This person may not do that to this lead; nothing changed.</summary>
    Forbidden,
    /// <summary>The lead changed since the person last saw it; nothing was overwritten.</summary>
    Conflict,
    NotFound,
}

public sealed record LeadActionResult(LeadActionStatus Status, string? Message = null, int? Version = null)
{
    public const string ConflictMessage = "This request just changed. Check the latest details below, then try again if it is still needed.";

    public bool Succeeded => Status == LeadActionStatus.Done;

    public static LeadActionResult Done(int version) => new(LeadActionStatus.Done, null, version);
}

/// <summary>What the person entered when a call ended in a booked assessment (clinic time).</summary>
public sealed record BookingInput(DateTime StartsAtClinicTime, int SiteId, string? PracticeSystemReference);

/// <summary>
/// Every lifecycle action staff take on a lead, from the lead page, the board and the clinician's call sheet. Each one
/// checks who may do it (<see cref="LeadPermissions"/>), refuses if the lead changed since the
/// person saw <c>seenVersion</c>, applies the lifecycle method, saves, and publishes the change.
/// Two people acting on one lead at once: the version check in the UPDATE lets exactly one win.
/// </summary>
public sealed class LeadActions(
    IDbContextFactory<LeadDbContext> dbFactory,
    CurrentStaff currentStaff,
    ClinicClock clock,
    WriteGate writeGate,
    ILeadChangeNotifier notifier,
    FollowUpPlanner planner,
    IBackgroundJobClient jobs,
    IOptionsMonitor<WorkflowOptions> workflow,
    ILogger<LeadActions> logger)
{
    public const int MaxTextLength = 2000;

    public Task<LeadActionResult> AssignAsync(ClaimsPrincipal user, int leadId, int seenVersion, int clinicianId, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.Assign, null, LeadEventKind.Assigned, async work =>
        {
            var clinician = await work.Db.StaffMembers.SingleOrDefaultAsync(s => s.Id == clinicianId, cancellationToken)
                ?? throw new LeadRuleException("That clinician no longer exists. Pick another.");
            if (!await IsClinicianAsync(work.Db, clinician.UserId, cancellationToken))
            {
                throw new LeadRuleException($"{clinician.DisplayName} is not a clinician, so cannot take calls.");
            }

            work.Lead.Assign(clinician, work.Who.Actor, work.Now);
        }, cancellationToken);

    public Task<LeadActionResult> UnassignAsync(ClaimsPrincipal user, int leadId, int seenVersion, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.Unassign, null, LeadEventKind.Unassigned,
            work => Sync(() => work.Lead.Unassign(work.Who.Actor, work.Now)), cancellationToken);

    public Task<LeadActionResult> ScheduleAsync(ClaimsPrincipal user, int leadId, int seenVersion, DateTime callAtClinicTime, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.Schedule, null, LeadEventKind.Scheduled,
            work => Sync(() => work.Lead.Schedule(clock.ToUtc(callAtClinicTime), work.Who.Actor, work.Now)), cancellationToken);

    public Task<LeadActionResult> RescheduleAsync(ClaimsPrincipal user, int leadId, int seenVersion, DateTime callAtClinicTime, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.Reschedule, null, LeadEventKind.Rescheduled,
            work => Sync(() => work.Lead.Reschedule(clock.ToUtc(callAtClinicTime), work.Who.Actor, work.Now)), cancellationToken);

    public Task<LeadActionResult> CancelCallAsync(ClaimsPrincipal user, int leadId, int seenVersion, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.CancelCall, null, LeadEventKind.CallCancelled,
            work => Sync(() => work.Lead.CancelCall(work.Who.Actor, work.Now)), cancellationToken);

    public Task<LeadActionResult> RecordAttemptAsync(ClaimsPrincipal user, int leadId, int seenVersion, CallAttemptResult result, string? note, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.RecordAttempt, null, LeadEventKind.AttemptRecorded, async work =>
        {
            var caller = await work.Db.StaffMembers.SingleAsync(s => s.Id == work.Who.StaffMemberId, cancellationToken);
            // The next try belongs to the request's clinician, whoever rang this time.
            var clinicianId = work.Lead.AssignedClinicianId ?? caller.Id;
            var clinicianHours = await work.Db.StaffMembers.AsNoTracking()
                .Where(s => s.Id == clinicianId)
                .SelectMany(s => s.WorkingHours)
                .ToListAsync(cancellationToken);
            var today = DateOnly.FromDateTime(clock.ToClinicTime(work.Now));
            var clinicianLeave = await work.Db.StaffLeave.AsNoTracking()
                .Where(l => l.StaffMemberId == clinicianId && l.LastDay >= today)
                .ToListAsync(cancellationToken);
            var site = (await planner.CalendarsAsync(cancellationToken)).For(work.Lead.PreferredSiteId);
            var next = NextAttemptWindow.After(work.Now, clinicianHours, site, work.Lead.PreferredCallTimes, clock.TimeZone, clinicianLeave);
            work.Lead.RecordAttempt(caller, result, Limit(TextCleaning.CleanText(note), "The note"), work.Who.Actor, work.Now, next);
        }, cancellationToken);

    /// <param name="emailPatient">The outcome form's "Send the patient an email" tick; null means its default (<see cref="OutcomeEmails.DefaultFor"/>).</param>
    public Task<LeadActionResult> RecordOutcomeAsync(
        ClaimsPrincipal user, int leadId, int seenVersion, CloseReason outcome,
        BookingInput? booking = null, ReferralDetails? referral = null, bool? emailPatient = null, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.RecordOutcome, outcome, LeadEventKind.OutcomeRecorded, async work =>
        {
            AssessmentBookingDetails? bookingDetails = null;
            if (booking is not null && outcome == CloseReason.BookedAssessment)
            {
                if (!await work.Db.Sites.AnyAsync(s => s.Id == booking.SiteId && s.IsActive, cancellationToken))
                {
                    throw new LeadRuleException("Choose the site where the assessment will be.");
                }

                bookingDetails = new AssessmentBookingDetails(clock.ToUtc(booking.StartsAtClinicTime), booking.SiteId, Limit(TextCleaning.CleanLine(booking.PracticeSystemReference), "The practice-system reference", 100));
            }

            var referralDetails = referral is null ? null : referral with { Note = Limit(TextCleaning.CleanText(referral.Note), "The referral note") };
            var caller = await work.Db.StaffMembers.SingleAsync(s => s.Id == work.Who.StaffMemberId, cancellationToken);
            work.Lead.RecordOutcome(outcome, caller, work.Who.Actor, work.Now, bookingDetails, referralDetails);
            OutcomeEmails.Add(work.Db, work.Lead, outcome, emailPatient, workflow.CurrentValue, clock.TimeZone, work.Now);
        }, cancellationToken);

    public Task<LeadActionResult> RecordClinicalReviewAsync(ClaimsPrincipal user, int leadId, int seenVersion, ClinicalReviewDecision decision, string? note, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.RecordClinicalReview, null, LeadEventKind.ClinicalReviewRecorded, async work =>
        {
            var reviewer = await work.Db.StaffMembers.SingleAsync(s => s.Id == work.Who.StaffMemberId, cancellationToken);
            work.Lead.RecordClinicalReview(reviewer, decision, Limit(TextCleaning.CleanText(note), "The review note"), work.Who.Actor, work.Now);
        }, cancellationToken);

    public Task<LeadActionResult> AddNoteAsync(ClaimsPrincipal user, int leadId, int seenVersion, string text, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.AddNote, null, LeadEventKind.NoteAdded,
            work => Sync(() => work.Lead.AddNote(work.Who.StaffMemberId, Limit(TextCleaning.CleanText(text), "A note") ?? "", work.Who.Actor, work.Now)), cancellationToken);

    public Task<LeadActionResult> MarkDuplicateAsync(ClaimsPrincipal user, int leadId, int seenVersion, string originalReference, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.MarkDuplicate, null, LeadEventKind.MarkedDuplicate, async work =>
        {
            var reference = LeadReference.Normalise(originalReference ?? "")
                ?? throw new LeadRuleException($"'{originalReference}' is not a request reference (they look like DC-7K3P9Q).");
            var original = await work.Db.Leads.SingleOrDefaultAsync(l => l.Reference == reference, cancellationToken)
                ?? throw new LeadRuleException($"No request has the reference {reference}.");
            work.Lead.MarkDuplicateOf(original, work.Who.Actor, work.Now);
        }, cancellationToken);

    public Task<LeadActionResult> MarkSpamAsync(ClaimsPrincipal user, int leadId, int seenVersion, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.MarkSpam, null, LeadEventKind.MarkedSpam,
            work => Sync(() => work.Lead.MarkSpam(work.Who.Actor, work.Now)), cancellationToken);

    public Task<LeadActionResult> ReopenAsync(ClaimsPrincipal user, int leadId, int seenVersion, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.Reopen, null, LeadEventKind.Reopened,
            work => Sync(() => work.Lead.Reopen(work.Who.Actor, work.Now)), cancellationToken);

    /// <summary>
    /// The patient rang or came in to cancel. Recorded under the staff member's name; reception is
    /// not emailed about its own action, and the patient gets the same confirmation, at once, as
    /// when they cancel from their link.
    /// </summary>
    public Task<LeadActionResult> CancelForPatientAsync(ClaimsPrincipal user, int leadId, int seenVersion, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.CancelForPatient, null, LeadEventKind.CancelledByPatient, work => Sync(() =>
        {
            work.Lead.CancelByPatient(work.Who.Actor, work.Now);
            OutcomeEmails.Add(work.Db, work.Lead, CloseReason.CancelledByPatient, null, workflow.CurrentValue, clock.TimeZone, work.Now);
        }), cancellationToken);

    /// <summary>The request now prefers another site (null: none); it is timed in that site's hours from now on.</summary>
    public Task<LeadActionResult> MoveToSiteAsync(ClaimsPrincipal user, int leadId, int seenVersion, int? siteId, CancellationToken cancellationToken = default) =>
        RunAsync(user, leadId, seenVersion, LeadAction.MoveToSite, null, LeadEventKind.SiteChanged, async work =>
        {
            await work.Db.Entry(work.Lead).Reference(l => l.PreferredSite).LoadAsync(cancellationToken);
            var site = siteId is { } id
                ? await work.Db.Sites.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new LeadRuleException("That site no longer exists. Pick another.")
                : null;
            work.Lead.MoveToSite(site, work.Who.Actor, work.Now);
        }, cancellationToken);

    private sealed record Work(LeadDbContext Db, Lead Lead, StaffIdentity Who, DateTime Now);

    private async Task<LeadActionResult> RunAsync(
        ClaimsPrincipal user, int leadId, int seenVersion, LeadAction action, CloseReason? outcome, LeadEventKind what,
        Func<Work, Task> apply, CancellationToken cancellationToken)
    {
        var who = await currentStaff.FindAsync(user, cancellationToken);
        if (who is null)
        {
            return new LeadActionResult(LeadActionStatus.Forbidden, "Your account is not set up as active staff. Ask the clinic manager.");
        }

        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.Include(l => l.AssignedClinician).SingleOrDefaultAsync(l => l.Id == leadId, cancellationToken);
        if (lead is null)
        {
            return new LeadActionResult(LeadActionStatus.NotFound, "That request no longer exists.");
        }

        var refusal = LeadPermissions.Refusal(who, action, LeadAccessFacts.Of(lead), outcome);
        if (refusal is not null)
        {
            logger.LogWarning("Refused {Action} on {Reference} for staff member {StaffMemberId}: not allowed", action, lead.Reference, who.StaffMemberId);
            return new LeadActionResult(LeadActionStatus.Forbidden, refusal, lead.Version);
        }

        if (lead.Version != seenVersion)
        {
            return new LeadActionResult(LeadActionStatus.Conflict, LeadActionResult.ConflictMessage, lead.Version);
        }

        var previousClinician = lead.AssignedClinicianId;
        var now = clock.UtcNow;
        try
        {
            await apply(new Work(db, lead, who, now));
        }
        catch (LeadRuleException refused)
        {
            return new LeadActionResult(LeadActionStatus.Refused, refused.Message, lead.Version);
        }

        // The steps the change makes and voids are saved with it, so a refused save changes none.
        await planner.PlanAsync(db, lead, now, new AssignmentChange(previousClinician, who.StaffMemberId), cancellationToken);

        var changed = db.ChangeTracker.Entries<Lead>().Where(e => e.State == EntityState.Modified).Select(e => e.Entity).ToList();
        var emails = db.ChangeTracker.Entries<OutboundEmail>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var fresh = await FreshVersionAsync(leadId, cancellationToken);
            return new LeadActionResult(LeadActionStatus.Conflict, LeadActionResult.ConflictMessage, fresh);
        }

        jobs.EnqueueDue(db.ChangeTracker.Entries<Data.Outbox.FollowUp>().Select(e => e.Entity), now);
        // An email held for quiet hours is left to the sweep, which sends it once it is due.
        jobs.EnqueueSends(emails.Where(e => e.NextAttemptAt <= now).Select(e => e.Id).ToList());
        logger.LogInformation("{Action} on {Reference} by staff member {StaffMemberId}", action, lead.Reference, who.StaffMemberId);
        foreach (var other in changed)
        {
            await notifier.PublishAsync(new LeadChange(other.Id, other.Reference, other == lead ? what : LeadEventKind.DuplicateMergedIn, other.Version), CancellationToken.None);
        }

        return LeadActionResult.Done(lead.Version);
    }

    private async Task<int?> FreshVersionAsync(int leadId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Leads.Where(l => l.Id == leadId).Select(l => (int?)l.Version).SingleOrDefaultAsync(cancellationToken);
    }

    private static Task<bool> IsClinicianAsync(LeadDbContext db, string userId, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where userRole.UserId == userId && role.Name == Data.Staff.StaffRoles.Clinician
         select userRole).AnyAsync(cancellationToken);

    // Text is cleaned the way intake cleans what patients type (IntakeValidator.CleanText / CleanLine) before it gets here.
    private static string? Limit(string? cleaned, string what, int max = MaxTextLength)
    {
        if (cleaned is { Length: > 0 } && cleaned.Length > max)
        {
            throw new LeadRuleException($"{what} is {cleaned.Length} characters; the most is {max}.");
        }

        return string.IsNullOrEmpty(cleaned) ? null : cleaned;
    }

    private static Task Sync(Action action)
    {
        action();
        return Task.CompletedTask;
    }
}
