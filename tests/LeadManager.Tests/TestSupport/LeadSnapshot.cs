using LeadManager.Data.Leads;

namespace LeadManager.Tests.TestSupport;

/// <summary>
/// Everything a lifecycle method may change, captured so a refused action can be shown to
/// have changed nothing.
/// </summary>
internal sealed record LeadSnapshot(
    LeadStatus Status,
    int Version,
    int EventCount,
    int? AssignedClinicianId,
    DateTime? ScheduledCallAt,
    CloseReason? CloseReason,
    DateTime? ClosedAt,
    int CalendarSequence,
    int UnansweredAttempts,
    DateTime? ClinicallyReviewedAt,
    int CallAttemptCount,
    int ClinicalReviewCount,
    int AssessmentBookingCount,
    int ReferralCount,
    Lead? MergedInto,
    DateTime UpdatedAt)
{
    public static LeadSnapshot Of(Lead lead) => new(
        lead.Status,
        lead.Version,
        lead.Events.Count,
        lead.AssignedClinicianId,
        lead.ScheduledCallAt,
        lead.CloseReason,
        lead.ClosedAt,
        lead.CalendarSequence,
        lead.UnansweredAttempts,
        lead.ClinicallyReviewedAt,
        lead.CallAttempts.Count,
        lead.ClinicalReviews.Count,
        lead.AssessmentBookings.Count,
        lead.Referrals.Count,
        lead.MergedInto,
        lead.UpdatedAt);
}
