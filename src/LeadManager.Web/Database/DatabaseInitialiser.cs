using LeadManager.Data;
using LeadManager.Data.Sqlite;
using LeadManager.Data.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Database;

/// <summary>
/// Runs before the app takes requests: applies migrations (always on SQLite; on SQL Server
/// only when Database:MigrateOnStartup), makes sure the staff roles exist, creates the
/// bootstrap admin, then runs every <see cref="IDatabaseSeeder"/> (the demo data, when Demo:Seed).
/// </summary>
internal sealed class DatabaseInitialiser(
    IServiceProvider services,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<BootstrapOptions> bootstrapOptions,
    ILogger<DatabaseInitialiser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("{Count} database migration(s) pending: {Migrations}", pending.Count, string.Join(", ", pending));
            }

            if (databaseOptions.Value.Provider == DatabaseProvider.Sqlite)
            {
                await db.MigrateSqliteAsync(cancellationToken);
            }
            else if (databaseOptions.Value.MigrateOnStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            else if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The SQL Server database is missing {pending.Count} migration(s) ({string.Join(", ", pending)}). Apply them with the command in docs/operations.md, or set Database:MigrateOnStartup to true.");
            }
        }

        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        await CreateBootstrapAdminAsync(provider, cancellationToken);

        foreach (var seeder in provider.GetServices<IDatabaseSeeder>())
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateBootstrapAdminAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        var bootstrap = bootstrapOptions.Value;
        if (string.IsNullOrWhiteSpace(bootstrap.AdminEmail))
        {
            return;
        }

        var users = provider.GetRequiredService<UserManager<IdentityUser>>();
        if ((await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count > 0)
        {
            return;
        }

        var user = new IdentityUser { UserName = bootstrap.AdminEmail, Email = bootstrap.AdminEmail, EmailConfirmed = true };
        Check(await users.CreateAsync(user, bootstrap.AdminPassword), "create the bootstrap admin (Bootstrap:AdminEmail)");
        Check(await users.AddToRoleAsync(user, StaffRoles.Admin), "give the bootstrap admin the Admin role");
        await using var db = await provider.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync(cancellationToken);
        // The password came from configuration: they choose their own at first sign-in (Auth/MustChangePassword).
        db.StaffMembers.Add(new StaffMember { UserId = user.Id, DisplayName = "Clinic manager", MustChangePassword = true });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Created the first admin account from Bootstrap:AdminEmail; it must choose a new password at first sign-in. Remove Bootstrap:AdminPassword from configuration.");
    }

    internal static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
