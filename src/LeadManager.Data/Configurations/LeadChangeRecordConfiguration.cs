using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class LeadChangeRecordConfiguration : IEntityTypeConfiguration<LiveUpdates.LeadChangeRecord>
{
    public void Configure(EntityTypeBuilder<LiveUpdates.LeadChangeRecord> change)
    {
        change.HasKey(c => c.Sequence);
        change.Property(c => c.Sequence).ValueGeneratedOnAdd();
        change.Property(c => c.Reference).HasMaxLength(12).IsRequired();
        change.Property(c => c.Origin).HasMaxLength(64).IsRequired();
        // No foreign key: a change row outlives nothing and must never block deleting a lead.
        change.HasIndex(c => c.At);
    }
}
