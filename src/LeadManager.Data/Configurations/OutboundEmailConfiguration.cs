using LeadManager.Data.Outbox;
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
        email.Property(e => e.ClaimedBy).HasMaxLength(100);
        email.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(e => e.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        email.HasOne(e => e.Lead).WithMany().HasForeignKey(e => e.LeadId).OnDelete(DeleteBehavior.Restrict);
        // The sweep: what is due and not done.
        email.HasIndex(e => new { e.Status, e.NextAttemptAt });
        email.HasIndex(e => new { e.LeadId, e.Kind });
    }
}
