using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>An escalation that comes due while the mail server is down is delivered once it is back, and only once.</summary>
public sealed class EscalationOutageTests
{
    [Fact]
    public async Task An_SMTP_outage_at_due_time_delays_the_escalation_and_it_is_delivered_once_after_recovery()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 2, 9, 0, 0, TimeSpan.Zero)); // Wednesday 10:00 in London
        var port = SmtpTestServer.FreePort();
        await using var app = OutboxEmailTests.SmtpApp(port,
            new() { ["FollowUp:ProcessJobs"] = "false", ["FollowUp:RetryDelaysSeconds:0"] = "300" },
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var now = clock.GetUtcNow().UtcDateTime;
        var lead = await CreateLeadAtAsync(app, now, lastName: "Outage");
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = await NewDbAsync(app))
        {
            var tracked = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            await scope.ServiceProvider.GetRequiredService<FollowUpPlanner>().PlanAsync(db, tracked, now, null, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        // Due, run, and the mail server is down: the email waits for its retry.
        clock.Advance(TimeSpan.FromMinutes(16));
        await RunAsync(app, async (services, db) =>
        {
            var step = await db.FollowUps.SingleAsync(f => f.LeadId == lead.Id && f.Kind == FollowUpKinds.AssignOverdue);
            await services.GetRequiredService<FollowUpStepJob>().RunAsync(step.Id, CancellationToken.None);
        });
        await SendDueAsync(app);
        await using (var db = await NewDbAsync(app))
        {
            var email = await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.LeadId == lead.Id && e.Kind == FollowUpKinds.AssignOverdue);
            Assert.Equal(OutboundEmailStatus.Retrying, email.Status);
        }

        // Back up; the retry time comes; two sweeps' worth of sends.
        await using var smtp = new SmtpTestServer(port);
        clock.Advance(TimeSpan.FromMinutes(6));
        await SendDueAsync(app);
        await SendDueAsync(app);

        var delivered = await smtp.WaitForMessageAsync(m => (m.Subject ?? "").Contains(lead.Reference, StringComparison.Ordinal));
        await Quiet.ForAsync(TimeSpan.FromSeconds(1), "a second delivery would arrive here");
        Assert.Single(smtp.Messages, m => (m.Subject ?? "").Contains(lead.Reference, StringComparison.Ordinal));
        Assert.Contains("reception@clinic.test", delivered.To.Mailboxes.Select(m => m.Address));
        Assert.DoesNotContain("Robin", delivered.TextBody ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Knee hurts", delivered.TextBody ?? "", StringComparison.Ordinal);
    }

    private static async Task RunAsync(TestApp app, Func<IServiceProvider, Data.LeadDbContext, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await NewDbAsync(app);
        await work(scope.ServiceProvider, db);
    }

    // What the sweep would queue, sent here and now (no job server in this app).
    private static Task SendDueAsync(TestApp app) => RunAsync(app, async (services, db) =>
    {
        var clock = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var due = await db.OutboundEmails.AsNoTracking()
            .Where(e => (e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying) && e.NextAttemptAt <= clock && e.Kind == FollowUpKinds.AssignOverdue)
            .Select(e => e.Id).ToListAsync();
        foreach (var id in due)
        {
            await services.GetRequiredService<SendEmailJob>().RunAsync(id, CancellationToken.None);
        }
    });
}
