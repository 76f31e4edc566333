using LeadManager.Data;
using LeadManager.Data.Sqlite;
using LeadManager.Data.SqlServer;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Database;

internal static class DatabaseSetup
{
    public static string ConnectionStringName(DatabaseProvider provider) => provider.ToString();

    /// <summary>
    /// Registers <c>IDbContextFactory&lt;LeadDbContext&gt;</c> (what handlers use, one context per
    /// operation) and a scoped context for Identity's stores, on the configured provider.
    /// </summary>
    public static IServiceCollection AddLeadDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
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
