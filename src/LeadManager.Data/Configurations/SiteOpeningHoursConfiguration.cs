using LeadManager.Data.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class SiteOpeningHoursConfiguration : IEntityTypeConfiguration<SiteOpeningHours>
{
    public void Configure(EntityTypeBuilder<SiteOpeningHours> hours) =>
        hours.HasIndex(h => new { h.SiteId, h.Day });
}
