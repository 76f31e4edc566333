using LeadManager.Data.Staff;

namespace LeadManager.Data.Leads;

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
