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

internal sealed class LeadEventConfiguration : IEntityTypeConfiguration<LeadEvent>
{
    public void Configure(EntityTypeBuilder<LeadEvent> leadEvent)
    {
        leadEvent.Property(e => e.ActorName).HasMaxLength(100).IsRequired();
        leadEvent.Property(e => e.Details).HasMaxLength(500).IsRequired();
        leadEvent.HasIndex(e => new { e.LeadId, e.At });
    }
}

internal sealed class CallAttemptConfiguration : IEntityTypeConfiguration<CallAttempt>
{
    public void Configure(EntityTypeBuilder<CallAttempt> attempt)
    {
        attempt.Property(a => a.Note).HasMaxLength(1000);
        attempt.HasOne(a => a.StaffMember).WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        attempt.HasIndex(a => new { a.StaffMemberId, a.At });
    }
}

internal sealed class ClinicalReviewConfiguration : IEntityTypeConfiguration<ClinicalReview>
{
    public void Configure(EntityTypeBuilder<ClinicalReview> review)
    {
        review.Property(r => r.Note).HasMaxLength(2000);
        review.HasOne(r => r.Reviewer).WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentBookingConfiguration : IEntityTypeConfiguration<AssessmentBooking>
{
    public void Configure(EntityTypeBuilder<AssessmentBooking> booking)
    {
        booking.Property(b => b.PracticeSystemReference).HasMaxLength(50);
        booking.HasOne(b => b.Site).WithMany().HasForeignKey(b => b.SiteId).OnDelete(DeleteBehavior.Restrict);
        booking.HasIndex(b => b.StartsAt);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> referral) =>
        referral.Property(r => r.Note).HasMaxLength(1000);
}

internal sealed class LeadNoteConfiguration : IEntityTypeConfiguration<LeadNote>
{
    public void Configure(EntityTypeBuilder<LeadNote> note)
    {
        note.Property(n => n.Text).HasMaxLength(4000).IsRequired();
        note.HasOne(n => n.Author).WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeadAccessLogConfiguration : IEntityTypeConfiguration<LeadAccessLog>
{
    public void Configure(EntityTypeBuilder<LeadAccessLog> log)
    {
        log.Property(l => l.UserId).HasMaxLength(450).IsRequired();
        log.Property(l => l.What).HasMaxLength(50).IsRequired();
        log.HasOne<Lead>().WithMany().HasForeignKey(l => l.LeadId).OnDelete(DeleteBehavior.Cascade);
        log.HasIndex(l => new { l.LeadId, l.At });
        log.HasIndex(l => new { l.UserId, l.At });
    }
}
