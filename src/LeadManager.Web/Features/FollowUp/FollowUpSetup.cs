using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using LeadManager.Data.Staff;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Hangfire for the follow-up workflow (ADR-007). SQL Server keeps its jobs in SQL Server
/// (Hangfire.SqlServer); the embedded default keeps them in memory, because the outbox tables
/// are the source of truth and the sweep re-enqueues whatever a restart lost. The storage and
/// the job activator belong to this app instance, not to Hangfire's static globals, so two
/// apps in one process (the tests) never run each other's jobs.
/// </summary>
public static class FollowUpSetup
{
    public const string DashboardPolicy = "HangfireDashboard";

    public static IServiceCollection AddFollowUp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FollowUpOptions, FollowUpOptionsValidator>(configuration, FollowUpOptions.Section);
        var provider = configuration.GetValue(DatabaseOptions.Section + ":" + nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        services.AddSingleton<JobStorage>(_ => provider == DatabaseProvider.SqlServer
            ? new SqlServerStorage(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName(provider)), new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(1),
                SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
            })
            : new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new ResilientLogProvider(new AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>()))));
        if (configuration.GetValue(FollowUpOptions.Section + ":" + nameof(FollowUpOptions.ProcessJobs), true))
        {
            services.AddHostedService<JobServerHost>();
        }

        services.AddSingleton<ManageLinks>();
        services.AddSingleton<ClaimOwner>();
        services.AddScoped<PatientCancellation>();
        services.AddScoped<PatientSelfService>();
        services.AddScoped<OutboundEmailComposer>();
        services.AddScoped<OutcomeEmailContent>();
        services.AddScoped<SendEmailJob>();
        services.AddScoped<OutboxSweepJob>();
        services.AddScoped<FollowUpStepJob>();
        services.AddScoped<FollowUpStepEmails>();
        services.AddSingleton<DailyDigests>();
        services.AddSingleton<StaffLinks>();
        services.AddSingleton<DailyDigestContent>();
        services.AddSingleton<FollowUpPlanner>();
        services.AddHostedService<FollowUpStartup>();
        services.AddAuthorizationBuilder().AddPolicy(DashboardPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireRole(StaffRoles.Admin));
        return services;
    }

    /// <summary>The Hangfire dashboard, for Admins only (never Hangfire's local-requests default, which a reverse proxy makes public).</summary>
    public static void MapFollowUpDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboardWithAuthorizationPolicy(DashboardPolicy, "/hangfire", new DashboardOptions
        {
            DashboardTitle = "LeadManager jobs",
            DisplayStorageConnectionString = false,
        });

    /// <summary>
    /// Runs the Hangfire server for this app's own storage. Started here, after the database
    /// initialiser, rather than by Hangfire's hosted service, which waits for ApplicationStarted
    /// and was seen (in the test suite) to leave an app with no server at all.
    /// </summary>
    private sealed class JobServerHost(
        IGlobalConfiguration configured, // resolving it applies the serializer settings and log provider first
        JobStorage storage,
        JobActivator activator,
        IJobFilterProvider filters,
        Microsoft.Extensions.Options.IOptions<FollowUpOptions> options) : IHostedService, IDisposable
    {
        private BackgroundJobServer? _server;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(configured);
            _server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                WorkerCount = options.Value.Workers,
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
                ServerName = $"leadmanager:{Environment.MachineName}:{Guid.NewGuid():N}",
                Activator = activator,
                FilterProvider = filters,
            }, storage);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_server is null)
            {
                return;
            }

            _server.SendStop();
            try
            {
                await _server.WaitForShutdownAsync(cancellationToken);
            }
            catch (ObjectDisposedException)
            {
                // StopAsync can run twice under WebApplicationFactory (dotnet/aspnetcore#40271).
            }
        }

        public void Dispose()
        {
            _server?.Dispose();
            _server = null;
        }
    }

    /// <summary>After the database is ready: the minutely sweep, and one sweep now for whatever waited across a restart.</summary>
    private sealed class FollowUpStartup(
        IRecurringJobManager recurring,
        IBackgroundJobClient jobs,
        Microsoft.EntityFrameworkCore.IDbContextFactory<LeadManager.Data.LeadDbContext> dbFactory,
        ClaimOwner claimOwner,
        ClinicClock clock,
        ILogger<FollowUpStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var released = await claimOwner.ReleaseClaimsOfDeadProcessesAsync(db, clock.UtcNow, cancellationToken);
                if (released > 0)
                {
                    logger.LogWarning("Released {Count} claims held by a previous run of this app that is no longer running", released);
                }
            }

            recurring.AddOrUpdate<OutboxSweepJob>(OutboxSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
            jobs.Enqueue<OutboxSweepJob>(job => job.RunAsync(CancellationToken.None));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
