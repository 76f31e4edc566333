using LeadManager.Data;
using LeadManager.Data.Sqlite;
using LeadManager.Data.SqlServer;
using LeadManager.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Database;

internal static class DatabaseSetup
{
    public static string ConnectionStringName(DatabaseProvider provider) => provider.ToString();

    /// <summary>
    /// Registers <c>IDbContextFactory&lt;LeadDbContext&gt;</c> (what handlers use, one context per
    /// operation) and a scoped context for Identity's stores, on the configured provider; the
    /// initialiser that migrates and seeds it before the app takes requests; and the Data
    /// Protection keys kept in it.
    /// </summary>
    public static IServiceCollection AddLeadDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration, DatabaseOptions.Section);
        services.AddValidatedOptions<BootstrapOptions, BootstrapOptionsValidator>(configuration, BootstrapOptions.Section);
        var provider = configuration.GetValue(DatabaseOptions.Section + ":" + nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(ConnectionStringName(provider)) ?? "";
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = ResolveSqliteFile(connectionString, environment.ContentRootPath);
        }

        // Pooled: a Blazor circuit or an intake post creates a context per operation, and
        // reusing their internals keeps that cheap (see docs/performance.md).
        services.AddPooledDbContextFactory<LeadDbContext>(options =>
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                options.UseLeadManagerSqlServer(connectionString);
            }
            else
            {
                options.UseLeadManagerSqlite(connectionString);
            }
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContext());
        // Hosted services start in the order they are added, and Program.cs adds the database
        // before the areas whose start-up reads it: it is migrated and seeded first.
        services.AddHostedService<DatabaseInitialiser>();
        services.AddSingleton<WriteGate>();

        // Staff cookies, antiforgery tokens, form tickets and the patient's signed links must
        // survive a restart and work on every server.
        services.AddDataProtection()
            .SetApplicationName("LeadManager")
            .PersistKeysToDbContext<LeadDbContext>();
        return services;
    }

    /// <summary>A relative SQLite path is under the content root (so App_Data/ sits beside the app), and its folder is created.</summary>
    internal static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return builder.ToString();
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }
}
