using LeadManager.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const int ValueLength = 1000;

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.ActorName).HasMaxLength(100).IsRequired();
        entry.Property(e => e.Area).HasMaxLength(30).IsRequired();
        entry.Property(e => e.SubjectId).HasMaxLength(50).IsRequired();
        entry.Property(e => e.SubjectName).HasMaxLength(200).IsRequired();
        entry.Property(e => e.Action).HasMaxLength(100).IsRequired();
        entry.Property(e => e.Field).HasMaxLength(100);
        entry.Property(e => e.From).HasMaxLength(ValueLength);
        entry.Property(e => e.To).HasMaxLength(ValueLength);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Area, e.SubjectId, e.At });
    }
}
