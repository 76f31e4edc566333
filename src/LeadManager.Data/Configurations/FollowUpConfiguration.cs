using LeadManager.Data.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.Property(f => f.Kind).HasMaxLength(50).IsRequired();
        followUp.HasOne(f => f.Lead).WithMany().HasForeignKey(f => f.LeadId).OnDelete(DeleteBehavior.Cascade);
        followUp.HasIndex(f => new { f.Status, f.DueAt });
        followUp.HasIndex(f => new { f.LeadId, f.Kind });
    }
}
