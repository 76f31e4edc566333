using LeadManager.Data.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class SiteClosureConfiguration : IEntityTypeConfiguration<SiteClosure>
{
    public void Configure(EntityTypeBuilder<SiteClosure> closure)
    {
        closure.Property(c => c.Reason).HasMaxLength(200).IsRequired();
        closure.HasIndex(c => new { c.SiteId, c.FirstDay }).IsUnique();
    }
}
