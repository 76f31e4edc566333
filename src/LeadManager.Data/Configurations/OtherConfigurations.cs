using LeadManager.Data.Outbox;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> email)
    {
        email.Property(e => e.Kind).HasMaxLength(50).IsRequired();
        email.Property(e => e.Recipient).HasMaxLength(254).IsRequired();
        email.Property(e => e.SmtpMessageId).HasMaxLength(250);
        email.Property(e => e.LastError).HasMaxLength(1000);
        email.HasOne(e => e.Lead).WithMany().HasForeignKey(e => e.LeadId).OnDelete(DeleteBehavior.Restrict);
        // The sweep: what is due and not done.
        email.HasIndex(e => new { e.Status, e.NextAttemptAt });
        email.HasIndex(e => new { e.LeadId, e.Kind });
    }
}

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
    }
}

internal sealed class SiteOpeningHoursConfiguration : IEntityTypeConfiguration<SiteOpeningHours>
{
    public void Configure(EntityTypeBuilder<SiteOpeningHours> hours) =>
        hours.HasIndex(h => new { h.SiteId, h.Day });
}

internal sealed class SiteClosureConfiguration : IEntityTypeConfiguration<SiteClosure>
{
    public void Configure(EntityTypeBuilder<SiteClosure> closure)
    {
        closure.Property(c => c.Reason).HasMaxLength(200).IsRequired();
        closure.HasIndex(c => new { c.SiteId, c.Date }).IsUnique();
    }
}

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
    }
}

internal sealed class StaffWorkingHoursConfiguration : IEntityTypeConfiguration<StaffWorkingHours>
{
    public void Configure(EntityTypeBuilder<StaffWorkingHours> hours) =>
        hours.HasIndex(h => new { h.StaffMemberId, h.Day });
}

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
