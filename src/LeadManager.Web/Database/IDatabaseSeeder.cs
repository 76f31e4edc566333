namespace LeadManager.Web.Database;

/// <summary>
/// Fills the database after it is migrated and the staff roles exist, before the app takes
/// requests. The demo data is one; a seeder decides for itself whether it runs.
/// </summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
