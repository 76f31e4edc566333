using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Leads;

/// <summary>One line on a lead's timeline: an event, a note, a call attempt, a review or an email with its status.</summary>
public sealed record TimelineEntry(
    DateTime At, TimelineEntryKind Kind, string Title, string? Body, string? By, OutboundEmailStatus? Status = null, DateTime? Time = null, DateTime? PreviousTime = null);

/// <summary>A timed step the workflow will take for the request unless it moves on first.</summary>
/// <param name="ToStaff">Whether a calendar step is for a clinician's copy rather than the patient's.</param>
public sealed record DueStep(string Kind, DateTime DueAtUtc, bool ToStaff = false);

/// <summary>Everything the lead page shows, and what this person may do to it.</summary>
public sealed record LeadView(
    Lead Lead,
    string? SiteName,
    string? MergedIntoReference,
    IReadOnlyList<TimelineEntry> Timeline,
    StaffIdentity Who,
    IReadOnlySet<LeadAction> Allowed,
    IReadOnlyList<CloseReason> AllowedOutcomes,
    IReadOnlyList<DueStep> DueNext)
{
    public bool May(LeadAction action) => Allowed.Contains(action);
}

public enum LeadViewStatus
{
    Found,
    NotFound,
    Forbidden,
}

/// <summary>
/// The lead page's read: the request in full, its timeline, and the actions allowed for this
/// person. Health details are special-category data, so each opening is written to the
/// access log (a live refresh of an open page is not a new opening).
/// </summary>
public sealed class LeadDetailsQuery(IDbContextFactory<LeadDbContext> dbFactory, CurrentStaff currentStaff, TimeProvider timeProvider)
{
    public async Task<(LeadViewStatus Status, LeadView? View)> LoadAsync(ClaimsPrincipal user, string reference, bool logAccess, CancellationToken cancellationToken = default)
    {
        var who = await currentStaff.FindAsync(user, cancellationToken);
        var normalised = LeadReference.Normalise(reference);
        if (who is null)
        {
            return (LeadViewStatus.Forbidden, null);
        }

        if (normalised is null)
        {
            return (LeadViewStatus.NotFound, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.AsNoTracking()
            .Include(l => l.AssignedClinician)
            .Include(l => l.Events)
            .Include(l => l.Notes).ThenInclude(n => n.Author)
            .Include(l => l.CallAttempts).ThenInclude(a => a.StaffMember)
            .Include(l => l.ClinicalReviews).ThenInclude(r => r.Reviewer)
            .Include(l => l.AssessmentBookings).ThenInclude(b => b.Site)
            .Include(l => l.Referrals)
            .AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Reference == normalised, cancellationToken);
        if (lead is null)
        {
            return (LeadViewStatus.NotFound, null);
        }

        var facts = LeadAccessFacts.Of(lead);
        if (!LeadPermissions.Allows(who, LeadAction.View, facts))
        {
            return (LeadViewStatus.Forbidden, null);
        }

        var siteName = lead.PreferredSiteId is null ? null
            : await db.Sites.Where(s => s.Id == lead.PreferredSiteId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        var mergedInto = lead.MergedIntoLeadId is null ? null
            : await db.Leads.Where(l => l.Id == lead.MergedIntoLeadId).Select(l => l.Reference).SingleOrDefaultAsync(cancellationToken);
        var emails = await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == lead.Id).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        var pending = await db.FollowUps.AsNoTracking()
            .Where(f => f.LeadId == lead.Id && f.Status == FollowUpStatus.Pending)
            .OrderBy(f => f.DueAt)
            .Select(f => new DueStep(f.Kind, f.DueAt, f.StaffMemberId != null))
            .ToListAsync(cancellationToken);

        if (logAccess)
        {
            db.LeadAccessLogs.Add(new LeadAccessLog
            {
                LeadId = lead.Id,
                UserId = who.UserId,
                StaffMemberId = who.StaffMemberId,
                At = timeProvider.GetUtcNow().UtcDateTime,
                What = "lead page",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return (LeadViewStatus.Found, new LeadView(
            lead, siteName, mergedInto, BuildTimeline(lead, emails), who,
            LeadPermissions.AllowedActions(who, facts), LeadPermissions.AllowedOutcomes(who, facts),
            pending.Where(p => FollowUpWording.IsShownAsDue(p.Kind)).ToList()));
    }

    public sealed record DuplicateCandidate(string Reference, string PatientName, LeadStatus Status, DateTime CreatedAt);

    /// <summary>Requests that look like the same person (email, phone or full name), to merge a duplicate into.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> DuplicateCandidatesAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Leads.AsNoTracking()
            .Where(l => l.Id != lead.Id
                && (l.CloseReason == null || (l.CloseReason != CloseReason.Duplicate && l.CloseReason != CloseReason.Spam))
                && (l.Email == lead.Email || l.Phone == lead.Phone || (l.FirstName == lead.FirstName && l.LastName == lead.LastName)))
            .OrderByDescending(l => l.CreatedAt)
            .Take(5)
            .Select(l => new { l.Reference, l.FirstName, l.LastName, l.Status, l.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DuplicateCandidate(r.Reference, $"{r.FirstName} {r.LastName}", r.Status, r.CreatedAt)).ToList();
    }

    // Notes, attempts, reviews and emails carry more than their event line (the text, the
    // result, the email's current status), so they stand in for those events.
    private static readonly HashSet<LeadEventKind> ShownByTheirOwnEntry =
    [
        LeadEventKind.NoteAdded, LeadEventKind.AttemptRecorded, LeadEventKind.ClinicalReviewRecorded,
        LeadEventKind.EmailSent, LeadEventKind.EmailRetrying, LeadEventKind.EmailFailed, LeadEventKind.EmailUncertain,
    ];

    public static IReadOnlyList<TimelineEntry> BuildTimeline(Lead lead, IReadOnlyList<OutboundEmail> emails)
    {
        var entries = new List<TimelineEntry>();
        entries.AddRange(lead.Events.Where(e => !ShownByTheirOwnEntry.Contains(e.Kind))
            .Select(e => new TimelineEntry(e.At, KindOf(e.Kind), Title(e.Kind), e.Details, e.ActorName, null, e.Time, e.PreviousTime)));
        entries.AddRange(lead.Notes.Select(n => new TimelineEntry(
            n.At, TimelineEntryKind.Note, n.AuthorId is null ? "The patient wrote again" : "Note", n.Text, n.Author?.DisplayName ?? (n.AuthorId is null ? "Patient" : null))));
        entries.AddRange(lead.CallAttempts.Where(a => a.Result != CallAttemptResult.Answered).Select(a => new TimelineEntry(
            a.At, TimelineEntryKind.Attempt, "Call attempt: " + Lead.Describe(a.Result), a.Note, a.StaffMember?.DisplayName)));
        entries.AddRange(lead.ClinicalReviews.Select(r => new TimelineEntry(
            r.ReviewedAt, TimelineEntryKind.Review, "Clinical review: " + Lead.Describe(r.Decision), r.Note, r.Reviewer?.DisplayName)));
        entries.AddRange(emails.Select(e => new TimelineEntry(
            e.SentAt ?? e.CreatedAt, TimelineEntryKind.Email, OutboundEmailKinds.Describe(e.Kind), e.Status is OutboundEmailStatus.Failed or OutboundEmailStatus.Uncertain or OutboundEmailStatus.Retrying ? e.LastError : null,
            "To " + e.Recipient, e.Status)));
        return entries.OrderByDescending(e => e.At).ToList();
    }

    // The workflow's own lines (a step ran, or was not needed) are told apart from what people did.
    private static TimelineEntryKind KindOf(LeadEventKind kind) =>
        kind is LeadEventKind.FollowUpRan or LeadEventKind.FollowUpSkipped ? TimelineEntryKind.FollowUp : TimelineEntryKind.Event;

    public static string Title(LeadEventKind kind) => kind switch
    {
        LeadEventKind.Created => "Request received",
        LeadEventKind.Assigned => "Assigned",
        LeadEventKind.Unassigned => "Unassigned",
        LeadEventKind.Scheduled => "Call scheduled",
        LeadEventKind.Rescheduled => "Call moved",
        LeadEventKind.CallCancelled => "Call time cancelled",
        LeadEventKind.OutcomeRecorded => "Outcome recorded",
        LeadEventKind.MarkedDuplicate => "Marked as a duplicate",
        LeadEventKind.DuplicateMergedIn => "Duplicate merged in",
        LeadEventKind.MarkedSpam => "Marked as spam",
        LeadEventKind.Reopened => "Reopened",
        LeadEventKind.CancelledByPatient => "Cancelled by the patient",
        LeadEventKind.AskedAgain => "Asked again",
        LeadEventKind.FollowUpRan => "Timed follow-up ran",
        LeadEventKind.FollowUpSkipped => "Timed follow-up not needed",
        LeadEventKind.PreferredTimesChanged => "Best times to call changed",
        LeadEventKind.PatientConfirmedAvailable => "Patient will be available",
        LeadEventKind.SiteChanged => "Preferred site changed",
        _ => kind.ToString(),
    };
}
