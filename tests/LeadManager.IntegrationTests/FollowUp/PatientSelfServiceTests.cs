using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The patient's own actions on the manage page, over HTTP on the real app, as a browser without
/// JavaScript posts them: pick another time among the clinician's free slots, give the best times
/// to call before anyone has the request, say they will be available. A fake clock (Monday
/// 7 September 2026, 09:00 in London, when Priya is working) keeps the free slots the same on
/// every run; there is no job server, so a test sends what the outbox holds itself, to a real
/// SMTP server, and reads what staff would receive.
/// </summary>
public sealed partial class PatientSelfServiceTests(PatientSelfServiceTests.ClockedApp app) : IClassFixture<PatientSelfServiceTests.ClockedApp>
{
    private const string PatientLastName = "Featherstonehaugh";
    private const string Concern = "Knee hurts on stairs";

    public sealed class ClockedApp : TestApp
    {
        public ClockedApp()
            : base("Testing", Settings(), services: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)))
        {
        }

        public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 7, 8, 0, 0, TimeSpan.Zero));

        public static SmtpTestServer Smtp { get; } = new();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Smtp.DisposeAsync();
        }

        private static Dictionary<string, string?> Settings() => new()
        {
            ["App:PublicUrl"] = "http://localhost",
            ["FollowUp:ProcessJobs"] = "false",
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = ClockedApp.Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
        };
    }

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static DateTime Now => ClockedApp.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task The_patient_picks_another_of_their_clinicians_free_slots_and_the_call_moves_with_new_invites_and_the_clinic_is_told()
    {
        var lead = await AssignedLeadAsync(scheduledAtClinicTime: Today(15, 0));
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);

        Assert.Contains("Pick another time", page.Text);
        Assert.DoesNotContain(Concern, page.Text);
        Assert.InRange(page.Slots.Count, 2, PatientSelfService.MaxSlots);
        Assert.Equal(page.Slots.OrderBy(s => s.Utc), page.Slots);
        Assert.All(page.Slots, s => Assert.Matches(@"^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+, \d\d:\d\d$", s.Label));
        Assert.DoesNotContain(page.Slots, s => s.Utc == ToUtc(Today(15, 0)));
        var picked = page.Slots[1];
        Assert.Equal(ManagePickTime.Label(ToClinicTime(picked.Utc)), picked.Label);

        var posted = await PickAsync(client, lead, page, picked.Utc);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await ManagePageAsync(client, lead, Redirect.PathOf(posted));
        Assert.Contains("data-testid=\"manage-done\"", after.Html);
        Assert.Contains("updated calendar invite", after.Text);
        var moved = await ReadAsync(app, lead.Id);
        Assert.Equal(picked.Utc, moved.ScheduledCallAt);
        Assert.Equal(LeadStatus.Scheduled, moved.Status);
        var line = moved.Events.OrderBy(e => e.Id).Last(e => e.Kind == LeadEventKind.Rescheduled);
        Assert.Equal((ActorKind.Patient, picked.Utc, ToUtc(Today(15, 0))), (line.ActorKind, line.Time, line.PreviousTime));

        // The planner wrote both copies of the invite for the new time; the clinic's notices went in the same commit.
        var priya = await StaffAsync(app, ClinicianA);
        await using var db = await NewDbAsync(app);
        var invites = await db.FollowUps.AsNoTracking().Where(f => f.LeadId == lead.Id && f.Kind == FollowUpKinds.CallInvite && f.Status == FollowUpStatus.Pending).ToListAsync();
        Assert.Equal([null, priya.Id], invites.Select(i => i.StaffMemberId).Order());
        Assert.All(invites, i => Assert.Equal(picked.Utc, i.MadeFor));
        var notices = await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == lead.Id).ToListAsync();
        Assert.Equal(
            [(OutboundEmailKinds.ClinicianPatientRescheduled, ClinicianA, (int?)priya.Id), (OutboundEmailKinds.ReceptionPatientRescheduled, Reception, null)],
            notices.Select(e => (e.Kind, e.Recipient, e.StaffMemberId)).OrderBy(e => e.Kind, StringComparer.Ordinal));

        // What reception and Priya read: our reference, the new time and the old, never the patient's name or health.
        await SendAsync(notices.Select(e => e.Id).ToArray());
        var newTime = ClinicTimeText.When(ToClinicTime(picked.Utc));
        var toPriya = await ClockedApp.Smtp.WaitForMessageAsync(m => IsTo(m, ClinicianA) && (m.Subject ?? "").Contains(lead.Reference, StringComparison.Ordinal));
        Assert.Equal($"Request {lead.Reference}: the patient moved the call to {newTime}", toPriya.Subject);
        var toReception = await ClockedApp.Smtp.WaitForMessageAsync(m => IsTo(m, Reception) && (m.Subject ?? "").Contains(lead.Reference, StringComparison.Ordinal));
        Assert.Equal($"Call moved by the patient {lead.Reference}", toReception.Subject);
        foreach (var message in new[] { toPriya, toReception })
        {
            Assert.Contains(newTime, message.TextBody);
            Assert.Contains(ClinicTimeText.When(Today(15, 0)), message.TextBody);
            Assert.Contains($"http://localhost/leads/{lead.Reference}", message.TextBody);
            Assert.DoesNotContain(PatientLastName, message.TextBody + message.HtmlBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Concern, message.TextBody + message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Before_a_call_is_agreed_the_patient_books_one_of_the_slots_and_reception_hears_it_was_picked()
    {
        var lead = await AssignedLeadAsync();
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        Assert.Contains("Pick a time for your call", page.Text);

        var posted = await PickAsync(client, lead, page, page.Slots[0].Utc);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var booked = await ReadAsync(app, lead.Id);
        Assert.Equal((LeadStatus.Scheduled, (DateTime?)page.Slots[0].Utc), (booked.Status, booked.ScheduledCallAt));
        Assert.Equal(ActorKind.Patient, booked.Events.Single(e => e.Kind == LeadEventKind.Scheduled).ActorKind);
        var notice = await NoticeAsync(lead, OutboundEmailKinds.ReceptionPatientRescheduled);
        await SendAsync([notice.Id]);
        var toReception = await ClockedApp.Smtp.WaitForMessageAsync(m => IsTo(m, Reception) && (m.Subject ?? "").Contains(lead.Reference, StringComparison.Ordinal));
        Assert.Equal($"Call time picked by the patient {lead.Reference}", toReception.Subject);
    }

    [Fact]
    public async Task A_slot_taken_meanwhile_is_refused_politely_with_fresh_slots_and_nothing_changes()
    {
        var lead = await AssignedLeadAsync();
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        var wanted = page.Slots[0];
        // Reception gives Priya's slot to someone else while the page is open.
        var other = await AssignedLeadAsync();
        var taken = await ActAsync(other, (actions, who, version) => actions.ScheduleAsync(who, other.Id, version, ToClinicTime(wanted.Utc)));
        Assert.True(taken.Succeeded, taken.Message);

        var posted = await PickAsync(client, lead, page, wanted.Utc);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var refusal = Page.Of(await posted.Content.ReadAsStringAsync());
        Assert.Contains("that time has just been taken", refusal.Text);
        Assert.NotEmpty(refusal.Slots);
        Assert.DoesNotContain(refusal.Slots, s => s.Utc == wanted.Utc);
        var unchanged = await ReadAsync(app, lead.Id);
        Assert.Equal((LeadStatus.Assigned, (DateTime?)null, lead.Version), (unchanged.Status, unchanged.ScheduledCallAt, unchanged.Version));
        await using var db = await NewDbAsync(app);
        Assert.False(await db.OutboundEmails.AnyAsync(e => e.LeadId == lead.Id));

        // The fresh slots are good for a second try.
        var second = await PickAsync(client, lead, refusal, refusal.Slots[0].Utc);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(refusal.Slots[0].Utc, (await ReadAsync(app, lead.Id)).ScheduledCallAt);
    }

    [Fact]
    public async Task A_call_reception_moved_after_the_page_was_shown_is_not_overwritten_and_the_patient_is_told_the_time_now()
    {
        var lead = await AssignedLeadAsync(scheduledAtClinicTime: Today(15, 0));
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        var receptionTime = page.Slots[^1];
        var moved = await ActAsync(lead, (actions, who, version) => actions.RescheduleAsync(who, lead.Id, version, ToClinicTime(receptionTime.Utc)));
        Assert.True(moved.Succeeded, moved.Message);

        var posted = await PickAsync(client, lead, page, page.Slots[0].Utc);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var told = Page.Of(await posted.Content.ReadAsStringAsync());
        Assert.Contains($"Your call was just changed by the clinic: it is now on {receptionTime.Label}.", told.Text);
        Assert.NotEmpty(told.Slots);
        Assert.True(told.Version > page.Version);
        var kept = await ReadAsync(app, lead.Id);
        Assert.Equal(receptionTime.Utc, kept.ScheduledCallAt);
        Assert.DoesNotContain(kept.Events, e => e.ActorKind == ActorKind.Patient && e.Kind == LeadEventKind.Rescheduled);
    }

    [Fact]
    public async Task A_receptionist_who_opened_the_request_before_the_patient_moved_the_call_is_told_and_overwrites_nothing()
    {
        var lead = await AssignedLeadAsync(scheduledAtClinicTime: Today(15, 0));
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        var picked = await PickAsync(client, lead, page, page.Slots[0].Utc);
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);

        var who = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var late = await scope.ServiceProvider.GetRequiredService<LeadActions>().RescheduleAsync(who, lead.Id, lead.Version, ToClinicTime(page.Slots[^1].Utc));

        Assert.Equal(LeadActionStatus.Conflict, late.Status);
        Assert.Equal(lead.Version + 1, late.Version);
        Assert.Equal(page.Slots[0].Utc, (await ReadAsync(app, lead.Id)).ScheduledCallAt);
    }

    [Fact]
    public async Task The_patient_picks_a_slot_while_reception_moves_the_call_and_one_wins_while_the_other_is_told()
    {
        var lead = await AssignedLeadAsync(scheduledAtClinicTime: Today(15, 0));
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        var patientTime = page.Slots[0];
        var receptionTime = page.Slots[^1];
        var who = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<LeadActions>();

        var patient = PickAsync(client, lead, page, patientTime.Utc);
        var reception = actions.RescheduleAsync(who, lead.Id, lead.Version, ToClinicTime(receptionTime.Utc));
        await Task.WhenAll(patient, reception);
        var patientAnswer = await patient;
        var receptionAnswer = await reception;

        var patientWon = patientAnswer.StatusCode == HttpStatusCode.Redirect;
        Assert.NotEqual(patientWon, receptionAnswer.Succeeded);
        var now = await ReadAsync(app, lead.Id);
        if (patientWon)
        {
            Assert.Equal(LeadActionStatus.Conflict, receptionAnswer.Status);
            Assert.Equal(patientTime.Utc, now.ScheduledCallAt);
        }
        else
        {
            Assert.Contains($"it is now on {receptionTime.Label}", Page.Of(await patientAnswer.Content.ReadAsStringAsync()).Text);
            Assert.Equal(receptionTime.Utc, now.ScheduledCallAt);
        }

        Assert.Equal(lead.Version + 1, now.Version);
        Assert.Single(now.Events, e => e.Kind == LeadEventKind.Rescheduled && e.Time == now.ScheduledCallAt);
    }

    [Fact]
    public async Task An_emergency_request_offers_no_slots_only_the_clinic_phone_and_a_pick_posted_anyway_changes_nothing()
    {
        var lead = await AssignedLeadAsync(triage: TriageLevel.Emergency);
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);

        Assert.Contains("data-testid=\"manage-phone-only\"", page.Html);
        Assert.Contains("href=\"tel:+441632960000\"", WebUtility.HtmlDecode(page.Html));
        Assert.Empty(page.Slots);
        Assert.DoesNotContain("pick-time-form", page.Html);
        Assert.DoesNotContain("available-form", page.Html);
        Assert.DoesNotContain("preferred-times-form", page.Html);

        var crafted = await PostAsync(client, lead, page, ManagePickTime.FormName, ("version", lead.Version.ToString(CultureInfo.InvariantCulture)), ("slot", "2026-09-08T09:00Z"));

        Assert.Equal(HttpStatusCode.Redirect, crafted.StatusCode);
        Assert.Contains("done=changed", Redirect.PathOf(crafted));
        var unchanged = await ReadAsync(app, lead.Id);
        Assert.Equal((LeadStatus.Assigned, (DateTime?)null, lead.Version), (unchanged.Status, unchanged.ScheduledCallAt, unchanged.Version));
    }

    [Fact]
    public async Task A_time_picked_on_a_page_left_open_after_cancelling_changes_nothing_and_shows_where_the_request_stands()
    {
        var lead = await AssignedLeadAsync();
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        var cancelled = await PostAsync(client, lead, page, "cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);

        var stale = await PickAsync(client, lead, page, page.Slots[0].Utc);

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        var now = await ManagePageAsync(client, lead, Redirect.PathOf(stale));
        Assert.Contains("Your request had changed since that page was shown", now.Text);
        Assert.Contains("You cancelled this request", now.Text);
        Assert.DoesNotContain("<form", now.Html);
        var closed = await ReadAsync(app, lead.Id);
        Assert.Equal((LeadStatus.Closed, (DateTime?)null), (closed.Status, closed.ScheduledCallAt));
    }

    [Fact]
    public async Task Before_anyone_has_the_request_the_patient_saves_the_best_times_to_call()
    {
        var lead = await ArrangedAsync(await CreateLeadAtAsync(app, Now, lastName: PatientLastName));
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        Assert.Contains("data-testid=\"preferred-times-form\"", page.Html);
        Assert.Empty(page.Slots);

        var posted = await PostAsync(client, lead, page, ManagePreferredTimes.FormName, ("times", "mornings"), ("times", "saturday"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await ManagePageAsync(client, lead, Redirect.PathOf(posted));
        Assert.Contains("saved the best times to call you", after.Text);
        Assert.Matches("id=\"times-mornings\"[^>]*checked", after.Html);
        Assert.DoesNotMatch("id=\"times-evenings\"[^>]*checked", after.Html);
        var saved = await ReadAsync(app, lead.Id);
        Assert.Equal(PreferredCallTimes.Mornings | PreferredCallTimes.Saturday, saved.PreferredCallTimes);
        Assert.Equal(lead.Version + 1, saved.Version);
        var line = saved.Events.Single(e => e.Kind == LeadEventKind.PreferredTimesChanged);
        Assert.Equal((ActorKind.Patient, "Best times to call changed to: mornings, saturday."), (line.ActorKind, line.Details));
    }

    [Fact]
    public async Task I_ll_be_available_is_a_line_on_the_timeline_that_leaves_the_request_as_it_was()
    {
        var lead = await AssignedLeadAsync(scheduledAtClinicTime: Today(15, 0));
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        Assert.Contains("available at that time", page.Text);

        var posted = await PostAsync(client, lead, page, ManageAvailable.FormName);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Thank you for letting us know", (await ManagePageAsync(client, lead, Redirect.PathOf(posted))).Text);
        var after = await ReadAsync(app, lead.Id);
        var line = after.Events.Single(e => e.Kind == LeadEventKind.PatientConfirmedAvailable);
        Assert.Equal(ActorKind.Patient, line.ActorKind);
        Assert.Equal((lead.Version, (DateTime?)ToUtc(Today(15, 0))), (after.Version, after.ScheduledCallAt));
    }

    [Theory]
    [InlineData(ManagePickTime.FormName)]
    [InlineData(ManagePreferredTimes.FormName)]
    [InlineData(ManageAvailable.FormName)]
    [InlineData("cancel")]
    public async Task A_post_to_a_tampered_link_changes_nothing_and_answers_with_the_clinic_phone(string form)
    {
        var lead = await AssignedLeadAsync(scheduledAtClinicTime: Today(15, 0));
        var client = app.CreateBrowserLikeClient();
        var page = await ManagePageAsync(client, lead);
        var path = ManagePath(lead);
        var tampered = path[..^4] + (path[^4] == 'A' ? 'B' : 'A') + path[^3..];

        var posted = await client.PostAsync(tampered, Form(page, form, ("version", page.Version.ToString(CultureInfo.InvariantCulture)), ("slot", SlotValue(page.Slots[0].Utc)), ("times", "evenings")));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var answer = await client.GetStringAsync(Redirect.PathOf(posted));
        Assert.Contains("data-testid=\"manage-invalid\"", answer);
        Assert.Contains("1632 960000", answer);
        Assert.DoesNotContain("<form", answer);
        var unchanged = await ReadAsync(app, lead.Id);
        Assert.Equal((lead.Version, LeadStatus.Scheduled, lead.Events), (unchanged.Version, unchanged.Status, unchanged.Events.Count));
    }

    // ---- arranging

    private sealed record Arranged(int Id, string Reference, int Version, int Events);

    private async Task<Arranged> AssignedLeadAsync(DateTime? scheduledAtClinicTime = null, TriageLevel triage = TriageLevel.Routine)
    {
        var created = await CreateLeadAtAsync(app, Now.AddMinutes(-30), triage, (lead, db) =>
        {
            lead.Concern = Concern;
            lead.Assign(Staff(db, ClinicianA), Actor.System, Now.AddMinutes(-20));
            if (scheduledAtClinicTime is { } at)
            {
                lead.Schedule(ToUtc(at), Actor.System, Now.AddMinutes(-10));
            }
        }, PatientLastName);
        return await ArrangedAsync(created);
    }

    private async Task<Arranged> ArrangedAsync(Created created)
    {
        var read = await ReadAsync(app, created.Id);
        return new Arranged(created.Id, created.Reference, read.Version, read.Events.Count);
    }

    private async Task<LeadActionResult> ActAsync(Arranged lead, Func<LeadActions, System.Security.Claims.ClaimsPrincipal, int, Task<LeadActionResult>> act)
    {
        var who = await PrincipalAsync(app, Reception);
        var version = (await ReadAsync(app, lead.Id)).Version;
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<LeadActions>(), who, version);
    }

    private static DateTime Today(int hour, int minute) => ToClinicTime(Now).Date.AddHours(hour).AddMinutes(minute);

    private static DateTime ToUtc(DateTime clinicTime) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(clinicTime, DateTimeKind.Unspecified), London);

    private static DateTime ToClinicTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, London);

    // ---- the page, as a browser without JavaScript sees and posts it

    private sealed record Slot(DateTime Utc, string Label);

    private sealed partial record Page(string Html, string Text, IReadOnlyList<Slot> Slots, int Version)
    {
        public static Page Of(string html) => new(
            html,
            Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " "),
            SlotPattern().Matches(html).Select(m => new Slot(
                DateTime.ParseExact(m.Groups["utc"].Value, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                WebUtility.HtmlDecode(m.Groups["label"].Value))).ToList(),
            VersionPattern().Match(html) is { Success: true } version ? int.Parse(version.Groups[1].Value, CultureInfo.InvariantCulture) : 0);

        [GeneratedRegex("<[^>]+>")]
        private static partial Regex Tags();

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();

        [GeneratedRegex("name=\"slot\" value=\"(?<utc>[^\"]+)\"[^>]*>\\s*<label[^>]*>(?<label>[^<]+)</label>")]
        private static partial Regex SlotPattern();

        [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
        private static partial Regex VersionPattern();
    }

    private string ManagePath(Arranged lead) =>
        new Uri(app.Services.GetRequiredService<ManageLinks>().CreateUrl(lead.Id, lead.Reference)).PathAndQuery;

    private async Task<Page> ManagePageAsync(HttpClient client, Arranged lead, string? path = null)
    {
        var response = await client.GetAsync(path ?? ManagePath(lead));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Page.Of(await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PickAsync(HttpClient client, Arranged lead, Page page, DateTime slotUtc) =>
        client.PostAsync(ManagePath(lead), Form(page, ManagePickTime.FormName, ("version", page.Version.ToString(CultureInfo.InvariantCulture)), ("slot", SlotValue(slotUtc))));

    private Task<HttpResponseMessage> PostAsync(HttpClient client, Arranged lead, Page page, string form, params (string Name, string Value)[] fields) =>
        client.PostAsync(ManagePath(lead), Form(page, form, fields));

    private static FormUrlEncodedContent Form(Page page, string form, params (string Name, string Value)[] fields) =>
        new([
            new("__RequestVerificationToken", StaffSignIn.AntiforgeryToken(page.Html)),
            new("_handler", form),
            .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)),
        ]);

    private static string SlotValue(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    // ---- the outbox

    private async Task<OutboundEmail> NoticeAsync(Arranged lead, string kind)
    {
        await using var db = await NewDbAsync(app);
        return await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.LeadId == lead.Id && e.Kind == kind);
    }

    private async Task SendAsync(long[] emailIds)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunManyAsync(emailIds, CancellationToken.None);
    }

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase));
}
