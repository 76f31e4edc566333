using LeadManager.Data.Leads;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Invites;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Email.Messages.ClinicianCallInvite;
using LeadManager.Web.Email.Messages.PatientCallCancelled;
using LeadManager.Web.Email.Messages.PatientCallInvite;
using LeadManager.Web.Email.Messages.PatientCallReminder;
using MimeKit;

namespace LeadManager.Tests.Email;

/// <summary>The emails around an agreed call: the patient reads the day and time in clinic time and how to change it; the clinician reads our reference, the time and a link.</summary>
public sealed class CallInviteEmailTests
{
    private const string Clinic = "Riverside Physiotherapy";
    private const string Phone = "01632 960123";
    private const string Colour = "#1F6F78";
    private const string Signature = "The Riverside team";
    private const string Reference = "DC-7K3P9Q";
    private const string ManageUrl = "https://riverside.example/manage/abc123";
    private const string LeadUrl = "https://riverside.example/leads/DC-7K3P9Q";

    // Tuesday 8 December 2026 at 10:15, clinic time.
    private static readonly DateTime CallAt = new(2026, 12, 8, 10, 15, 0);

    private readonly EmailTemplates _templates = new();

    private static PatientCallInviteEmail Agreed(string firstName = "Zelda", bool moved = false, string? clinician = "Priya Shah") =>
        new(Clinic, Phone, Colour, Signature, firstName, Reference, CallAt, clinician, ManageUrl, moved);

    private static PatientCallCancelledEmail Cancelled(bool stillOpen, string? manageUrl, string firstName = "Zelda") =>
        new(Clinic, Phone, Colour, Signature, firstName, Reference, CallAt, stillOpen, manageUrl);

    private static PatientCallReminderEmail Reminder(DateOnly sentOn, string firstName = "Zelda") =>
        new(Clinic, Phone, Colour, Signature, firstName, Reference, CallAt, sentOn, "Priya Shah", ManageUrl);

