using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.Sites;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.FollowUp.StaffEmailTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The clinicians' morning digest on a fake clock: planned once per clinic day for whoever works
/// it, never on a day they do not work or their sites are shut, and delivered (no request, no
/// patient name) through the real SMTP server with the day's agreed calls and the reviews waiting.
/// </summary>
public sealed class DailyDigestTests
{
    private const string Priya = LeadTestData.ClinicianA;
    private const string Tom = LeadTestData.ClinicianB;
    private const string Hannah = "clinician3@clinic.test";
    private const string Marcus = "clinician4@clinic.test";

    [Fact]
    public async Task Digests_are_planned_once_a_day_for_today_and_tomorrow_for_the_clinicians_who_work_then()
    {
        var clock = ClockAt(new DateTime(2027, 3, 8, 6, 0, 0)); // a Monday, GMT
        await using var app = App(clock);

        var first = await PlanAsync(app);
        var again = await PlanAsync(app);
        var byAnotherProcess = await PlanAsync(app, ActivatorUtilities.CreateInstance<DailyDigests>(app.Services));
        clock.SetUtcNow(Utc(new DateTime(2027, 3, 9, 0, 1, 0)));
        var nextDay = await PlanAsync(app);

        Assert.Equal(6, first);
        Assert.Equal(0, again);
        Assert.Equal(0, byAnotherProcess);
        Assert.Equal(4, nextDay);
        var digests = await DigestsAsync(app);
        Assert.Equal(
            [
                (Hannah, new DateTime(2027, 3, 8, 8, 0, 0)), (Marcus, new DateTime(2027, 3, 8, 8, 0, 0)), (Priya, new DateTime(2027, 3, 8, 8, 0, 0)),
                (Tom, new DateTime(2027, 3, 9, 8, 0, 0)), (Marcus, new DateTime(2027, 3, 9, 8, 0, 0)), (Priya, new DateTime(2027, 3, 9, 8, 0, 0)),
                (Tom, new DateTime(2027, 3, 10, 8, 0, 0)), (Hannah, new DateTime(2027, 3, 10, 8, 0, 0)), (Marcus, new DateTime(2027, 3, 10, 8, 0, 0)),
                (Priya, new DateTime(2027, 3, 10, 8, 0, 0)),
            ],
            digests.Select(d => (d.Email, d.DueAtUtc)).ToList());
        Assert.All(digests, d => Assert.Equal(d.DueAtUtc.Date, d.MadeForUtc));
    }

    [Fact]
    public async Task No_digest_is_planned_on_a_bank_holiday_at_the_clinician_s_sites_or_on_a_day_they_do_not_work()
    {
        // Easter Monday 2027, the day after the clocks went forward. Riverside opens on bank
        // holidays; Town Centre keeps England and Wales's.
        var clock = ClockAt(new DateTime(2027, 3, 28, 12, 0, 0));
        await using var app = App(clock);
        await using (var db = await DbAsync(app))
        {
            await db.Sites.Where(s => s.Name == "Riverside").ExecuteUpdateAsync(set => set.SetProperty(s => s.BankHolidayRegion, BankHolidayRegion.None));
        }

        var planned = await PlanAsync(app);

        // Priya (Riverside) and Hannah (both sites) work; Marcus (Town Centre) has the bank holiday; Tom never works Mondays.
        Assert.Equal(2, planned);
        Assert.Equal(
            [(Hannah, new DateTime(2027, 3, 29, 7, 0, 0)), (Priya, new DateTime(2027, 3, 29, 7, 0, 0))],
            (await DigestsAsync(app)).Select(d => (d.Email, d.DueAtUtc)).ToList());
    }

    [Fact]
    public async Task A_clinician_on_leave_is_sent_no_digest_on_their_days_off_and_one_again_when_they_are_back()
    {
        var clock = ClockAt(new DateTime(2027, 3, 8, 6, 0, 0)); // a Monday, GMT
        await using var app = App(clock);
        await using (var db = await DbAsync(app))
        {
            var userId = await db.Users.Where(u => u.Email == Priya).Select(u => u.Id).SingleAsync();
            var priya = await db.StaffMembers.SingleAsync(s => s.UserId == userId);
            db.StaffLeave.Add(new Data.Staff.StaffLeave { StaffMemberId = priya.Id, FirstDay = new DateOnly(2027, 3, 8), LastDay = new DateOnly(2027, 3, 9) });
            await db.SaveChangesAsync();
        }

        await PlanAsync(app);

        // Today and tomorrow as in the first test, without Priya: she is away Monday and Tuesday.
        Assert.DoesNotContain(Priya, (await DigestsAsync(app)).Select(d => d.Email));
        clock.SetUtcNow(Utc(new DateTime(2027, 3, 9, 0, 1, 0)));
        await PlanAsync(app);
        Assert.Equal([new DateTime(2027, 3, 10, 8, 0, 0)], (await DigestsAsync(app)).Where(d => d.Email == Priya).Select(d => d.DueAtUtc).ToList());
    }

