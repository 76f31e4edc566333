using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class LeadAccessLogConfiguration : IEntityTypeConfiguration<LeadAccessLog>
{
    public void Configure(EntityTypeBuilder<LeadAccessLog> log)
    {
        log.Property(l => l.UserId).HasMaxLength(450).IsRequired();
        log.Property(l => l.What).HasMaxLength(50).IsRequired();
        log.HasOne<Lead>().WithMany().HasForeignKey(l => l.LeadId).OnDelete(DeleteBehavior.Cascade);
        log.HasIndex(l => new { l.LeadId, l.At });
        log.HasIndex(l => new { l.UserId, l.At });
    }
}
