using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> site)
    {
        site.Property(s => s.Name).HasMaxLength(100).IsRequired();
        site.HasIndex(s => s.Name).IsUnique();
        site.Property(s => s.Address).HasMaxLength(300).IsRequired();
        site.Property(s => s.Phone).HasMaxLength(20).IsRequired();
        site.HasMany(s => s.OpeningHours).WithOne().HasForeignKey(h => h.SiteId).OnDelete(DeleteBehavior.Cascade);
        site.HasMany(s => s.Closures).WithOne().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
        site.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.DutyClinicianId).OnDelete(DeleteBehavior.SetNull);
        site.Property(s => s.Version).IsConcurrencyToken();
    }
}
