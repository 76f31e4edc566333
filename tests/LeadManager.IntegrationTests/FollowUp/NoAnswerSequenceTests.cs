using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The no-answer sequence walked on a moved clock through the real app and a real SMTP server:
/// each unanswered call tells the patient, the next try lands in another part of the clinician's
/// next working day, and the call that reaches Workflow:MaxCallAttempts (3) closes the request
/// kindly two business days later, unless something happens first. Priya (the demo clinician)
/// works Monday to Thursday, 08:00 to 16:00.
/// </summary>
public sealed class NoAnswerSequenceTests(NoAnswerSequenceTests.ClockedApp app) : IClassFixture<NoAnswerSequenceTests.ClockedApp>
{
    // Monday 5 October 2026, 09:00 in London.
    public sealed class ClockedApp() : ClockedWorkflowApp(new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Three_unanswered_calls_across_a_weekend_tell_the_patient_each_time_then_close_the_request_kindly()
    {
        app.MoveToNext(10, 0, DayOfWeek.Thursday);
        var lead = await AssignedLeadAsync("Weekend");

        // Thursday morning: no answer. Priya does not work Fridays, so the next try is Monday afternoon.
        await AttemptAsync(lead, CallAttemptResult.NoAnswer);
        var first = await ReadAsync(app, lead);
        Assert.Equal(DayOfWeek.Monday, Clinic(first.NextAttemptFrom!.Value).DayOfWeek);
        Assert.Equal(new TimeOnly(12, 0), TimeOnly.FromDateTime(Clinic(first.NextAttemptFrom.Value)));
        Assert.Equal(new TimeOnly(16, 0), TimeOnly.FromDateTime(Clinic(first.NextAttemptBy!.Value)));
        await app.AfterTheGraceAsync(lead);
        var told = Assert.Single(await app.SentAsync(lead, FollowUpKinds.TriedToReach));
        Assert.Contains("Monday afternoon", told.Message.TextBody);
        Assert.Contains("/manage/", told.Message.TextBody);
        Assert.DoesNotContain("Knee hurts", told.Message.TextBody);
        // The timeline names the patient, not their address.
        var line = Assert.Single((await ReadAsync(app, lead)).Events, e => e.Kind == LeadEventKind.FollowUpRan && e.Details.StartsWith(FollowUpKinds.Describe(FollowUpKinds.TriedToReach), StringComparison.Ordinal));
        Assert.Contains("emailed the patient", line.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(told.Row.Recipient, line.Details, StringComparison.OrdinalIgnoreCase);

        // Monday afternoon: on Priya's list as a call to make today, not before.
        app.MoveToNext(9, 0, DayOfWeek.Friday);
        Assert.DoesNotContain(await TodayOnPriyasListAsync(), c => c.LeadId == lead);
        app.MoveToNext(13, 0, DayOfWeek.Monday);
        var today = Assert.Single(await TodayOnPriyasListAsync(), c => c.LeadId == lead);
        Assert.Equal(new TimeOnly(12, 0), TimeOnly.FromDateTime(today.NextTryFromClinicTime!.Value));

        // Voicemail. Next: Tuesday morning.
        await AttemptAsync(lead, CallAttemptResult.LeftVoicemail);
        var second = await ReadAsync(app, lead);
        Assert.Equal(DayOfWeek.Tuesday, Clinic(second.NextAttemptFrom!.Value).DayOfWeek);
        Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(Clinic(second.NextAttemptFrom.Value)));
        await app.AfterTheGraceAsync(lead);

        // Tuesday morning: engaged, the third: the close is planned two business days on.
        app.MoveToNext(9, 0, DayOfWeek.Tuesday);
        await AttemptAsync(lead, CallAttemptResult.Engaged);
        await app.AfterTheGraceAsync(lead);
        var emails = await app.SentAsync(lead, FollowUpKinds.TriedToReach);
        Assert.Equal(3, emails.Count);
        Assert.All(emails, e => Assert.InRange(TimeOnly.FromDateTime(Clinic(e.Row.SentAt!.Value)), new TimeOnly(8, 0), new TimeOnly(20, 0)));
        var close = Assert.Single(await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse, FollowUpStatus.Pending));
        Assert.Equal(DayOfWeek.Thursday, Clinic(close.DueAt).DayOfWeek);
        Assert.Empty(await app.StepsAsync(lead, FollowUpKinds.RetryCallOverdue, FollowUpStatus.Pending));

        app.MoveTo(close.DueAt.AddMinutes(1));
        await app.ProcessAsync(lead);

        var closed = await ReadAsync(app, lead);
        Assert.Equal(LeadStatus.Closed, closed.Status);
        Assert.Equal(CloseReason.NoResponse, closed.CloseReason);
        Assert.Contains(closed.Events, e => e.Kind == LeadEventKind.OutcomeRecorded && e.ActorKind == ActorKind.System);
        Assert.Single(await app.SentAsync(lead, OutboundEmailKinds.PatientNoResponse));
        Assert.Contains(closed.Events, e => e.Kind == LeadEventKind.EmailSent && e.Details.StartsWith(OutboundEmailKinds.Describe(OutboundEmailKinds.PatientNoResponse), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_agreed_before_the_close_is_due_stops_the_close()
    {
        app.MoveToNext(9, 0, DayOfWeek.Monday);
        var lead = await AssignedLeadAsync("Agreedlate");
        await ThreeAttemptsAsync(lead);
        var close = Assert.Single(await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse, FollowUpStatus.Pending));

        await app.ActAsync(lead, (actions, who, id, version) => actions.ScheduleAsync(who, id, version, app.Tomorrow(15, 0)));
        app.MoveTo(close.DueAt.AddMinutes(1));
        await app.ProcessAsync(lead);

        Assert.Equal(LeadStatus.Scheduled, (await ReadAsync(app, lead)).Status);
        Assert.Equal(FollowUpStatus.Skipped, (await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse)).Single().Status);
    }

    [Fact]
    public async Task The_patient_saying_they_will_be_available_from_their_link_stops_the_close()
    {
        app.MoveToNext(9, 0, DayOfWeek.Monday);
        var lead = await AssignedLeadAsync("Available");
        await ThreeAttemptsAsync(lead);
        var close = Assert.Single(await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse, FollowUpStatus.Pending));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var reference = (await ReadAsync(app, lead)).Reference;
            Assert.True(await scope.ServiceProvider.GetRequiredService<PatientSelfService>().SayAvailableAsync(lead, reference, CancellationToken.None));
        }

