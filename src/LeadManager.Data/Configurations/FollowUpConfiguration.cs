using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.Property(f => f.Kind).HasMaxLength(50).IsRequired();
        followUp.Property(f => f.SkipReason).HasMaxLength(300);
        followUp.Property(f => f.ClaimedBy).HasMaxLength(100);
        followUp.HasOne(f => f.Lead).WithMany().HasForeignKey(f => f.LeadId).OnDelete(DeleteBehavior.Cascade);
        followUp.HasOne<StaffMember>().WithMany().HasForeignKey(f => f.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        // The sweep: only what is due and not done.
        followUp.HasIndex(f => new { f.Status, f.DueAt });
        followUp.HasIndex(f => new { f.LeadId, f.Kind });
        followUp.HasIndex(f => new { f.StaffMemberId, f.Kind, f.MadeFor });
    }
}
