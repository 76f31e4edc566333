using LeadManager.Data;
using LeadManager.Data.Sqlite;
using LeadManager.Data.SqlServer;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadManager.IntegrationTests.Database;

public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leadmanager-tests", Guid.NewGuid().ToString("N"));

    public MigrationTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_file()
    {
        var file = Path.Combine(_directory, "empty.db");
        await using var db = Sqlite(file);

        await db.MigrateSqliteAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Leads.CountAsync());
        Assert.Equal("wal", await JournalModeAsync(db));
    }

    [Fact]
    public void Sqlite_model_has_no_pending_changes()
    {
        using var db = Sqlite(Path.Combine(_directory, "model.db"));

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a migration for SQLite (see docs/operations.md).");
    }

    [Fact]
    public void SqlServer_model_has_no_pending_changes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a migration for SQL Server (see docs/operations.md).");
    }

    [Fact]
    public void SqlServer_idempotent_script_is_generated_without_a_server()
    {
        var script = IdempotentSqlServerScript();

        Assert.Contains("IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE [Leads]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Leads_Reference]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script);
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = Sqlite(Path.Combine(_directory, "names.db"));
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    /// <summary>What `dotnet ef migrations script --idempotent` hands a DBA, made without a server.</summary>
    internal static string IdempotentSqlServerScript()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static LeadDbContext Sqlite(string file)
    {
        var options = new DbContextOptionsBuilder<LeadDbContext>();
        options.UseLeadManagerSqlite($"Data Source={file}");
        return new LeadDbContext(options.Options);
    }

    private static async Task<string> JournalModeAsync(LeadDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
