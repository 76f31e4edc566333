using System.Globalization;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Leads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The email each outcome sends the patient, and when the outcome form's tick sends none, on the
/// real app with a real SMTP server and a fake clock (default options: the assessment invite off,
/// quiet hours 21:00 to 08:00). Every request's concern is a secret no email may carry.
/// </summary>
public sealed class OutcomeEmailTests(OutcomeEmailApp app) : IClassFixture<OutcomeEmailApp>
{
    private const string SafetyNet = "If things get worse, contact your GP or call NHS 111.";
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    private string RequestUrl => new Uri(new Uri(app.Services.GetRequiredService<IOptions<AppOptions>>().Value.PublicUrl), "/request").ToString();

    [Fact]
    public async Task A_booked_assessment_tells_the_patient_when_where_what_to_bring_and_the_practice_reference_and_nothing_of_their_health()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync(TriageLevel.ReviewFirst, (l, db) =>
            l.RecordClinicalReview(Staff(db, ClinicianA), ClinicalReviewDecision.SafeToProceed, "SECRET-REVIEW-NOTE", Actor.System, app.Now));
        var startsAt = app.Tomorrow(14, 30);

        await app.RecordAsync(lead, CloseReason.BookedAssessment, booking: new BookingInput(startsAt, await app.SiteIdAsync("Town Centre"), "PX-4242"));
        await app.SendDueAsync(lead);

        var email = Assert.Single(app.ToPatient(lead));
        var when = startsAt.ToString("dddd d MMMM 'at' HH:mm", British);
        Assert.Equal($"Your assessment with Riverside Physiotherapy: {when}", email.Subject);
        foreach (var body in new[] { email.TextBody, email.HtmlBody })
        {
            Assert.Contains(when, body);
            Assert.Contains("Town Centre", body);
            Assert.Contains("27 High Street, Townsville TC4 5CD", body);
            Assert.Contains("Please bring:", body);
            Assert.Contains("a list of any medicines you take", body);
            Assert.Contains("PX-4242", body);
            Assert.Contains(lead.Reference, body);
            Assert.Contains("phone us on 01632 960002", body);
        }

        // The invite is off by default: the practice system owns the appointment.
        Assert.DoesNotContain(email.BodyParts, p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.DoesNotContain(email.Attachments, a => a.ContentType.IsMimeType("application", "ics"));
        Assert.DoesNotContain("calendar invite", email.TextBody);
        OutcomeEmailApp.AssertNoHealthDetail(email);
        Assert.Equal(OutboundEmailKinds.PatientAssessmentBooked, Assert.Single(await app.PatientRowsAsync(lead)).Kind);
    }

    [Fact]
    public async Task Not_suitable_is_kind_gives_the_safety_net_and_never_the_reason()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync();

        await app.RecordAsync(lead, CloseReason.NotSuitable);
        await app.SendDueAsync(lead);

