using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LeadManager.Data.SqlServer;

/// <summary>Production: SQL Server, migrations from this assembly.</summary>
public static class SqlServerDatabase
{
    public static DbContextOptionsBuilder UseLeadManagerSqlServer(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql =>
        {
            sql.MigrationsAssembly(typeof(SqlServerDatabase).Assembly.GetName().Name);
            sql.EnableRetryOnFailure();
        });
}

/// <summary>Used by <c>dotnet ef</c> only. Generating migrations and scripts needs no server.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<LeadDbContext>
{
    public LeadDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LeadDbContext>();
        options.UseLeadManagerSqlServer("Server=(local);Database=LeadManager;Trusted_Connection=True;TrustServerCertificate=True");
        return new LeadDbContext(options.Options);
    }
}
