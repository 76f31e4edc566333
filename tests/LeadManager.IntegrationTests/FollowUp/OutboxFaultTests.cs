using LeadManager.Data.Outbox;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>Fault drills: the mail server down, then back; a permanent refusal. Each prints its counts.</summary>
public sealed class OutboxFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mail_server_down_then_back_delivers_every_message_exactly_once()
    {
        var port = SmtpTestServer.FreePort();
        await using var app = OutboxEmailTests.SmtpApp(port);
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            references.Add(await OutboxEmailTests.SubmitAsync(app, $"outage{i}@example.com"));
        }

        var retrying = await OutboxEmailTests.WaitForAsync(app, async db =>
        {
            var rows = await db.OutboundEmails.AsNoTracking().Where(e => e.Status == OutboundEmailStatus.Retrying).ToListAsync();
            return rows.Count == 6 ? rows : null;
        });
        Assert.All(retrying, e => Assert.Contains("Could not reach the mail server", e.LastError));

        await using var smtp = new SmtpTestServer(port);
        try
        {
            foreach (var i in Enumerable.Range(0, 3))
            {
                await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == $"outage{i}@example.com"));
            }
        }
        catch (TimeoutException)
        {
            await using var db = await OutboxEmailTests.Db(app);
            foreach (var e in await db.OutboundEmails.AsNoTracking().ToListAsync())
            {
                output.WriteLine($"{e.Id} {e.Kind} {e.Status} attempts={e.Attempts} next={e.NextAttemptAt:HH:mm:ss.fff} claimed={e.ClaimedUntil:HH:mm:ss.fff} err={e.LastError}");
            }

            output.WriteLine($"now={DateTime.UtcNow:HH:mm:ss.fff}");
            throw;
        }

        var sent = await OutboxEmailTests.WaitForAsync(app, async db =>
        {
            var rows = await db.OutboundEmails.AsNoTracking().ToListAsync();
            return rows.All(e => e.Status == OutboundEmailStatus.Sent) ? rows : null;
        }, seconds: 30);
        await Quiet.ForAsync(TimeSpan.FromSeconds(1.5), "one more 1 s retry interval: nothing further may arrive");
        output.WriteLine($"outage drill: {sent.Count} emails, attempts {string.Join(",", sent.Select(e => e.Attempts))}, received {smtp.Messages.Count}");
        Assert.Equal(6, smtp.Messages.Count);
        Assert.All(sent, e => Assert.True(e.Attempts >= 2));
    }

    [Fact]
    public async Task A_temporary_refusal_then_success_delivers_once()
    {
        await using var smtp = new SmtpTestServer { TemporaryRefusals = 2 };
        await using var app = OutboxEmailTests.SmtpApp(smtp.Port);

        await OutboxEmailTests.SubmitAsync(app, "later@example.com");

        await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == "later@example.com"));
        await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == "reception@clinic.test"));
        var rows = await OutboxEmailTests.WaitForAsync(app, async db =>
        {
            var all = await db.OutboundEmails.AsNoTracking().ToListAsync();
            return all.All(e => e.Status == OutboundEmailStatus.Sent) ? all : null;
        }, seconds: 30);
        await Quiet.ForAsync(TimeSpan.FromSeconds(1.5), "one more 1 s retry interval: a third delivery would show");
        output.WriteLine($"4xx drill: refused {smtp.RefusedCount} time(s) with 452, then received {smtp.Messages.Count}; attempts {string.Join(",", rows.Select(e => e.Attempts))}");
        Assert.Equal(2, smtp.RefusedCount);
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Equal(4, rows.Sum(e => e.Attempts));
    }

    [Fact]
    public async Task A_permanent_refusal_marks_the_email_failed_without_retrying()
    {
        await using var smtp = new SmtpTestServer(acceptsRecipient: address => !address.StartsWith("refused", StringComparison.Ordinal));
        await using var app = OutboxEmailTests.SmtpApp(smtp.Port);

        var reference = await OutboxEmailTests.SubmitAsync(app, "refused@example.com");

        var failed = await OutboxEmailTests.WaitForAsync(app, async db => await db.OutboundEmails.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Lead!.Reference == reference && e.Kind == OutboundEmailKinds.PatientConfirmation && e.Status == OutboundEmailStatus.Failed));
        await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == "reception@clinic.test"));
        await Quiet.ForAsync(TimeSpan.FromSeconds(2.5), "longer than the 1 s retry delay: a retry would show");
        await using var db = await OutboxEmailTests.Db(app);
        var after = await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == failed.Id);
        output.WriteLine($"refusal drill: attempts {after.Attempts}, status {after.Status}, error {after.LastError}");
        Assert.Equal(1, after.Attempts);
        Assert.Equal(OutboundEmailStatus.Failed, after.Status);
        Assert.Contains("550", after.LastError);
        Assert.Contains(await db.LeadEvents.Where(e => e.LeadId == after.LeadId).ToListAsync(), e => e.Kind == Data.Leads.LeadEventKind.EmailFailed);
    }
}

/// <summary>
/// A mail server that takes the whole message and then drops the connection without
/// answering: the message may or may not have been delivered.
/// </summary>
public sealed class UncertainDeliveryTests
{
    [Fact]
    public async Task A_connection_lost_after_the_message_was_handed_over_is_Uncertain_and_never_resent()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var handedOver = 0;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptTcpClientAsync(stop.Token);
                await using var stream = socket.GetStream();
                using var reader = new StreamReader(stream);
                await using var writer = new StreamWriter(stream) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 drop.test ESMTP");
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase) || line.StartsWith("HELO", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("250 drop.test");
                    }
                    else if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync(stop.Token) is { } data && data != ".")
                        {
                        }

                        Interlocked.Increment(ref handedOver);
                        break; // hang up without the final 250
                    }
                    else
                    {
                        await writer.WriteLineAsync("250 ok");
                    }
                }
            }
        });

        try
        {
            await using var app = OutboxEmailTests.SmtpApp(port);
            await OutboxEmailTests.SubmitAsync(app, "maybe@example.com");

            var rows = await OutboxEmailTests.WaitForAsync(app, async db =>
            {
                var all = await db.OutboundEmails.AsNoTracking().ToListAsync();
                return all.Count == 2 && all.All(e => e.Status == OutboundEmailStatus.Uncertain) ? all : null;
            });
            await Quiet.ForAsync(TimeSpan.FromSeconds(2.5), "longer than the 1 s retry delay: a resend would show");

            await using var db = await OutboxEmailTests.Db(app);
            var after = await db.OutboundEmails.AsNoTracking().ToListAsync();
            Assert.All(after, e => Assert.Equal(OutboundEmailStatus.Uncertain, e.Status));
            Assert.All(after, e => Assert.Equal(1, e.Attempts));
            Assert.Equal(2, Volatile.Read(ref handedOver));
            Assert.Contains(await db.LeadEvents.ToListAsync(), e => e.Kind == Data.Leads.LeadEventKind.EmailUncertain);
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            try
            {
                await server;
            }
            catch (Exception exception) when (exception is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
