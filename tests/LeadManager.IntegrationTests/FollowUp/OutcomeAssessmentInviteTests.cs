using LeadManager.Data.Leads;
using LeadManager.Web.Email.Invites;
using LeadManager.Web.Features.Leads;
using MimeKit;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// With <c>Workflow:AssessmentInvite</c> on, the booked-assessment email carries a calendar invite
/// for the assessment itself (its own UID, apart from the discovery call's), read back with Ical.Net.
/// </summary>
public sealed class OutcomeAssessmentInviteTests(OutcomeAssessmentInviteTests.InviteApp app) : IClassFixture<OutcomeAssessmentInviteTests.InviteApp>
{
    public sealed class InviteApp : OutcomeEmailApp
    {
        public InviteApp()
            : base(assessmentInvite: true)
        {
        }
    }

    private sealed record Invite(MimeMessage Message, string Ics, Ical.Net.CalendarComponents.CalendarEvent Event, string Method);

    private static Invite Read(MimeMessage message)
    {
        var ics = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", "calendar")).Text;
        var calendar = Ical.Net.Calendar.Load(ics)!;
        return new Invite(message, ics, Assert.Single(calendar.Events), calendar.Method!);
    }

    [Fact]
    public async Task The_booked_email_carries_an_invite_for_the_assessment_at_its_time_and_site_with_its_own_uid()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync();
        var startsAt = app.Tomorrow(14, 30);

        await app.RecordAsync(lead, CloseReason.BookedAssessment, booking: new BookingInput(startsAt, await app.SiteIdAsync("Town Centre"), "PX-77"));
        await app.SendDueAsync(lead);

        var email = Assert.Single(app.ToPatient(lead));
        var invite = Read(email);
        Assert.Equal("REQUEST", invite.Method);
        Assert.Equal($"assessment-{lead.Reference}@clinic.test", invite.Event.Uid);
        Assert.NotEqual(CallInviteCalendar.Uid(lead.Reference, "clinic.test"), invite.Event.Uid);
        Assert.Equal(0, invite.Event.Sequence);
        Assert.Equal(OutcomeEmailApp.ToUtc(startsAt), invite.Event.DtStart!.AsUtc);
        Assert.Equal(OutcomeEmailApp.ToUtc(startsAt).AddMinutes(45), invite.Event.DtEnd!.AsUtc);
        Assert.Equal("Assessment at Riverside Physiotherapy", invite.Event.Summary);
        Assert.Contains("Town Centre, 27 High Street, Townsville TC4 5CD", invite.Event.Description);
        Assert.Contains("PX-77", invite.Event.Description);
        Assert.Contains("phone 01632 960002", invite.Event.Description);
        Assert.Contains(email.Attachments, a => a is MimePart { FileName: CallInviteCalendar.AttachmentName });
        Assert.Contains("A calendar invite for the assessment is attached.", email.TextBody);
        OutcomeEmailApp.AssertNoHealthDetail(email);
        Assert.DoesNotContain("Robin", invite.Ics);
    }

    [Fact]
    public async Task A_request_reopened_and_booked_again_moves_the_same_event_with_a_higher_sequence()
    {
        app.MoveToNext(10, 0);
        var lead = await app.AssignedLeadAsync();
        var riverside = await app.SiteIdAsync("Riverside");
        await app.RecordAsync(lead, CloseReason.BookedAssessment, booking: new BookingInput(app.Tomorrow(9, 0), riverside, null));
        await app.SendDueAsync(lead);

        await app.ActAsync(lead, (actions, who, id, version) => actions.ReopenAsync(who, id, version), Reception);
        await app.RecordAsync(lead, CloseReason.BookedAssessment, booking: new BookingInput(app.Tomorrow(16, 0), riverside, null));
        await app.SendDueAsync(lead);

        var invites = app.ToPatient(lead).Select(Read).OrderBy(i => i.Event.Sequence).ToList();
        Assert.Equal(2, invites.Count);
        Assert.Equal(invites[0].Event.Uid, invites[1].Event.Uid);
        Assert.Equal([0, 1], invites.Select(i => i.Event.Sequence));
        Assert.Equal(OutcomeEmailApp.ToUtc(app.Tomorrow(9, 0)), invites[0].Event.DtStart!.AsUtc);
        Assert.Equal(OutcomeEmailApp.ToUtc(app.Tomorrow(16, 0)), invites[1].Event.DtStart!.AsUtc);
    }
}
