using LeadManager.Data;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadManager.IntegrationTests.Operations;

/// <summary>
/// The app with its job server stopped (FollowUp:ProcessJobs=false), as when the worker has died,
/// on a fake clock: whatever falls due stays due, and the test says how long it has waited.
/// </summary>
public sealed class StoppedJobServerApp : TestApp
{
    public StoppedJobServerApp()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow), new LogCapture(), seedDemo: false)
    {
    }

    private StoppedJobServerApp(FakeTimeProvider clock, LogCapture log, bool seedDemo)
        : base("Testing",
            new Dictionary<string, string?> { ["FollowUp:ProcessJobs"] = "false", ["Demo:Seed"] = seedDemo ? "true" : "false" },
            services: services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
                services.AddSingleton<ILoggerProvider>(log);
            })
    {
        Clock = clock;
        Log = log;
    }

    /// <summary>With the demo staff, to sign in as each role.</summary>
    public static StoppedJobServerApp WithDemoStaff() => new(new FakeTimeProvider(DateTimeOffset.UtcNow), new LogCapture(), seedDemo: true);

    public FakeTimeProvider Clock { get; }

    public LogCapture Log { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public async Task<LeadDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();

    /// <summary>Empties both workflow tables, so each test says exactly what is waiting.</summary>
    public async Task ClearWorkflowAsync()
    {
        await using var db = await DbAsync();
        await db.OutboundEmails.ExecuteDeleteAsync();
        await db.FollowUps.ExecuteDeleteAsync();
    }

    public async Task<LeadManager.Data.Outbox.FollowUp> AddStepAsync(DateTime dueAt, FollowUpStatus status = FollowUpStatus.Pending)
    {
        await using var db = await DbAsync();
        var step = new LeadManager.Data.Outbox.FollowUp { Kind = FollowUpKinds.DailyDigest, DueAt = dueAt, MadeFor = dueAt, Status = status, CreatedAt = Now };
        db.FollowUps.Add(step);
        await db.SaveChangesAsync();
        return step;
    }

    public async Task<OutboundEmail> AddEmailAsync(DateTime nextAttemptAt, OutboundEmailStatus status = OutboundEmailStatus.Pending)
    {
        await using var db = await DbAsync();
        var email = new OutboundEmail
        {
            Kind = OutboundEmailKinds.ReceptionNewRequest,
            Recipient = "reception@clinic.test",
            Status = status,
            NextAttemptAt = nextAttemptAt,
            CreatedAt = Now,
        };
        db.OutboundEmails.Add(email);
        await db.SaveChangesAsync();
        return email;
    }
}
