using LeadManager.Data.Audit;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadManager.Data;

/// <summary>
/// The one database: leads, staff, sites, the outbox, Identity and Data Protection keys.
/// Pages and handlers get it from <c>IDbContextFactory&lt;LeadDbContext&gt;</c>, one per operation.
/// </summary>
public sealed class LeadDbContext(DbContextOptions<LeadDbContext> options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Pinned here rather than read from IdentityOptions, so the model (and so the
    /// migrations) is the same whether the context is built by the app, a test or dotnet ef.
    /// </summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version2;

    protected override Version SchemaVersion => IdentitySchemaVersion;

    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadEvent> LeadEvents => Set<LeadEvent>();
    public DbSet<CallAttempt> CallAttempts => Set<CallAttempt>();
    public DbSet<ClinicalReview> ClinicalReviews => Set<ClinicalReview>();
    public DbSet<AssessmentBooking> AssessmentBookings => Set<AssessmentBooking>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<LeadNote> LeadNotes => Set<LeadNote>();
    public DbSet<LeadAccessLog> LeadAccessLogs => Set<LeadAccessLog>();
    public DbSet<LiveUpdates.LeadChangeRecord> LeadChanges => Set<LiveUpdates.LeadChangeRecord>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<StaffLeave> StaffLeave => Set<StaffLeave>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LeadDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database; SQLite hands back Unspecified without this.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        toDb => toDb.Kind == DateTimeKind.Local ? toDb.ToUniversalTime() : DateTime.SpecifyKind(toDb, DateTimeKind.Utc),
        fromDb => DateTime.SpecifyKind(fromDb, DateTimeKind.Utc));
}
