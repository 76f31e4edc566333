using LeadManager.Data.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class StaffLeaveConfiguration : IEntityTypeConfiguration<StaffLeave>
{
    public void Configure(EntityTypeBuilder<StaffLeave> leave) =>
        leave.HasIndex(l => new { l.StaffMemberId, l.LastDay });
}
