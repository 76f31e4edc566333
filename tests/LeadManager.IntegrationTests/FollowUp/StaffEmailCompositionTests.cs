using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static LeadManager.IntegrationTests.FollowUp.StaffEmailTestData;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// Every email a step writes composes from the real rows (its step, its request if it has one,
/// the staff member it is for), and no email meant for staff carries the patient's name or what
/// they wrote: so no name ever sits beside a triage word.
/// </summary>
public sealed class StaffEmailCompositionTests : IClassFixture<StaffEmailCompositionTests.Fixture>
{
    private readonly TestApp _app;

    public StaffEmailCompositionTests(Fixture fixture) => _app = fixture.App;

    public sealed class Fixture : IDisposable
    {
        public TestApp App { get; } = StaffEmailTestData.App();

        public void Dispose() => App.Dispose();
    }

    public static TheoryData<string> EveryStepKind() =>
    [
        FollowUpKinds.AssignOverdue, FollowUpKinds.AssignOverdueToManager, FollowUpKinds.FirstContactOverdue, FollowUpKinds.RetryCallOverdue,
        FollowUpKinds.MissedCall, FollowUpKinds.ReviewOverdue, FollowUpKinds.EmergencyAnnouncement, FollowUpKinds.ClinicianAssigned,
        FollowUpKinds.ClinicianUnassigned, FollowUpKinds.DailyDigest,
    ];

    [Theory]
    [MemberData(nameof(EveryStepKind))]
    public async Task Every_step_s_email_composes_with_the_reference_and_without_the_patient_s_name_or_concern(string kind)
    {
        await using var db = await DbAsync(_app);
        var (lead, step) = await UrgentScheduledLeadWithStepAsync(db, kind);
        await using var scope = _app.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<FollowUpStepEmails>().ForAsync(db, step, step.LeadId is null ? null : lead, DateTime.UtcNow, CancellationToken.None);
        var composer = scope.ServiceProvider.GetRequiredService<OutboundEmailComposer>();

        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var message = await composer.ComposeAsync(db, row, step.LeadId is null ? null : lead, CancellationToken.None);

            Assert.Equal(row.Recipient, Assert.Single(message.To.Mailboxes).Address);
            Assert.Contains(lead.Reference, message.TextBody);
            Assert.Contains(lead.Reference, message.HtmlBody);
            AssertNothingAboutThePatient(message);
        }
    }

    [Theory]
    [InlineData(OutboundEmailKinds.ReceptionNewRequest)]
    [InlineData(OutboundEmailKinds.ReceptionRepeatRequest)]
    [InlineData(OutboundEmailKinds.ReceptionPatientCancelled)]
    public async Task Reception_s_emails_carry_the_triage_and_the_reference_but_not_the_patient_s_name(string kind)
    {
        await using var db = await DbAsync(_app);
        var (lead, _) = await UrgentScheduledLeadWithStepAsync(db, FollowUpKinds.AssignOverdue);
        await using var scope = _app.Services.CreateAsyncScope();

        var message = await scope.ServiceProvider.GetRequiredService<OutboundEmailComposer>()
            .ComposeAsync(db, OutboundEmailKinds.Due(lead, kind, "reception@clinic.test", DateTime.UtcNow), lead, CancellationToken.None);

        Assert.StartsWith("[Urgent care advised] ", message.Subject);
        Assert.Contains(lead.Reference, message.TextBody);
        AssertNothingAboutThePatient(message);
    }

    [Fact]
    public async Task The_patient_s_own_confirmation_does_greet_them_by_name()
    {
        await using var db = await DbAsync(_app);
        var (lead, _) = await UrgentScheduledLeadWithStepAsync(db, FollowUpKinds.AssignOverdue);
        await using var scope = _app.Services.CreateAsyncScope();

        var message = await scope.ServiceProvider.GetRequiredService<OutboundEmailComposer>()
            .ComposeAsync(db, OutboundEmailKinds.Due(lead, OutboundEmailKinds.PatientConfirmation, lead.Email, DateTime.UtcNow), lead, CancellationToken.None);

        // The check above would catch a name: the request carries one.
        Assert.Contains($"Dear {FirstName},", message.TextBody);
    }

    [Fact]
    public async Task A_staff_email_that_cannot_be_composed_is_marked_failed_for_a_person_instead_of_being_retried()
    {
        long id;
        await using (var db = await DbAsync(_app))
        {
            var email = new OutboundEmail
            {
                Kind = FollowUpKinds.DailyDigest,
                Recipient = LeadTestData.ClinicianA,
                StaffMemberId = Staff(db, LeadTestData.ClinicianA).Id,
                Status = OutboundEmailStatus.Pending,
                NextAttemptAt = DateTime.UtcNow.AddSeconds(-1),
                CreatedAt = DateTime.UtcNow,
            };
            db.OutboundEmails.Add(email);
            await db.SaveChangesAsync();
            id = email.Id;
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunAsync(id, CancellationToken.None);
        }

        await using var check = await DbAsync(_app);
        var row = await check.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal(OutboundEmailStatus.Failed, row.Status);
        Assert.StartsWith("Could not be composed", row.LastError);
        Assert.Null(row.ClaimedUntil);
    }

    /// <summary>
    /// An urgent-care request from the patient the checks look for, at Riverside, assigned to
    /// Priya with a call agreed within the hour, and a step of <paramref name="kind"/> that ran.
    /// </summary>
    private async Task<(Lead Lead, FollowUpStep Step)> UrgentScheduledLeadWithStepAsync(LeadDbContext db, string kind)
    {
        var now = DateTime.UtcNow;
        var priya = Staff(db, LeadTestData.ClinicianA);
        var tom = Staff(db, LeadTestData.ClinicianB);
        var reception = Reception(db);
        var lead = NewLead(now.AddHours(-2), TriageLevel.Emergency, await SiteIdAsync(db, "Riverside"), l =>
        {
            l.Assign(priya, reception, now.AddMinutes(-90));
            l.Schedule(now.AddHours(1), reception, now.AddMinutes(-80));
        });
        db.Leads.Add(lead);
        await db.SaveChangesAsync();

        var clock = _app.Services.GetRequiredService<ClinicClock>();
        var callDay = DateOnly.FromDateTime(clock.ToClinicTime(lead.ScheduledCallAt!.Value));
        var step = kind == FollowUpKinds.DailyDigest
            ? Step(kind, null, now.AddMinutes(-1), clock.ToUtc(callDay.ToDateTime(TimeOnly.MinValue)), priya.Id)
            : Step(kind, lead, now.AddMinutes(-1), lead.StageStartedAt, kind switch
            {
                FollowUpKinds.ClinicianAssigned => priya.Id,
                FollowUpKinds.ClinicianUnassigned => tom.Id,
                _ => null,
            });
        step.Status = FollowUpStatus.Done;
        db.FollowUps.Add(step);
        await db.SaveChangesAsync();
        return (lead, step);
    }

    private static void AssertNothingAboutThePatient(MimeMessage message)
    {
        var headers = string.Join("\n", message.Headers.Select(h => h.Value));
        foreach (var part in new[] { message.Subject, message.TextBody, message.HtmlBody, headers })
        {
            Assert.DoesNotContain(FirstName, part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(LastName, part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SECRET-CONCERN", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("numb fingers", part, StringComparison.OrdinalIgnoreCase);
        }
    }
}