    [Fact]
    public async Task The_agreed_call_email_gives_the_day_and_time_in_clinic_time_says_the_invite_is_attached_and_how_to_change_it()
    {
        var rendered = await _templates.RenderAsync(Agreed());

        Assert.Equal("Your discovery call with Riverside Physiotherapy: Tuesday 8 December at 10:15", rendered.Subject);
        Assert.Contains("Your free discovery call is booked for Tuesday 8 December at 10:15.", rendered.Text);
        Assert.Contains("<strong>Tuesday 8 December at 10:15</strong>", rendered.Html);
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("Priya Shah will phone you then from 01632 960123", body);
            Assert.Contains("A calendar invite is attached", body);
            Assert.Contains("Replying to the invite changes nothing.", body);
            Assert.Contains("or phone us on 01632 960123", body);
            Assert.Contains(ManageUrl, body);
            Assert.Contains(Reference, body);
        }
    }

    [Fact]
    public async Task A_moved_call_says_it_has_moved_and_gives_the_new_time()
    {
        var rendered = await _templates.RenderAsync(Agreed(moved: true));

        Assert.Equal("Your discovery call has moved: Tuesday 8 December at 10:15", rendered.Subject);
        Assert.Contains("Your free discovery call has moved. The new time is: Tuesday 8 December at 10:15.", rendered.Text);
        Assert.Contains("A calendar invite is attached: it moves the call in your calendar.", rendered.Text);
    }

    [Fact]
    public async Task Without_a_clinician_yet_a_physiotherapist_will_phone()
    {
        var rendered = await _templates.RenderAsync(Agreed(clinician: null));

        Assert.Contains("A physiotherapist will phone you then from 01632 960123.", rendered.Text);
    }

    [Fact]
    public async Task A_cancelled_call_still_open_says_we_will_agree_a_new_time_and_gives_the_manage_link()
    {
        var rendered = await _templates.RenderAsync(Cancelled(stillOpen: true, ManageUrl));

        Assert.Equal("Your discovery call on Tuesday 8 December at 10:15 is cancelled", rendered.Subject);
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("we will contact you to agree a new time", body);
            Assert.Contains(ManageUrl, body);
            Assert.Contains("phone us on 01632 960123", body);
            Assert.Contains("removes the call from your calendar", body);
        }
    }

    [Fact]
    public async Task A_cancelled_call_on_a_closed_request_promises_no_new_time_and_has_no_manage_link()
    {
        var rendered = await _templates.RenderAsync(Cancelled(stillOpen: false, manageUrl: null));

        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("Your discovery call on", body);
            Assert.DoesNotContain("agree a new time", body);
            Assert.DoesNotContain("See your request", body);
            Assert.DoesNotContain("/manage/", body);
            Assert.Contains("phone us on 01632 960123", body);
        }
    }

    [Theory]
    [InlineData(8, "Reminder: your discovery call today at 10:15")]
    [InlineData(7, "Reminder: your discovery call tomorrow at 10:15")]
    [InlineData(5, "Reminder: your discovery call on Tuesday 8 December at 10:15")]
    public async Task A_reminder_says_today_tomorrow_or_the_day_from_the_clinic_s_date_when_it_is_sent(int sentOnDayOfDecember, string subject)
    {
        var rendered = await _templates.RenderAsync(Reminder(new DateOnly(2026, 12, sentOnDayOfDecember)));

        Assert.Equal(subject, rendered.Subject);
        var when = subject["Reminder: your discovery call ".Length..];
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains(when, body);
            Assert.Contains("Priya Shah will phone you from 01632 960123", body);
            Assert.Contains(ManageUrl, body);
            Assert.Contains("or phone us on 01632 960123", body);
        }
    }

    [Fact]
    public async Task The_patient_s_first_name_is_encoded_in_every_call_email_and_never_in_a_subject()
    {
        const string name = "<b>Ann</b>";
        var rendered = new[]
        {
            await _templates.RenderAsync(Agreed(firstName: name)),
            await _templates.RenderAsync(Cancelled(stillOpen: true, ManageUrl, firstName: name)),
            await _templates.RenderAsync(Reminder(new DateOnly(2026, 12, 7), firstName: name)),
        };

        Assert.All(rendered, email =>
        {
            Assert.Contains("Dear &lt;b&gt;Ann&lt;/b&gt;,", email.Html);
            Assert.DoesNotContain("<b>Ann", email.Html);
            Assert.Contains("Dear <b>Ann</b>,", email.Text);
            Assert.DoesNotContain("Ann", email.Subject);
        });
    }

    [Theory]
    [InlineData(false, false, "Discovery call DC-7K3P9Q: Tue 8 Dec 10:15", "you have a discovery call for request DC-7K3P9Q at Tue 8 Dec 10:15")]
    [InlineData(false, true, "Discovery call DC-7K3P9Q moved: Tue 8 Dec 10:15", "the discovery call for request DC-7K3P9Q has moved to Tue 8 Dec 10:15")]
    [InlineData(true, false, "Discovery call DC-7K3P9Q cancelled (was Tue 8 Dec 10:15)", "at Tue 8 Dec 10:15 is no longer yours: it was cancelled or given to someone else")]
    public async Task The_clinician_s_email_names_the_reference_the_time_and_what_changed(bool cancelled, bool moved, string subject, string says)
    {
        var rendered = await _templates.RenderAsync(new ClinicianCallInviteEmail("Priya Shah", Reference, CallAt, LeadUrl, moved, cancelled));

        Assert.Equal(subject, rendered.Subject);
        Assert.StartsWith("Priya Shah, ", rendered.Text);
        Assert.Contains(says, rendered.Text);
        Assert.Contains(LeadUrl, rendered.Text);
        Assert.Contains(LeadUrl, rendered.Html);
    }

    /// <summary>Everything a clinician receives for a call whose patient is Zelda Quist, email and invite, decoded as their mail program shows it.</summary>
    [Fact]
    public async Task The_clinician_s_email_and_invite_carry_the_reference_and_link_but_no_patient_name_triage_or_phone()
    {
        var callUtc = new DateTime(2026, 12, 8, 10, 15, 0, DateTimeKind.Utc);
        var invite = new CallInvite(
            InviteMethod.Request,
            CallInviteCalendar.Uid(Reference, "riverside.example"),
            1,
            callUtc,
            TimeSpan.FromMinutes(20),
            "Europe/London",
            Clinic,
            "calls@riverside.example",
            "priya.shah@riverside.example",
            null,
            CallInviteText.ClinicianSummary(Reference),
            CallInviteText.ClinicianDescription(LeadUrl),
            LeadUrl,
            new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));
        var rendered = await _templates.RenderAsync(new ClinicianCallInviteEmail("Priya Shah", Reference, CallAt, LeadUrl, Moved: false, Cancelled: false));

        var message = new MimeMessage { Body = CallInviteCalendar.Body(rendered, invite) };

        var shown = message.BodyParts.OfType<MimePart>().Select(Decoded).ToList();
        Assert.Equal(4, shown.Count);
        Assert.All(shown, text =>
        {
            Assert.Contains(Reference, text);
            Assert.Contains(LeadUrl, text);
            Assert.DoesNotContain("Zelda", text);
            Assert.DoesNotContain("Quist", text);
            Assert.DoesNotContain(Phone, text);
            foreach (var triage in Enum.GetValues<TriageLevel>())
            {
                Assert.DoesNotContain(TriageWords.Label(triage), text, StringComparison.OrdinalIgnoreCase);
            }
        });
    }

    private static string Decoded(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return System.Text.Encoding.UTF8.GetString(content.ToArray());
    }
}
