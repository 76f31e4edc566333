using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The real app on a real SQLite file with a fake clock, a real SMTP server on 127.0.0.1 and no
/// job server, for the emails a request's ending sends: a test records an outcome through
/// <see cref="LeadActions"/>, moves the clock, sends what is due as the sweep would, and reads
/// what arrived. The clock starts on Monday 7 September 2026 at 09:00 London time and only goes forward.
/// </summary>
public class OutcomeEmailApp : ClockedWorkflowApp
{
    /// <summary>What no outcome email may ever carry: the request's concern, set on every request made here.</summary>
    public const string SecretConcern = "SECRET-HEALTH-DETAIL";

    public OutcomeEmailApp()
        : this(assessmentInvite: false)
    {
    }

    // Monday 7 September 2026, 09:00 in London.
    protected OutcomeEmailApp(bool assessmentInvite)
        : base(new DateTimeOffset(2026, 9, 7, 8, 0, 0, TimeSpan.Zero), new Dictionary<string, string?> { ["Workflow:AssessmentInvite"] = assessmentInvite ? "true" : "false" })
    {
    }

    public sealed record Arranged(int Id, string Reference, string Email);

    /// <summary>A request made now, assigned to <see cref="ClinicianA"/>, whose concern is <see cref="SecretConcern"/>.</summary>
    public async Task<Arranged> AssignedLeadAsync(TriageLevel triage = TriageLevel.Routine, Action<Lead, LeadDbContext>? arrange = null)
    {
        var now = Now;
        var created = await CreateLeadAtAsync(this, now, triage, (lead, db) =>
        {
            lead.Concern = SecretConcern;
            lead.Assign(Staff(db, ClinicianA), Actor.System, now);
            arrange?.Invoke(lead, db);
        });
        return new Arranged(created.Id, created.Reference, (await ReadAsync(this, created.Id)).Email);
    }

    public async Task<LeadActionResult> ActAsync(Arranged lead, Func<LeadActions, ClaimsPrincipal, int, int, Task<LeadActionResult>> act, string by = ClinicianA)
    {
        var who = await PrincipalAsync(this, by);
        var version = (await ReadAsync(this, lead.Id)).Version;
        await using var scope = Services.CreateAsyncScope();
        var result = await act(scope.ServiceProvider.GetRequiredService<LeadActions>(), who, lead.Id, version);
        Assert.True(result.Succeeded, result.Message);
        return result;
    }

    public Task<LeadActionResult> RecordAsync(Arranged lead, CloseReason outcome, bool? emailPatient = null, BookingInput? booking = null, ReferralDetails? referral = null) =>
        ActAsync(lead, (actions, who, id, version) => actions.RecordOutcomeAsync(who, id, version, outcome, booking, referral, emailPatient));

    public async Task<int> SiteIdAsync(string name)
    {
        await using var db = await NewDbAsync(this);
        return await db.Sites.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    // ---- sending what the sweep would, and reading what arrived

    /// <summary>Sends the request's emails that are due now, and waits until each one sent has arrived.</summary>
    public async Task SendDueAsync(Arranged lead)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await NewDbAsync(this);
        var now = Now;
        var due = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.LeadId == lead.Id && (e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying) && e.NextAttemptAt <= now)
            .Select(e => e.Id)
            .ToArrayAsync();
        if (due.Length > 0)
        {
            await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunManyAsync(due, CancellationToken.None);
        }

        var sent = await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == lead.Id && e.Status == OutboundEmailStatus.Sent).Select(e => e.SmtpMessageId).ToListAsync();
        foreach (var messageId in sent)
        {
            await Smtp.WaitForMessageAsync(m => m.MessageId == messageId);
        }
    }

    /// <summary>What reached the patient's inbox, oldest first.</summary>
    public IReadOnlyList<MimeMessage> ToPatient(Arranged lead) => Smtp.Messages
        .Where(m => m.To.Mailboxes.Any(t => string.Equals(t.Address, lead.Email, StringComparison.OrdinalIgnoreCase)))
        .OrderBy(m => m.Date)
        .ToList();

    /// <summary>The request's outbox rows to the patient, whatever their state.</summary>
    public async Task<List<OutboundEmail>> PatientRowsAsync(Arranged lead)
    {
        await using var db = await NewDbAsync(this);
        return await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == lead.Id && e.Recipient == lead.Email).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Nothing an outcome email says may come from the patient's health: the concern, the body area, the red-flag answers, a review or referral note.</summary>
    public static void AssertNoHealthDetail(MimeMessage message, params string[] alsoNever)
    {
        var everything = string.Join("\n", message.Subject, message.TextBody, message.HtmlBody,
            string.Join("\n", message.BodyParts.OfType<TextPart>().Select(p => p.Text)));
        foreach (var never in new[] { SecretConcern, "SECRET", "knee", "numb", "pins and needles", "red flag" }.Concat(alsoNever))
        {
            Assert.DoesNotContain(never, everything, StringComparison.OrdinalIgnoreCase);
        }
    }
}
