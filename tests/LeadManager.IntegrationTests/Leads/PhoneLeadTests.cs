using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Leads;

/// <summary>Requests reception takes on the phone or at the desk go through the same intake as the public form.</summary>
public sealed class PhoneLeadTests(TestApp app) : IClassFixture<TestApp>
{
    private static LeadSubmission Submission(string email, string phone = "07911 233441") => new()
    {
        ForWhom = "me", FirstName = "Dev", LastName = "Caller", Email = email, Phone = phone, BodyArea = "shoulder",
        Concern = "Shoulder clicks when lifting", PreferredTimes = ["mornings"], ConsentContact = true, ConsentHealthData = true,
    };

    private async Task<EnterPhoneLead.Result> EnterAsync(string who, LeadSubmission input, LeadChannel channel = LeadChannel.Phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EnterPhoneLead>().EnterAsync(await PrincipalAsync(app, who), input, channel);
    }

    [Fact]
    public async Task A_phone_request_is_recorded_as_taken_by_the_receptionist_with_verbal_consent_and_only_the_patient_is_emailed()
    {
        var result = await EnterAsync(Reception, Submission("dev.caller@example.com"));

        Assert.Empty(result.Errors);
        var reference = result.Accepted!.LeadReferenceForStaff;
        await using var db = await NewDbAsync(app);
        var lead = await db.Leads.Include(l => l.Events).SingleAsync(l => l.Reference == reference);
        Assert.Equal(LeadChannel.Phone, lead.Channel);
        Assert.Equal(ConsentMethod.Verbal, lead.ConsentMethod);
        Assert.Equal("+447911233441", lead.Phone);
        var created = Assert.Single(lead.Events, e => e.Kind == LeadEventKind.Created);
        Assert.Equal("Sophie Hale", created.ActorName);
        Assert.Equal(ActorKind.Staff, created.ActorKind);
        var emails = await db.OutboundEmails.Where(e => e.LeadId == lead.Id).ToListAsync();
        var email = Assert.Single(emails);
        Assert.Equal(OutboundEmailKinds.PatientConfirmation, email.Kind);
        Assert.Equal("dev.caller@example.com", email.Recipient);
        await FollowUp.OutboxEmailTests.WaitForAsync(app, async db =>
            await db.OutboundEmails.AnyAsync(e => e.Id == email.Id && e.Status == OutboundEmailStatus.Sent) ? "sent" : null, seconds: 15);
    }

    [Fact]
    public async Task A_desk_request_from_someone_with_an_open_request_joins_it_as_asked_again()
    {
        var first = await EnterAsync(Reception, Submission("walk.in@example.com", "07911 233442"));
        var again = await EnterAsync(LeadTestData.Admin, Submission("walk.in@example.com", "07911 233443"), LeadChannel.WalkIn);

        Assert.True(again.Accepted!.AskedAgain);
        Assert.Equal(first.Accepted!.LeadReferenceForStaff, again.Accepted.LeadReferenceForStaff);
        await using var db = await NewDbAsync(app);
        var lead = await db.Leads.Include(l => l.Events).SingleAsync(l => l.Reference == first.Accepted.LeadReferenceForStaff);
        Assert.Contains(lead.Events, e => e.Kind == LeadEventKind.AskedAgain && e.Details.Contains("WalkIn") && e.ActorName == "Grace Bennett");
        Assert.Equal(1, await db.Leads.CountAsync(l => l.Email == "walk.in@example.com"));
    }

    [Fact]
    public async Task A_clinician_cannot_enter_a_request()
    {
        var result = await EnterAsync(ClinicianA, Submission("not.allowed@example.com", "07911 233444"));

        Assert.Null(result.Accepted);
        Assert.Contains("Only reception", result.Refusal);
        await using var db = await NewDbAsync(app);
        Assert.False(await db.Leads.AnyAsync(l => l.Email == "not.allowed@example.com"));
    }

    [Fact]
    public async Task Bad_answers_get_the_same_messages_as_the_public_form_and_nothing_is_saved()
    {
        var input = Submission("bad.phone@example.com", "12345");
        input.ConsentHealthData = false;
        var result = await EnterAsync(Reception, input);

        await using var scope = app.Services.CreateAsyncScope();
        var sites = await scope.ServiceProvider.GetRequiredService<ActiveSites>().GetAsync(CancellationToken.None);
        var publicForm = new LeadSubmission
        {
            ForWhom = input.ForWhom, FirstName = input.FirstName, LastName = input.LastName, Email = input.Email, Phone = input.Phone,
            BodyArea = input.BodyArea, Concern = input.Concern, ConsentContact = true, ConsentHealthData = false, PrivacyNoticeVersion = "2026-11",
        };
        var (_, expected) = scope.ServiceProvider.GetRequiredService<IntakeValidator>().Validate(publicForm, sites, "2026-11");

        Assert.Null(result.Accepted);
        Assert.Equal(expected.Select(e => (e.Field, e.Message)), result.Errors.Select(e => (e.Field, e.Message)));
        Assert.Contains(result.Errors, e => e.Field == "Phone");
        Assert.Contains(result.Errors, e => e.Field == "ConsentHealthData");
        await using var db = await NewDbAsync(app);
        Assert.False(await db.Leads.AnyAsync(l => l.Email == "bad.phone@example.com"));
    }
}
