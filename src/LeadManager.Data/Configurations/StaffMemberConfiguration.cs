using LeadManager.Data.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        staff.HasIndex(s => s.UserId).IsUnique();
        staff.HasOne<IdentityUser>().WithOne().HasForeignKey<StaffMember>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        staff.Property(s => s.DisplayName).HasMaxLength(100).IsRequired();
        staff.HasMany(s => s.Sites).WithMany().UsingEntity("StaffMemberSites");
        staff.HasMany(s => s.WorkingHours).WithOne().HasForeignKey(h => h.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        staff.HasMany(s => s.Leave).WithOne().HasForeignKey(l => l.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        staff.Property(s => s.Version).IsConcurrencyToken();
    }
}
