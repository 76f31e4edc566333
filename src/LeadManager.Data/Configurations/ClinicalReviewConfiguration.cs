using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class ClinicalReviewConfiguration : IEntityTypeConfiguration<ClinicalReview>
{
    public void Configure(EntityTypeBuilder<ClinicalReview> review)
    {
        review.Property(r => r.Note).HasMaxLength(2000);
        review.HasOne(r => r.Reviewer).WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
    }
}