    [Fact]
    public async Task The_digest_reaches_the_clinician_by_smtp_with_today_s_calls_and_times_what_to_arrange_what_is_overdue_and_the_reviews_waiting()
    {
        await using var smtp = new SmtpTestServer();
        var clock = ClockAt(new DateTime(2027, 3, 8, 6, 0, 0));
        await using var app = App(clock, smtp.Port);
        var now = clock.GetUtcNow().UtcDateTime;
        Lead at1030, at1400, toArrange, missed;
        int priyaId, reviewsWaiting;
        await using (var db = await DbAsync(app))
        {
            var priya = Staff(db, Priya);
            priyaId = priya.Id;
            var reception = Reception(db);
            at1030 = NewLead(now.AddDays(-1), arrange: l => { l.Assign(priya, reception, now.AddDays(-1)); l.Schedule(Utc(new DateTime(2027, 3, 8, 10, 30, 0)), reception, now.AddDays(-1)); });
            at1400 = NewLead(now.AddDays(-1), arrange: l => { l.Assign(priya, reception, now.AddDays(-1)); l.Schedule(Utc(new DateTime(2027, 3, 8, 14, 0, 0)), reception, now.AddDays(-1)); });
            toArrange = NewLead(now.AddMinutes(-10), arrange: l => l.Assign(priya, reception, now.AddMinutes(-5)));
            missed = NewLead(now.AddDays(-4), arrange: l => { l.Assign(priya, reception, now.AddDays(-4)); l.Schedule(Utc(new DateTime(2027, 3, 5, 15, 0, 0)), reception, now.AddDays(-4)); });
            db.Leads.AddRange(at1400, at1030, toArrange, missed, NewLead(now.AddHours(-1), TriageLevel.ReviewFirst));
            await db.SaveChangesAsync();
            reviewsWaiting = await db.Leads.CountAsync(l => l.Status != LeadStatus.Closed
                && (l.Triage == TriageLevel.ReviewFirst || l.Triage == TriageLevel.Emergency) && l.ClinicallyReviewedAt == null);
        }

        await PlanAsync(app);
        clock.SetUtcNow(Utc(new DateTime(2027, 3, 8, 8, 0, 30)));
        var digest = (await DigestsAsync(app)).Single(d => d.Email == Priya && d.MadeForUtc == new DateTime(2027, 3, 8));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunAsync(digest.Id, CancellationToken.None));
        }

        OutboundEmail row;
        await using (var db = await DbAsync(app))
        {
            row = await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.FollowUpId == digest.Id);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunAsync(row.Id, CancellationToken.None);
        }

        var message = await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == Priya));
        Assert.Null(row.LeadId);
        Assert.Equal(priyaId, row.StaffMemberId);
        Assert.StartsWith("Your day, Monday 8 March: ", message.Subject);
        var text = message.TextBody ?? "";
        var first = text.IndexOf($"10:30  {at1030.Reference}", StringComparison.Ordinal);
        var second = text.IndexOf($"14:00  {at1400.Reference}", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, text);
        Assert.Contains($"{toArrange.Reference} (a call is due by Mon 8 Mar 09:00)", text);
        Assert.Contains($"{missed.Reference} (call agreed for Fri 5 Mar 15:00 not recorded)", text);
        Assert.Contains(reviewsWaiting == 1 ? "1 clinical review is waiting." : $"{reviewsWaiting} clinical reviews are waiting.", text);
        Assert.Contains("<td>10:30</td>", message.HtmlBody);
        foreach (var part in new[] { message.Subject, text, message.HtmlBody })
        {
            Assert.DoesNotContain(FirstName, part, StringComparison.Ordinal);
            Assert.DoesNotContain(LastName, part, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET-CONCERN", part, StringComparison.Ordinal);
        }

        await using (var db = await DbAsync(app))
        {
            var sent = await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == row.Id);
            Assert.Equal(OutboundEmailStatus.Sent, sent.Status);
            Assert.Equal(message.MessageId, sent.SmtpMessageId);
        }
    }

    private sealed record PlannedDigest(long Id, string Email, DateTime DueAtUtc, DateTime MadeForUtc);

    private static async Task<int> PlanAsync(TestApp app, DailyDigests? digests = null)
    {
        await using var db = await DbAsync(app);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        return await (digests ?? app.Services.GetRequiredService<DailyDigests>()).PlanAsync(db, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
    }

    /// <summary>Every digest step, by day then by the clinician's address (ordinal: clinician2@ before clinician@).</summary>
    private static async Task<List<PlannedDigest>> DigestsAsync(TestApp app)
    {
        await using var db = await DbAsync(app);
        var steps = await db.FollowUps.AsNoTracking().Where(f => f.Kind == FollowUpKinds.DailyDigest).ToListAsync();
        var emails = await (from staff in db.StaffMembers join user in db.Users on staff.UserId equals user.Id select new { staff.Id, user.Email })
            .ToDictionaryAsync(s => s.Id, s => s.Email!);
        Assert.All(steps, s => Assert.Null(s.LeadId));
        Assert.Equal(steps.Count, steps.DistinctBy(s => (s.StaffMemberId, s.MadeFor)).Count());
        return steps
            .Select(s => new PlannedDigest(s.Id, emails[s.StaffMemberId!.Value], s.DueAt, s.MadeFor))
            .OrderBy(d => d.DueAtUtc).ThenBy(d => d.Email, StringComparer.Ordinal)
            .ToList();
    }
}