        var email = Assert.Single(app.ToPatient(lead));
        Assert.Equal("After your discovery call with Riverside Physiotherapy", email.Subject);
        Assert.Contains(SafetyNet, email.TextBody);
        Assert.Contains(SafetyNet, email.HtmlBody);
        Assert.Contains("Thank you for taking the time to speak with us.", email.TextBody);
        Assert.Contains(RequestUrl, email.TextBody);
        Assert.DoesNotContain("suitable", email.TextBody, StringComparison.OrdinalIgnoreCase);
        OutcomeEmailApp.AssertNoHealthDetail(email);
    }

    [Fact]
    public async Task Referred_elsewhere_gives_the_safety_net_and_never_says_where_to_or_why()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync();

        await app.RecordAsync(lead, CloseReason.ReferredElsewhere, referral: new ReferralDetails(ReferralDestination.UrgentCare, "SECRET-REFERRAL-NOTE: sudden weakness"));
        await app.SendDueAsync(lead);

        var email = Assert.Single(app.ToPatient(lead));
        Assert.Equal("After your discovery call with Riverside Physiotherapy", email.Subject);
        Assert.Contains(SafetyNet, email.TextBody);
        Assert.Contains("another service is better placed to help you", email.TextBody);
        OutcomeEmailApp.AssertNoHealthDetail(email, "urgent", "weakness", "referr");
    }

    [Fact]
    public async Task Not_interested_sends_nothing_unless_ticked_and_then_a_short_thank_you()
    {
        app.MoveToNext(10, 0);
        var untouched = await app.AssignedLeadAsync();
        var ticked = await app.AssignedLeadAsync();

        await app.RecordAsync(untouched, CloseReason.NotInterested);
        await app.RecordAsync(ticked, CloseReason.NotInterested, emailPatient: true);
        await app.SendDueAsync(untouched);
        await app.SendDueAsync(ticked);

        Assert.Empty(await app.PatientRowsAsync(untouched));
        Assert.Empty(app.ToPatient(untouched));
        var email = Assert.Single(app.ToPatient(ticked));
        Assert.Equal("Thank you from Riverside Physiotherapy", email.Subject);
        Assert.Contains("Thank you for your time on the call.", email.TextBody);
        OutcomeEmailApp.AssertNoHealthDetail(email);
    }

    [Fact]
    public async Task No_response_closes_with_several_tries_the_link_to_ask_again_and_the_clinic_phone()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync(arrange: (l, db) => l.RecordAttempt(Staff(db, ClinicianA), CallAttemptResult.NoAnswer, null, Actor.System, app.Now));

        await app.RecordAsync(lead, CloseReason.NoResponse);
        await app.SendDueAsync(lead);

        var email = Assert.Single(app.ToPatient(lead));
        Assert.Equal($"We could not reach you about your request {lead.Reference}", email.Subject);
        Assert.Contains("We tried to reach you several times", email.TextBody);
        Assert.Contains("we have closed your request", email.TextBody);
        Assert.Contains("You are welcome to ask again", email.TextBody);
        Assert.Contains(RequestUrl, email.TextBody);
        Assert.Contains($"href=\"{RequestUrl}\"", email.HtmlBody);
        Assert.Contains("1632 960000", email.TextBody);
        OutcomeEmailApp.AssertNoHealthDetail(email);
    }

    [Fact]
    public async Task A_request_made_for_someone_else_gets_no_not_suitable_or_referral_email_unless_the_tick_is_ticked_but_a_booking_still_goes()
    {
        app.MoveToNext(10, 0);
        void ForSomeoneElse(Lead l, Data.LeadDbContext db)
        {
            l.CallFor = CallFor.SomeoneElse;
            l.ContactPersonName = "Sam Asker";
        }

        var notSuitable = await app.AssignedLeadAsync(arrange: ForSomeoneElse);
        var referred = await app.AssignedLeadAsync(arrange: ForSomeoneElse);
        var tickedAnyway = await app.AssignedLeadAsync(arrange: ForSomeoneElse);
        var booked = await app.AssignedLeadAsync(arrange: ForSomeoneElse);

        await app.RecordAsync(notSuitable, CloseReason.NotSuitable);
        await app.RecordAsync(referred, CloseReason.ReferredElsewhere, referral: new ReferralDetails(ReferralDestination.GP, null));
        await app.RecordAsync(tickedAnyway, CloseReason.NotSuitable, emailPatient: true);
        await app.RecordAsync(booked, CloseReason.BookedAssessment, booking: new BookingInput(app.Tomorrow(11, 0), await app.SiteIdAsync("Riverside"), null));
        foreach (var lead in new[] { notSuitable, referred, tickedAnyway, booked })
        {
            await app.SendDueAsync(lead);
        }

        Assert.Empty(await app.PatientRowsAsync(notSuitable));
        Assert.Empty(await app.PatientRowsAsync(referred));
        Assert.Contains(SafetyNet, Assert.Single(app.ToPatient(tickedAnyway)).TextBody);
        Assert.StartsWith("Your assessment with", Assert.Single(app.ToPatient(booked)).Subject);
    }

    [Fact]
    public async Task An_unticked_tick_sends_nothing_and_the_outcome_is_still_recorded()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync();

        await app.RecordAsync(lead, CloseReason.BookedAssessment, emailPatient: false, booking: new BookingInput(app.Tomorrow(9, 0), await app.SiteIdAsync("Riverside"), null));
        await app.SendDueAsync(lead);

        Assert.Equal(CloseReason.BookedAssessment, (await ReadAsync(app, lead.Id)).CloseReason);
        Assert.Empty(await app.PatientRowsAsync(lead));
        Assert.Empty(app.ToPatient(lead));
    }

    [Fact]
    public async Task Duplicate_and_spam_send_the_patient_nothing()
    {
        app.MoveToNext(10, 0);
        var original = await app.AssignedLeadAsync();
        var duplicate = await app.AssignedLeadAsync();
        var spam = await app.AssignedLeadAsync();

        await app.ActAsync(duplicate, (actions, who, id, version) => actions.MarkDuplicateAsync(who, id, version, original.Reference), Reception);
        await app.ActAsync(spam, (actions, who, id, version) => actions.MarkSpamAsync(who, id, version), Reception);
        await app.SendDueAsync(duplicate);
        await app.SendDueAsync(spam);

        Assert.Empty(await app.PatientRowsAsync(duplicate));
        Assert.Empty(await app.PatientRowsAsync(spam));
        Assert.Empty(app.ToPatient(duplicate));
        Assert.Empty(app.ToPatient(spam));
    }

    [Fact]
    public async Task A_request_without_an_email_address_is_sent_nothing_even_when_the_tick_is_forced()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync(arrange: (l, _) => l.Email = "");

        await app.RecordAsync(lead, CloseReason.NotSuitable, emailPatient: true);

        await using var db = await NewDbAsync(app);
        Assert.Empty(db.OutboundEmails.Where(e => e.LeadId == lead.Id && e.Kind == OutboundEmailKinds.PatientNotSuitable));
    }

    [Fact]
    public async Task An_outcome_recorded_at_ten_at_night_waits_until_eight_the_next_morning()
    {
        app.MoveToNext(22, 0);
        var eight = OutcomeEmailApp.ToUtc(app.Tomorrow(8, 0));
        var lead = await app.AssignedLeadAsync();

        await app.RecordAsync(lead, CloseReason.NotSuitable);
        Assert.Equal(eight, Assert.Single(await app.PatientRowsAsync(lead)).NextAttemptAt);

        app.MoveTo(eight.AddMinutes(-1));
        await app.SendDueAsync(lead);
        Assert.Empty(app.ToPatient(lead));

        app.MoveTo(eight);
        await app.SendDueAsync(lead);
        Assert.Contains(SafetyNet, Assert.Single(app.ToPatient(lead)).TextBody);
    }

    [Fact]
    public async Task The_patient_s_own_cancellation_is_confirmed_at_once_even_at_night_and_reception_is_still_told()
    {
        app.MoveToNext(23, 0);
        var lead = await app.AssignedLeadAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PatientCancellation>().CancelAsync(lead.Id, lead.Reference, CancellationToken.None);
        }

        var row = Assert.Single(await app.PatientRowsAsync(lead));
        Assert.Equal(OutboundEmailKinds.PatientCancellationConfirmed, row.Kind);
        Assert.Equal(app.Now, row.NextAttemptAt);
        await app.SendDueAsync(lead);
        var email = Assert.Single(app.ToPatient(lead));
        Assert.Equal($"Your request {lead.Reference} is cancelled", email.Subject);
        Assert.Contains("You cancelled your request", email.TextBody);
        Assert.Contains(RequestUrl, email.TextBody);
        OutcomeEmailApp.AssertNoHealthDetail(email);
        Assert.Contains(app.Smtp.Messages, m => m.To.Mailboxes.Any(t => t.Address == "reception@clinic.test") && (m.Subject ?? "").Contains(lead.Reference));
    }

    [Fact]
    public async Task A_cancellation_reception_takes_for_the_patient_on_the_phone_is_confirmed_to_them_at_once_too()
    {
        app.MoveToNext(21, 30);
        var lead = await app.AssignedLeadAsync();

        await app.ActAsync(lead, (actions, who, id, version) => actions.CancelForPatientAsync(who, id, version), Reception);
        await app.SendDueAsync(lead);

        Assert.Equal($"Your request {lead.Reference} is cancelled", Assert.Single(app.ToPatient(lead)).Subject);
    }

    [Fact]
    public async Task Each_outcome_email_is_named_on_the_request_s_timeline()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync();

        await app.RecordAsync(lead, CloseReason.NotSuitable);
        await app.SendDueAsync(lead);

        var events = (await ReadAsync(app, lead.Id)).Events;
        Assert.Contains(events, e => e.Kind == LeadEventKind.EmailSent && e.Details.StartsWith("Not-suitable email to the patient sent", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Details.Contains(lead.Email, StringComparison.OrdinalIgnoreCase));
    }
}
