using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadManager.Data.Sqlite;

/// <summary>The embedded default: one SQLite file, migrations from this assembly.</summary>
public static class SqliteDatabase
{
    /// <summary>How long a writer waits for another writer's lock before failing (ms).</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>
    /// Applies pending migrations and switches the file to WAL, which lets readers (the board)
    /// go on while a writer commits. WAL is a property of the file, so it is set once here
    /// rather than on every connection.
    /// </summary>
    public static async Task MigrateSqliteAsync(this LeadDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public static DbContextOptionsBuilder UseLeadManagerSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmas.Instance);

    /// <summary>
    /// The busy timeout makes a second writer wait for the lock instead of failing at once
    /// with "database is locked". It is per connection, so it is set on every open.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds};";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>Used by <c>dotnet ef</c> only: builds the context without starting the web app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<LeadDbContext>
{
    public LeadDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LeadDbContext>();
        options.UseLeadManagerSqlite("Data Source=design-time.db");
        return new LeadDbContext(options.Options);
    }
}
