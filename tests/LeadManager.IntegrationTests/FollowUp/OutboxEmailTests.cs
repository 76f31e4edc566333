using System.Net.Http.Json;
using System.Text.Json;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>The real app sending through MailKit to a real SMTP server on 127.0.0.1.</summary>
public sealed class OutboxEmailTests : IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new();
    private TestApp _app = null!;

    public Task InitializeAsync()
    {
        _app = SmtpApp(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    internal static TestApp SmtpApp(int port, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
            ["FollowUp:RetryDelaysSeconds:0"] = "1",
            ["Intake:MinimumFillSeconds"] = "0",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new TestApp("Testing", settings, services: services);
    }

    private static int _phones;

    internal static async Task<string> SubmitAsync(TestApp app, string email, string firstName = "Ann", string concern = "Knee pain on the stairs", string[]? redFlags = null)
    {
        // A different phone each time: the same phone would join the first request as "asked again".
        var phone = $"07911 {120000 + Interlocked.Increment(ref _phones):000000}";
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);
        var response = await client.PostAsJsonAsync("/api/leads", new
        {
            forWhom = "me", firstName, lastName = "Tester", email, phone, bodyArea = "knee",
            concern, screened = true, redFlags = redFlags ?? [], consents = new { contact = true, healthData = true },
        });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("reference").GetString()!;
    }

    [Fact]
    public async Task A_request_puts_the_confirmation_in_the_patient_s_inbox_and_the_notice_in_reception_s()
    {
        var reference = await SubmitAsync(_app, "ann.first@example.com", firstName: "<script>alert(1)</script>Ann", concern: "SECRET-HEALTH-DETAIL headaches");

        var patient = await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "ann.first@example.com"));
        var reception = await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "reception@clinic.test") && (m.Subject ?? "").Contains(reference));

        Assert.Equal($"Your discovery call request {reference}", patient.Subject);
        Assert.Contains(reference, patient.TextBody);
        Assert.Contains(reference, patient.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;Ann", patient.HtmlBody);
        Assert.DoesNotContain("<script>", patient.HtmlBody);
        Assert.Contains("will call you", patient.TextBody);
        foreach (var message in new[] { patient, reception })
        {
            Assert.DoesNotContain("SECRET-HEALTH-DETAIL", message.TextBody);
            Assert.DoesNotContain("SECRET-HEALTH-DETAIL", message.HtmlBody);
            Assert.DoesNotContain("script", string.Join(" ", message.Headers.Select(h => h.Value)), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains($"/leads/{reference}", reception.TextBody);
        Assert.Contains("Routine", reception.TextBody);
        // Staff emails carry our reference, never the patient's name.
        Assert.DoesNotContain("Tester", reception.TextBody);
        Assert.DoesNotContain("Tester", reception.HtmlBody);
        Assert.DoesNotContain("alert(1)", reception.HtmlBody);
    }

    [Fact]
    public async Task Sent_emails_are_marked_with_their_message_id_and_written_on_the_timeline()
    {
        var reference = await SubmitAsync(_app, "ann.second@example.com");
        var patient = await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "ann.second@example.com"));

        var sent = await WaitForAsync(_app, async db => await db.OutboundEmails.AsNoTracking()
            .Where(e => e.Lead!.Reference == reference && e.Kind == OutboundEmailKinds.PatientConfirmation && e.Status == OutboundEmailStatus.Sent).SingleOrDefaultAsync());

        Assert.Equal(patient.MessageId, sent.SmtpMessageId);
        Assert.Equal(1, sent.Attempts);
        await using var db = await Db(_app);
        Assert.Contains(await db.LeadEvents.Where(e => e.Lead.Reference == reference).ToListAsync(),
            e => e.Kind == LeadEventKind.EmailSent && e.Details.Contains(patient.MessageId!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Emergency_confirmation_leads_with_urgent_care_advice()
    {
        await SubmitAsync(_app, "ann.urgent@example.com", redFlags: ["sudden-severe-headache"]);

        var patient = await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "ann.urgent@example.com"));

        Assert.StartsWith("PLEASE GET URGENT MEDICAL HELP NOW", (patient.TextBody ?? "").TrimStart());
        Assert.Contains("999", patient.TextBody);
        Assert.Contains("NHS 111", patient.TextBody);
    }

    [Fact]
    public async Task The_same_send_job_run_twice_at_once_sends_one_email()
    {
        var reference = await SubmitAsync(_app, "ann.twice@example.com");
        await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "ann.twice@example.com"));
        long id;
        await using (var db = await Db(_app))
        {
            var lead = await db.Leads.SingleAsync(l => l.Reference == reference);
            var email = OutboundEmailKinds.Due(lead, OutboundEmailKinds.PatientConfirmation, "twice.again@example.com", DateTime.UtcNow.AddSeconds(-1));
            db.OutboundEmails.Add(email);
            await db.SaveChangesAsync();
            id = email.Id;
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunAsync(id, CancellationToken.None);
        }));
        await scope2SweepAsync();

        await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "twice.again@example.com"));
        Assert.Single(_smtp.Messages, m => m.To.Mailboxes.Any(t => t.Address == "twice.again@example.com"));

        async Task scope2SweepAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxSweepJob>().RunAsync(CancellationToken.None);
        }
    }

    /// <summary>Waits for an email at the SMTP server; on timeout, says what the outbox and Hangfire hold.</summary>
    internal static async Task<MimeMessage> WaitForEmailAsync(TestApp app, SmtpTestServer smtp, Func<MimeMessage, bool> match)
    {
        try
        {
            return await smtp.WaitForMessageAsync(match);
        }
        catch (TimeoutException timeout)
        {
            await using var db = await Db(app);
            var rows = await db.OutboundEmails.AsNoTracking().ToListAsync();
            throw new TimeoutException(
                $"{timeout.Message} Outbox: [{string.Join("; ", rows.Select(e => $"{e.Id} {e.Kind} {e.Status} attempts={e.Attempts} next={e.NextAttemptAt:HH:mm:ss.fff} claim={e.ClaimedUntil:HH:mm:ss.fff} err={e.LastError}"))}] at {DateTime.UtcNow:HH:mm:ss.fff}. {HangfireState(app)}",
                timeout);
        }
    }

    /// <summary>What Hangfire itself says, for a failure message: counts and any failed job's exception.</summary>
    internal static string HangfireState(TestApp app)
    {
        var monitoring = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        var failed = monitoring.FailedJobs(0, 5).Select(j => $"{j.Value.Job?.Method.Name}: {j.Value.ExceptionType} {j.Value.ExceptionMessage}");
        var processing = monitoring.ProcessingJobs(0, 5).Select(j => $"{j.Value.Job?.Method.Name} since {j.Value.StartedAt:HH:mm:ss.fff} on {j.Value.ServerId}");
        return $"Hangfire: enqueued {stats.Enqueued}, processing {stats.Processing}, scheduled {stats.Scheduled}, succeeded {stats.Succeeded}, failed {stats.Failed}, servers {stats.Servers}. "
            + $"Failed: [{string.Join("; ", failed)}]. Processing: [{string.Join("; ", processing)}].";
    }

    internal static Task<LeadDbContext> Db(TestApp app) =>
        app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();

    /// <summary>Waits until <paramref name="query"/>, on a fresh context each time, finds the outbox in the state it wants.</summary>
    internal static Task<T> WaitForAsync<T>(TestApp app, Func<LeadDbContext, Task<T?>> query, int seconds = 30)
        where T : class =>
        Eventually.ValueAsync(
            async () =>
            {
                await using var db = await Db(app);
                return await query(db);
            },
            "The outbox reaching the expected state",
            TimeSpan.FromSeconds(seconds),
            () => HangfireState(app));
}
