using Ical.Net;
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
/// The agreed call's invites, cancellations and reminder, walked through each sequence on the
/// real app, a real SQLite file and a real SMTP server on 127.0.0.1, with a fake clock and no
/// job server: the test moves the clock and runs what the sweep would, then reads what arrived
/// and parses each invite with Ical.Net. Defaults throughout: a 2-minute grace, quiet hours
/// 21:00 to 08:00 and the reminder 2 hours before, all in London time.
/// </summary>
public sealed class CallCalendarTests(CallCalendarTests.ClockedApp app) : IClassFixture<CallCalendarTests.ClockedApp>
{
    private static readonly TimeZoneInfo London = ClockedWorkflowApp.London;

    // Monday 7 September 2026, 09:00 in London.
    public sealed class ClockedApp() : ClockedWorkflowApp(new DateTimeOffset(2026, 9, 7, 8, 0, 0, TimeSpan.Zero));

    private SmtpTestServer Smtp => app.Smtp;

    private DateTime Now => app.Now;

    [Fact]
    public async Task A_moved_call_sends_one_new_invite_and_one_reminder_for_the_new_time_only()
    {
        MoveToNext(10, 0);
        var tomorrow = Tomorrow(0, 0);
        var lead = await ScheduledLeadAsync("Moved", Tomorrow(15, 0));
        await AfterTheGraceAsync(lead);
        var first = Single(await InvitesToPatientAsync(lead));

        await ActAsync(lead, (actions, who, id, version) => actions.RescheduleAsync(who, id, version, Tomorrow(16, 0)));
        await AfterTheGraceAsync(lead);

        var invites = await InvitesToPatientAsync(lead);
        Assert.Equal(2, invites.Count);
        var moved = invites[1];
        Assert.Equal("REQUEST", moved.Method);
        Assert.Equal(first.Uid, moved.Uid);
        Assert.True(moved.Sequence > first.Sequence);
        Assert.Equal(Tomorrow(16, 0), moved.StartsAtClinicTime);
        Assert.Contains("16:00", moved.Message.TextBody);

        // 13:00 would have been the old call's reminder: nothing goes then.
        MoveTo(ToUtc(tomorrow.AddHours(13).AddMinutes(1)));
        await ProcessAsync(lead);
        Assert.Empty(await RemindersAsync(lead));
        MoveTo(ToUtc(tomorrow.AddHours(14).AddMinutes(1)));
        await ProcessAsync(lead);
        await ProcessAsync(lead);
        var reminder = Assert.Single(await RemindersAsync(lead));
        Assert.Contains("16:00", reminder.TextBody);
        var skipped = await StepsAsync(lead, FollowUpKinds.CallReminder, FollowUpStatus.Skipped);
        Assert.Equal(ToUtc(tomorrow.AddHours(15)), Assert.Single(skipped).MadeFor);
    }

    [Fact]
    public async Task A_cancelled_call_is_taken_out_of_the_calendar_and_gets_no_reminder()
    {
        MoveToNext(10, 0);
        var lead = await ScheduledLeadAsync("Cancelled", Tomorrow(15, 0));
        await AfterTheGraceAsync(lead);
        var agreed = Single(await InvitesToPatientAsync(lead));

        await ActAsync(lead, (actions, who, id, version) => actions.CancelCallAsync(who, id, version));
        await AfterTheGraceAsync(lead);
        MoveTo(ToUtc(Tomorrow(14, 0)));
        await ProcessAsync(lead);

        var invites = await InvitesToPatientAsync(lead);
        Assert.Equal(2, invites.Count);
        var cancel = invites[1];
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(agreed.Uid, cancel.Uid);
        Assert.True(cancel.Sequence > agreed.Sequence);
        Assert.Equal("text/calendar; method=CANCEL", CalendarPart(cancel.Message).ContentType.MimeType + "; method=" + CalendarPart(cancel.Message).ContentType.Parameters["method"]);
        Assert.Empty(await RemindersAsync(lead));
    }

