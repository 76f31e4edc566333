using Microsoft.Extensions.Options;

namespace LeadManager.Web.Database;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQL Server only: apply pending migrations at start-up. SQLite always migrates.</summary>
    public bool MigrateOnStartup { get; set; }
}

internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var key = DatabaseSetup.ConnectionStringName(options.Provider);
        return string.IsNullOrWhiteSpace(configuration.GetConnectionString(key))
            ? ValidateOptionsResult.Fail($"ConnectionStrings:{key} is required when Database:Provider is {options.Provider}.")
            : ValidateOptionsResult.Success;
    }
}
