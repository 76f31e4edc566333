using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>Retry times come from TimeProvider: the test moves a fake clock and runs the sweep itself.</summary>
public sealed class OutboxClockTests
{
    [Fact]
    public async Task A_waiting_email_goes_out_only_when_its_retry_time_comes_and_only_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var port = SmtpTestServer.FreePort();
        await using var app = OutboxEmailTests.SmtpApp(port,
            // No demo data: its requests' own escalations would come due as this clock moves.
            new() { ["FollowUp:RetryDelaysSeconds:0"] = "600", ["Demo:Seed"] = "false" },
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        await OutboxEmailTests.SubmitAsync(app, "clock@example.com");
        await OutboxEmailTests.WaitForAsync(app, async db =>
        {
            var rows = await db.OutboundEmails.AsNoTracking().Where(e => e.Status == OutboundEmailStatus.Retrying).ToListAsync();
            return rows.Count == 2 ? rows : null;
        });
        await using var smtp = new SmtpTestServer(port);

        var early = await SweepAsync(app);
        clock.Advance(TimeSpan.FromMinutes(9));
        var stillEarly = await SweepAsync(app);
        clock.Advance(TimeSpan.FromMinutes(2));
        var due = await SweepAsync(app);
        await SweepAsync(app); // a second sweep while they are in flight: the claims keep it to one send each

        Assert.Equal(0, early);
        Assert.Equal(0, stillEarly);
        Assert.Equal(2, due);
        await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == "clock@example.com"));
        await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == "reception@clinic.test"));
        await OutboxEmailTests.WaitForAsync(app, async db =>
        {
            var rows = await db.OutboundEmails.AsNoTracking().ToListAsync();
            return rows.All(e => e.Status == OutboundEmailStatus.Sent) ? rows : null;
        });
        Assert.Equal(0, await SweepAsync(app));
        Assert.Equal(2, smtp.Messages.Count);
    }

    private static async Task<int> SweepAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSweepJob>().RunAsync(CancellationToken.None);
    }
}
