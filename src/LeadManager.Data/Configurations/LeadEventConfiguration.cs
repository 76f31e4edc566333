using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class LeadEventConfiguration : IEntityTypeConfiguration<LeadEvent>
{
    public void Configure(EntityTypeBuilder<LeadEvent> leadEvent)
    {
        leadEvent.Property(e => e.ActorName).HasMaxLength(100).IsRequired();
        leadEvent.Property(e => e.Details).HasMaxLength(500).IsRequired();
        leadEvent.HasIndex(e => new { e.LeadId, e.At });
    }
}
