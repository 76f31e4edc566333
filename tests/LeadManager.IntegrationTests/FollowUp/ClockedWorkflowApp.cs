using System.Globalization;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The real app on a real SQLite file with a fake clock, a real SMTP server on 127.0.0.1 and no
/// job server: a test moves the clock and runs what the sweep would for its own request (its
/// due steps, then its due emails), so every step runs exactly when the test says. One per
/// test class; the clock only goes forward, so each test counts from the clock as it finds it.
/// Workflow defaults throughout (London time).
/// </summary>
public class ClockedWorkflowApp : TestApp
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <param name="settings">Settings besides the clock, SMTP and job-server ones (an option a test class turns on).</param>
    /// <param name="services">Services besides the clock (a test class's own fault to inject).</param>
    protected ClockedWorkflowApp(DateTimeOffset start, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        : this(new FakeTimeProvider(start), new SmtpTestServer(), settings, services)
    {
    }

    private ClockedWorkflowApp(FakeTimeProvider clock, SmtpTestServer smtp, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
        : base("Testing", Settings(smtp, settings), services: all =>
        {
            all.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            services?.Invoke(all);
        })
    {
        Clock = clock;
        Smtp = smtp;
    }

    public FakeTimeProvider Clock { get; }

    public SmtpTestServer Smtp { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public DateTime ClinicNow => TimeZoneInfo.ConvertTimeFromUtc(Now, London);

    public DateTime Today(int hour, int minute) => ClinicNow.Date.AddHours(hour).AddMinutes(minute);

    public DateTime Tomorrow(int hour, int minute) => Today(hour, minute).AddDays(1);

    public static DateTime ToUtc(DateTime clinicTime) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(clinicTime, DateTimeKind.Unspecified), London);

    /// <summary>The next time the clinic's clock shows hour:minute (on <paramref name="day"/> if given), at least a few minutes on.</summary>
    public void MoveToNext(int hour, int minute, DayOfWeek? day = null)
    {
        var next = Today(hour, minute);
        while (ToUtc(next) < Now.AddMinutes(5) || (day is { } wanted && next.DayOfWeek != wanted))
        {
            next = next.AddDays(1);
        }

        MoveTo(ToUtc(next));
    }

    public void MoveTo(DateTime utc)
    {
        if (utc > Now)
        {
            Clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));
        }
    }

    /// <summary>A staff action on the request's current version, as <paramref name="by"/>; it must succeed.</summary>
    public async Task ActAsync(int leadId, Func<LeadActions, System.Security.Claims.ClaimsPrincipal, int, int, Task<LeadActionResult>> act, string by = Reception)
    {
        var who = await PrincipalAsync(this, by);
        var version = (await ReadAsync(this, leadId)).Version;
        await using var scope = Services.CreateAsyncScope();
        var result = await act(scope.ServiceProvider.GetRequiredService<LeadActions>(), who, leadId, version);
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>Moves past the grace, then runs what is due.</summary>
    public async Task AfterTheGraceAsync(int leadId)
    {
        MoveTo(Now.AddMinutes(3));
        await ProcessAsync(leadId);
    }

    /// <summary>The request's due steps, then (unless told not to) its due emails, as the sweep queues them; waits until every email sent has arrived.</summary>
    public async Task ProcessAsync(int leadId, bool sendEmails = true)
    {
        await using var scope = Services.CreateAsyncScope();
        await using (var db = await NewDbAsync(this))
        {
            var due = await db.FollowUps.AsNoTracking().Where(FollowUpStepJob.Claimable(Now, Now)).Where(f => f.LeadId == leadId).Select(f => f.Id).ToArrayAsync();
            if (due.Length > 0)
            {
                await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunManyAsync(due, CancellationToken.None);
            }
        }

        if (!sendEmails)
        {
            return;
        }

        await using (var db = await NewDbAsync(this))
        {
            var emails = await db.OutboundEmails.AsNoTracking()
                .Where(e => e.LeadId == leadId && (e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying) && e.NextAttemptAt <= Now)
                .Select(e => e.Id)
                .ToArrayAsync();
            if (emails.Length > 0)
            {
                await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunManyAsync(emails, CancellationToken.None);
            }

            var sent = await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == leadId && e.Status == OutboundEmailStatus.Sent).Select(e => e.SmtpMessageId).ToListAsync();
            foreach (var messageId in sent)
            {
                await Smtp.WaitForMessageAsync(m => m.MessageId == messageId);
            }
        }
    }

    public async Task<List<Data.Outbox.FollowUp>> StepsAsync(int leadId, string kind, FollowUpStatus? status = null)
    {
        await using var db = await NewDbAsync(this);
        return await db.FollowUps.AsNoTracking()
            .Where(f => f.LeadId == leadId && f.Kind == kind && (status == null || f.Status == status))
            .ToListAsync();
    }

    /// <summary>The request's emails of this kind that went, as they arrived, in the order they were sent.</summary>
    public async Task<IReadOnlyList<(OutboundEmail Row, MimeKit.MimeMessage Message)>> SentAsync(int leadId, string kind)
    {
        await using var db = await NewDbAsync(this);
        var rows = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.LeadId == leadId && e.Kind == kind && e.Status == OutboundEmailStatus.Sent)
            .OrderBy(e => e.SentAt)
            .ToListAsync();
        return rows.Select(r => (r, Smtp.Messages.Single(m => m.MessageId == r.SmtpMessageId))).ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, string?> Settings(SmtpTestServer smtp, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FollowUp:ProcessJobs"] = "false",
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
