using LeadManager.Data.Sites;
using LeadManager.Data.Staff;

namespace LeadManager.Data.Leads;

/// <summary>One line of a lead's timeline. Details never hold health information.</summary>
public sealed class LeadEvent
{
    public long Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public DateTime At { get; private set; }
    public LeadEventKind Kind { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public int? ActorStaffMemberId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Details { get; private set; } = "";

    /// <summary>
    /// The time the event is about (the agreed call, the booked assessment), in UTC. Kept out
    /// of <see cref="Details"/> so every page can show it in clinic time.
    /// </summary>
    public DateTime? Time { get; private set; }

    /// <summary>For a moved call: the time it was moved from (UTC).</summary>
    public DateTime? PreviousTime { get; private set; }

    private LeadEvent()
    {
    }

    /// <summary>
    /// A line about an email sent for the lead. Not a lifecycle action: it changes nothing on
    /// the lead, so it is added on its own without touching the lead's version.
    /// </summary>
    public static LeadEvent ForEmail(int leadId, LeadEventKind kind, DateTime at, string details) => new()
    {
        LeadId = leadId,
        Kind = kind,
        ActorKind = ActorKind.System,
        ActorName = Actor.System.Name,
        At = at,
        Details = details.Length > 500 ? details[..500] : details,
    };

    internal static LeadEvent For(Lead lead, LeadEventKind kind, Actor by, DateTime at, string details, DateTime? time = null, DateTime? previousTime = null) => new()
    {
        Time = time,
        PreviousTime = previousTime,
        Lead = lead,
        Kind = kind,
        ActorKind = by.Kind,
        ActorStaffMemberId = by.StaffMemberId,
        ActorName = by.Name,
        At = at,
        Details = details,
    };
}

public sealed class CallAttempt
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public int StaffMemberId { get; private set; }
    public StaffMember? StaffMember { get; private set; }
    public DateTime At { get; private set; }
    public CallAttemptResult Result { get; private set; }
    public string? Note { get; private set; }

    private CallAttempt()
    {
    }

    internal CallAttempt(Lead lead, int staffMemberId, DateTime at, CallAttemptResult result, string? note)
    {
        Lead = lead;
        StaffMemberId = staffMemberId;
        At = at;
        Result = result;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

public sealed class ClinicalReview
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public int ReviewerId { get; private set; }
    public StaffMember? Reviewer { get; private set; }
    public DateTime ReviewedAt { get; private set; }
    public ClinicalReviewDecision Decision { get; private set; }
    public string? Note { get; private set; }

    private ClinicalReview()
    {
    }

    internal ClinicalReview(Lead lead, int reviewerId, DateTime reviewedAt, ClinicalReviewDecision decision, string? note)
    {
        Lead = lead;
        ReviewerId = reviewerId;
        ReviewedAt = reviewedAt;
        Decision = decision;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

/// <summary>What a clinician enters when a call ends in a booked assessment.</summary>
public sealed record AssessmentBookingDetails(DateTime StartsAtUtc, int SiteId, string? PracticeSystemReference);

public sealed class AssessmentBooking
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public DateTime StartsAt { get; private set; }
    public int SiteId { get; private set; }
    public Site? Site { get; private set; }

    /// <summary>The booking's reference in the clinic's practice-management system.</summary>
    public string? PracticeSystemReference { get; private set; }
    public int? BookedById { get; private set; }
    public DateTime BookedAt { get; private set; }

    private AssessmentBooking()
    {
    }

    internal AssessmentBooking(Lead lead, AssessmentBookingDetails details, int? bookedById, DateTime bookedAt)
    {
        Lead = lead;
        StartsAt = details.StartsAtUtc;
        SiteId = details.SiteId;
        PracticeSystemReference = string.IsNullOrWhiteSpace(details.PracticeSystemReference) ? null : details.PracticeSystemReference.Trim();
        BookedById = bookedById;
        BookedAt = bookedAt;
    }
}

public sealed record ReferralDetails(ReferralDestination Destination, string? Note);

public sealed class Referral
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public ReferralDestination Destination { get; private set; }
    public string? Note { get; private set; }
    public int? ReferredById { get; private set; }
    public DateTime ReferredAt { get; private set; }

    private Referral()
    {
    }

    internal Referral(Lead lead, ReferralDetails details, int? referredById, DateTime referredAt)
    {
        Lead = lead;
        Destination = details.Destination;
        Note = string.IsNullOrWhiteSpace(details.Note) ? null : details.Note.Trim();
        ReferredById = referredById;
        ReferredAt = referredAt;
    }
}

public sealed class LeadNote
{
    public int Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    /// <summary>The staff member who wrote it; null for what the patient sent (a repeat request).</summary>
    public int? AuthorId { get; private set; }
    public StaffMember? Author { get; private set; }
    public DateTime At { get; private set; }
    public string Text { get; private set; } = "";

    private LeadNote()
    {
    }

    internal LeadNote(Lead lead, int? authorId, DateTime at, string text)
    {
        Lead = lead;
        AuthorId = authorId;
        At = at;
        Text = text;
    }
}

/// <summary>Who opened which lead's health details, and when (data-protection audit).</summary>
public sealed class LeadAccessLog
{
    public long Id { get; set; }
    public int LeadId { get; set; }
    public string UserId { get; set; } = "";
    public int? StaffMemberId { get; set; }
    public DateTime At { get; set; }

    /// <summary>What was opened, e.g. "lead page" or "export".</summary>
    public string What { get; set; } = "";
}
