using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class AssessmentBookingConfiguration : IEntityTypeConfiguration<AssessmentBooking>
{
    public void Configure(EntityTypeBuilder<AssessmentBooking> booking)
    {
        booking.Property(b => b.PracticeSystemReference).HasMaxLength(50);
        booking.HasOne(b => b.Site).WithMany().HasForeignKey(b => b.SiteId).OnDelete(DeleteBehavior.Restrict);
        booking.HasIndex(b => b.StartsAt);
    }
}