    [Fact]
    public async Task A_call_agreed_again_after_a_cancellation_outranks_the_cancellation()
    {
        MoveToNext(10, 0);
        var lead = await ScheduledLeadAsync("Againagreed", Tomorrow(15, 0));
        await AfterTheGraceAsync(lead);
        await ActAsync(lead, (actions, who, id, version) => actions.CancelCallAsync(who, id, version));
        await AfterTheGraceAsync(lead);

        await ActAsync(lead, (actions, who, id, version) => actions.ScheduleAsync(who, id, version, Tomorrow(15, 0)));
        await AfterTheGraceAsync(lead);

        var invites = await InvitesToPatientAsync(lead);
        Assert.Equal(["REQUEST", "CANCEL", "REQUEST"], invites.Select(i => i.Method));
        Assert.Single(invites.Select(i => i.Uid).Distinct());
        Assert.True(invites[2].Sequence > invites[1].Sequence);
        Assert.True(invites[1].Sequence > invites[0].Sequence);
    }

    [Fact]
    public async Task A_call_recorded_as_unanswered_after_its_time_is_not_cancelled_in_anyone_s_calendar()
    {
        MoveToNext(10, 0);
        var lead = await ScheduledLeadAsync("Unanswered", Today(11, 0));
        await AfterTheGraceAsync(lead);
        Assert.Single(await InvitesToPatientAsync(lead));
        var clinicianInvites = (await CalendarEmailsAsync(lead, ClinicianA)).Count;
        Assert.Equal(1, clinicianInvites);

        MoveTo(ToUtc(Today(11, 10)));
        await ActAsync(lead, (actions, who, id, version) => actions.RecordAttemptAsync(who, id, version, CallAttemptResult.NoAnswer, null), ClinicianA);
        await AfterTheGraceAsync(lead);

        Assert.Single(await InvitesToPatientAsync(lead));
        Assert.Equal(clinicianInvites, (await CalendarEmailsAsync(lead, ClinicianA)).Count);
        // Agreed with an hour to go: less than the two hours a reminder needs.
        Assert.Empty(await RemindersAsync(lead));
    }

    [Fact]
    public async Task A_call_moved_twice_within_the_grace_sends_one_invite_with_the_final_time()
    {
        MoveToNext(10, 0);
        var lead = await ScheduledLeadAsync("Twicemoved", Tomorrow(15, 0));
        MoveTo(Now.AddSeconds(30));
        await ActAsync(lead, (actions, who, id, version) => actions.RescheduleAsync(who, id, version, Tomorrow(15, 30)));
        MoveTo(Now.AddSeconds(30));
        await ActAsync(lead, (actions, who, id, version) => actions.RescheduleAsync(who, id, version, Tomorrow(16, 0)));
        await AfterTheGraceAsync(lead);

        var invite = Single(await InvitesToPatientAsync(lead));
        Assert.Equal(Tomorrow(16, 0), invite.StartsAtClinicTime);
        Assert.Equal(2, (await StepsAsync(lead, FollowUpKinds.CallInvite, FollowUpStatus.Skipped)).Count(s => s.StaffMemberId is null));
    }

    [Fact]
    public async Task A_call_agreed_and_cancelled_within_the_grace_sends_the_patient_nothing()
    {
        MoveToNext(10, 0);
        var lead = await ScheduledLeadAsync("Changedmind", Tomorrow(15, 0));
        MoveTo(Now.AddSeconds(40));
        await ActAsync(lead, (actions, who, id, version) => actions.CancelCallAsync(who, id, version));
        await AfterTheGraceAsync(lead);
        MoveTo(ToUtc(Tomorrow(14, 0)));
        await ProcessAsync(lead);

        Assert.Empty(await InvitesToPatientAsync(lead));
        Assert.Empty(await RemindersAsync(lead));
    }

    [Fact]
    public async Task An_invite_written_at_night_waits_for_eight_and_a_morning_call_is_reminded_the_evening_before()
    {
        MoveToNext(22, 0);
        var tomorrow = Tomorrow(0, 0);
        var lead = await ScheduledLeadAsync("Nightowl", Tomorrow(9, 30));
        await AfterTheGraceAsync(lead);
        MoveTo(ToUtc(tomorrow.AddHours(7).AddMinutes(59)));
        await ProcessAsync(lead);
        Assert.Empty(await InvitesToPatientAsync(lead));

        MoveTo(ToUtc(tomorrow.AddHours(8)));
        await ProcessAsync(lead);
        Single(await InvitesToPatientAsync(lead));
        var went = Assert.Single(await StepsAsync(lead, FollowUpKinds.CallInvite, FollowUpStatus.Done), s => s.StaffMemberId is null);
        Assert.Equal(ToUtc(Today(8, 0)), went.CompletedAt);
        // Agreed at 22:00: the evening before the call was already gone, so no reminder at all.
        Assert.Empty(await StepsAsync(lead, FollowUpKinds.CallReminder, null));

        // Agreed in the afternoon for 09:30 the next morning: 07:30 is quiet, so 20:30 the evening before.
        MoveToNext(15, 0);
        var early = await ScheduledLeadAsync("Earlybird", Tomorrow(9, 30));
        await AfterTheGraceAsync(early);
        MoveTo(ToUtc(Today(20, 29)));
        await ProcessAsync(early);
        Assert.Empty(await RemindersAsync(early));
        MoveTo(ToUtc(Today(20, 31)));
        await ProcessAsync(early);
        Assert.Single(await RemindersAsync(early));
    }