        app.MoveTo(close.DueAt.AddMinutes(1));
        await app.ProcessAsync(lead);

        Assert.Equal(LeadStatus.Attempted, (await ReadAsync(app, lead)).Status);
        Assert.NotEqual(FollowUpStatus.Done, (await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse)).Single().Status);
        Assert.Empty(await app.SentAsync(lead, OutboundEmailKinds.PatientNoResponse));
    }

    [Fact]
    public async Task A_time_the_patient_picks_at_night_is_answered_with_its_invite_at_once_not_in_the_morning()
    {
        app.MoveToNext(22, 0, DayOfWeek.Monday);
        var lead = await AssignedLeadAsync("Nightpick");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var self = scope.ServiceProvider.GetRequiredService<PatientSelfService>();
            var reference = (await ReadAsync(app, lead)).Reference;
            var choices = (await self.ChoicesAsync(lead, reference, CancellationToken.None))!;
            var slot = choices.Slots[0];
            var picked = await self.PickTimeAsync(lead, reference, choices.Version, slot.StartUtc, CancellationToken.None);
            Assert.Equal(PatientSelfService.PickOutcome.Done, picked.Outcome);
        }

        await app.AfterTheGraceAsync(lead);

        var invite = Assert.Single(await app.StepsAsync(lead, FollowUpKinds.CallInvite, FollowUpStatus.Done), s => s.StaffMemberId is null);
        Assert.True(invite.CompletedAt < app.Now.Date.AddDays(1).AddHours(6), "the invite answering the patient's own pick went at night, not held for the morning");
    }

    [Fact]
    public async Task A_red_flagged_request_that_reaches_the_limit_is_escalated_to_the_clinicians_and_never_closed_unreviewed()
    {
        app.MoveToNext(9, 0, DayOfWeek.Monday);
        var lead = await AssignedLeadAsync("Redflag", TriageLevel.ReviewFirst);
        await ThreeAttemptsAsync(lead);
        var close = Assert.Single(await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse, FollowUpStatus.Pending));

        app.MoveTo(close.DueAt.AddMinutes(1));
        await app.ProcessAsync(lead);

        var after = await ReadAsync(app, lead);
        Assert.NotEqual(LeadStatus.Closed, after.Status);
        var told = await app.SentAsync(lead, FollowUpKinds.CloseNoResponse);
        Assert.NotEmpty(told);
        Assert.All(told, e => Assert.NotNull(e.Row.StaffMemberId));
        Assert.Contains("red-flag answers have not been reviewed", told[0].Message.TextBody);
        Assert.Empty(await app.SentAsync(lead, OutboundEmailKinds.PatientNoResponse));
    }

    [Fact]
    public async Task Reopening_a_request_closed_for_no_response_does_not_plan_a_new_close_from_its_old_attempts()
    {
        app.MoveToNext(9, 0, DayOfWeek.Monday);
        var lead = await AssignedLeadAsync("Reopened");
        await ThreeAttemptsAsync(lead);
        var close = Assert.Single(await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse, FollowUpStatus.Pending));
        app.MoveTo(close.DueAt.AddMinutes(1));
        await app.ProcessAsync(lead);
        Assert.Equal(LeadStatus.Closed, (await ReadAsync(app, lead)).Status);

        await app.ActAsync(lead, (actions, who, id, version) => actions.ReopenAsync(who, id, version));

        Assert.Equal(LeadStatus.Attempted, (await ReadAsync(app, lead)).Status);
        Assert.Empty(await app.StepsAsync(lead, FollowUpKinds.CloseNoResponse, FollowUpStatus.Pending));
        Assert.Single(await app.StepsAsync(lead, FollowUpKinds.RetryCallOverdue, FollowUpStatus.Pending));
    }

    [Fact]
    public async Task A_wrong_number_is_not_tried_again_and_reception_is_asked_to_check_the_details()
    {
        app.MoveToNext(10, 0, DayOfWeek.Tuesday);
        var lead = await AssignedLeadAsync("Wrongnumber");

        await AttemptAsync(lead, CallAttemptResult.WrongNumber);
        await app.AfterTheGraceAsync(lead);

        var after = await ReadAsync(app, lead);
        Assert.Null(after.NextAttemptFrom);
        var reception = Assert.Single(await app.SentAsync(lead, FollowUpKinds.CheckContactDetails));
        Assert.Equal(Reception, reception.Row.Recipient);
        Assert.DoesNotContain("Robin", reception.Message.TextBody);
        Assert.Empty(await app.StepsAsync(lead, FollowUpKinds.TriedToReach));
        Assert.Empty(await app.StepsAsync(lead, FollowUpKinds.RetryCallOverdue, FollowUpStatus.Pending));
    }

    private async Task<int> AssignedLeadAsync(string lastName, TriageLevel triage = TriageLevel.Routine)
    {
        var created = await CreateLeadAtAsync(app, app.Now, triage, lastName: lastName);
        var priya = (await StaffAsync(app, ClinicianA)).Id;
        await app.ActAsync(created.Id, (actions, who, id, version) => actions.AssignAsync(who, id, version, priya));
        if (triage == TriageLevel.ReviewFirst)
        {
            // Reviewed later, if ever: the attempts are allowed meanwhile.
            await app.ProcessAsync(created.Id);
        }

        return created.Id;
    }

    private Task AttemptAsync(int lead, CallAttemptResult result) =>
        app.ActAsync(lead, (actions, who, id, version) => actions.RecordAttemptAsync(who, id, version, result, null), ClinicianA);

    // Monday morning, Monday afternoon... three tries a few hours apart, each told.
    private async Task ThreeAttemptsAsync(int lead)
    {
        foreach (var result in new[] { CallAttemptResult.NoAnswer, CallAttemptResult.NoAnswer, CallAttemptResult.NoAnswer })
        {
            await AttemptAsync(lead, result);
            await app.AfterTheGraceAsync(lead);
            app.MoveTo(app.Now.AddHours(3));
        }
    }

    private async Task<IReadOnlyList<LeadManager.Web.Features.MyCalls.MyCall>> TodayOnPriyasListAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<LeadManager.Web.Features.MyCalls.MyCallsQuery>().LoadAsync(await PrincipalAsync(app, ClinicianA));
        return view!.Today;
    }

    private static DateTime Clinic(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, ClockedWorkflowApp.London);
}
