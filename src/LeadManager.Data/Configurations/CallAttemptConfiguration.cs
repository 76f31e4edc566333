using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class CallAttemptConfiguration : IEntityTypeConfiguration<CallAttempt>
{
    public void Configure(EntityTypeBuilder<CallAttempt> attempt)
    {
        attempt.Property(a => a.Note).HasMaxLength(1000);
        attempt.HasOne(a => a.StaffMember).WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasIndex(a => new { a.StaffMemberId, a.At });
    }
}