    [Fact]
    public async Task A_reassigned_call_goes_into_the_new_clinician_s_calendar_and_out_of_the_old_one_s()
    {
        MoveToNext(10, 0);
        var lead = await ScheduledLeadAsync("Reassigned", Tomorrow(15, 0));
        await AfterTheGraceAsync(lead);
        var patientInvite = Single(await InvitesToPatientAsync(lead));
        var oldInvite = Single(await CalendarEmailsAsync(lead, ClinicianA));

        var tom = (await StaffAsync(app, ClinicianB)).Id;
        await ActAsync(lead, (actions, who, id, version) => actions.AssignAsync(who, id, version, tom));
        await AfterTheGraceAsync(lead);

        var newInvite = Single(await CalendarEmailsAsync(lead, ClinicianB));
        var oldCalendar = await CalendarEmailsAsync(lead, ClinicianA);
        Assert.Equal(2, oldCalendar.Count);
        var cancel = oldCalendar[1];
        Assert.Equal("REQUEST", newInvite.Method);
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(patientInvite.Uid, newInvite.Uid);
        Assert.Equal(patientInvite.Uid, cancel.Uid);
        Assert.True(newInvite.Sequence > oldInvite.Sequence);
        Assert.True(cancel.Sequence > oldInvite.Sequence);
        Assert.Equal(Tomorrow(15, 0), newInvite.StartsAtClinicTime);
        // The patient's calendar already shows 15:00: nothing to send them.
        Assert.Single(await InvitesToPatientAsync(lead));
        // The clinicians' copies carry the reference and a link, never the patient's name.
        Assert.Contains(lead.Reference, newInvite.Message.TextBody);
        Assert.DoesNotContain("Reassigned", newInvite.Ics);
        Assert.DoesNotContain("Robin", newInvite.Ics);
    }

