using LeadManager.Data.Sites;

namespace LeadManager.Data.Leads;

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
