using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadManager.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> lead)
    {
        lead.Property(l => l.Reference).HasMaxLength(12).IsRequired();
        lead.HasIndex(l => l.Reference).IsUnique();

        lead.Property(l => l.ContactPersonName).HasMaxLength(100);
        lead.Property(l => l.FirstName).HasMaxLength(100).IsRequired();
        lead.Property(l => l.LastName).HasMaxLength(100).IsRequired();
        lead.Property(l => l.Email).HasMaxLength(254).IsRequired();
        lead.Property(l => l.Phone).HasMaxLength(20).IsRequired();
        lead.Property(l => l.Concern).HasMaxLength(2000);
        lead.Property(l => l.HeardAbout).HasMaxLength(100);
        lead.Property(l => l.InsurerName).HasMaxLength(100);
        lead.Property(l => l.PrivacyNoticeVersion).HasMaxLength(20);
        lead.Property(l => l.UtmSource).HasMaxLength(100);
        lead.Property(l => l.UtmMedium).HasMaxLength(100);
        lead.Property(l => l.UtmCampaign).HasMaxLength(100);
        lead.Property(l => l.UtmTerm).HasMaxLength(100);
        lead.Property(l => l.UtmContent).HasMaxLength(100);

        lead.Property(l => l.Version).IsConcurrencyToken();

        lead.HasOne(l => l.PreferredSite).WithMany().HasForeignKey(l => l.PreferredSiteId).OnDelete(DeleteBehavior.Restrict);
        lead.HasOne(l => l.AssignedClinician).WithMany().HasForeignKey(l => l.AssignedClinicianId).OnDelete(DeleteBehavior.Restrict);
        lead.HasOne(l => l.MergedInto).WithMany().HasForeignKey(l => l.MergedIntoLeadId).OnDelete(DeleteBehavior.Restrict);

        lead.HasMany(l => l.Events).WithOne(e => e.Lead).HasForeignKey(e => e.LeadId).OnDelete(DeleteBehavior.Cascade);
        lead.HasMany(l => l.CallAttempts).WithOne(a => a.Lead).HasForeignKey(a => a.LeadId).OnDelete(DeleteBehavior.Cascade);
        lead.HasMany(l => l.ClinicalReviews).WithOne(r => r.Lead).HasForeignKey(r => r.LeadId).OnDelete(DeleteBehavior.Cascade);
        lead.HasMany(l => l.AssessmentBookings).WithOne(b => b.Lead).HasForeignKey(b => b.LeadId).OnDelete(DeleteBehavior.Cascade);
        lead.HasMany(l => l.Referrals).WithOne(r => r.Lead).HasForeignKey(r => r.LeadId).OnDelete(DeleteBehavior.Cascade);
        lead.HasMany(l => l.Notes).WithOne(n => n.Lead).HasForeignKey(n => n.LeadId).OnDelete(DeleteBehavior.Cascade);

        lead.Ignore(l => l.PatientName);
        lead.Ignore(l => l.IsOpen);
        lead.Ignore(l => l.NeedsClinicalReview);

        // The board: open leads by status, then by clinician / site, oldest first.
        lead.HasIndex(l => new { l.Status, l.CreatedAt });
        lead.HasIndex(l => new { l.Status, l.AssignedClinicianId, l.ScheduledCallAt });
        lead.HasIndex(l => new { l.Status, l.PreferredSiteId });
        // Look-ups (duplicates, the patient ringing in) and reports.
        lead.HasIndex(l => l.Email);
        lead.HasIndex(l => l.Phone);
        lead.HasIndex(l => l.CreatedAt);
        lead.HasIndex(l => l.ClosedAt);
    }
}