    [Fact]
    public async Task An_invite_held_up_by_the_mail_server_is_not_sent_once_the_call_has_moved()
    {
        MoveToNext(10, 0);
        var lead = await ScheduledLeadAsync("Heldup", Tomorrow(15, 0));
        await ProcessAsync(lead); // the clinician's assignment email
        MoveTo(Now.AddMinutes(3));
        await ProcessAsync(lead, sendEmails: false);
        // The mail server refuses the patient's 15:00 invite for now (452): it waits to be tried again.
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var before = await NewDbAsync(app))
        {
            var row = await before.OutboundEmails.AsNoTracking()
                .SingleAsync(e => e.LeadId == lead.Id && e.Kind == FollowUpKinds.CallInvite && e.StaffMemberId == null);
            Smtp.TemporaryRefusals = 1;
            await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunAsync(row.Id, CancellationToken.None);
            Assert.Equal(OutboundEmailStatus.Retrying, (await before.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == row.Id)).Status);
        }

        Assert.Empty(await InvitesToPatientAsync(lead));

        await ActAsync(lead, (actions, who, id, version) => actions.RescheduleAsync(who, id, version, Tomorrow(16, 0)));
        MoveTo(Now.AddMinutes(10));
        await ProcessAsync(lead);

        var invite = Single(await InvitesToPatientAsync(lead));
        Assert.Equal(Tomorrow(16, 0), invite.StartsAtClinicTime);
        await using var db = await NewDbAsync(app);
        var held = await db.OutboundEmails.AsNoTracking()
            .SingleAsync(e => e.LeadId == lead.Id && e.Kind == FollowUpKinds.CallInvite && e.StaffMemberId == null && e.Status == OutboundEmailStatus.Cancelled);
        Assert.Contains("changed again", held.LastError, StringComparison.Ordinal);
    }

    // ---- arranging

    private sealed record Arranged(int Id, string Reference, string Email);

    private async Task<Arranged> ScheduledLeadAsync(string lastName, DateTime callAtClinicTime)
    {
        var created = await CreateLeadAtAsync(app, Now, lastName: lastName);
        var email = (await ReadAsync(app, created.Id)).Email;
        var arranged = new Arranged(created.Id, created.Reference, email);
        var priya = (await StaffAsync(app, ClinicianA)).Id;
        await ActAsync(arranged, (actions, who, id, version) => actions.AssignAsync(who, id, version, priya));
        await ActAsync(arranged, (actions, who, id, version) => actions.ScheduleAsync(who, id, version, callAtClinicTime));
        return arranged;
    }

    private Task ActAsync(Arranged lead, Func<LeadActions, System.Security.Claims.ClaimsPrincipal, int, int, Task<LeadActionResult>> act, string by = Reception) =>
        app.ActAsync(lead.Id, act, by);

    private DateTime Today(int hour, int minute) => app.Today(hour, minute);

    private DateTime Tomorrow(int hour, int minute) => app.Tomorrow(hour, minute);

    private static DateTime ToUtc(DateTime clinicTime) => ClockedWorkflowApp.ToUtc(clinicTime);

    private void MoveToNext(int hour, int minute) => app.MoveToNext(hour, minute);

    private void MoveTo(DateTime utc) => app.MoveTo(utc);

    private Task AfterTheGraceAsync(Arranged lead) => app.AfterTheGraceAsync(lead.Id);

    private Task ProcessAsync(Arranged lead, bool sendEmails = true) => app.ProcessAsync(lead.Id, sendEmails);

    // ---- reading what arrived

    private sealed record ReceivedInvite(MimeMessage Message, string Ics, string Method, string Uid, int Sequence, DateTime StartsAtClinicTime);

    private static ReceivedInvite Single(IReadOnlyList<ReceivedInvite> invites) => Assert.Single(invites);

    private async Task<IReadOnlyList<ReceivedInvite>> InvitesToPatientAsync(Arranged lead) => await CalendarEmailsToAsync(lead.Email);

    private async Task<IReadOnlyList<ReceivedInvite>> CalendarEmailsAsync(Arranged lead, string staffEmail)
    {
        var all = await CalendarEmailsToAsync(staffEmail);
        return all.Where(i => i.Ics.Contains(lead.Reference, StringComparison.Ordinal)).ToList();
    }

    private Task<IReadOnlyList<ReceivedInvite>> CalendarEmailsToAsync(string address)
    {
        IReadOnlyList<ReceivedInvite> invites = Smtp.Messages
            .Where(m => m.To.Mailboxes.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))
            .Where(m => m.BodyParts.OfType<TextPart>().Any(p => p.ContentType.IsMimeType("text", "calendar")))
            .OrderBy(m => m.Date)
            .Select(Read)
            .OrderBy(i => i.Sequence)
            .ToList();
        return Task.FromResult(invites);
    }

    private static ReceivedInvite Read(MimeMessage message)
    {
        var ics = CalendarPart(message).Text;
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var vevent = Assert.Single(calendar.Events);
        var start = vevent.DtStart!;
        var startUtc = start.AsUtc;
        return new ReceivedInvite(message, ics, calendar.Method!, vevent.Uid!, vevent.Sequence, TimeZoneInfo.ConvertTimeFromUtc(startUtc, London));
    }

    private static TextPart CalendarPart(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().First(p => p.ContentType.IsMimeType("text", "calendar"));

    private async Task<IReadOnlyList<MimeMessage>> RemindersAsync(Arranged lead)
    {
        await using var db = await NewDbAsync(app);
        var ids = await db.OutboundEmails.AsNoTracking()
            .Where(e => e.LeadId == lead.Id && e.Kind == FollowUpKinds.CallReminder && e.Status == OutboundEmailStatus.Sent)
            .Select(e => e.SmtpMessageId)
            .ToListAsync();
        return Smtp.Messages.Where(m => ids.Contains(m.MessageId)).ToList();
    }

    private Task<List<Data.Outbox.FollowUp>> StepsAsync(Arranged lead, string kind, FollowUpStatus? status) => app.StepsAsync(lead.Id, kind, status);
}
