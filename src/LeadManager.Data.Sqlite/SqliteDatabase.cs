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

    public static DbContextOptionsBuilder UseLeadManagerSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .AddInterceptors(SqlitePragmas.Instance);

    /// <summary>
    /// WAL lets readers (the board) go on while a writer commits; the busy timeout makes a
    /// second writer wait instead of failing at once with "database is locked".
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
            command.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={BusyTimeoutMilliseconds};";
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
