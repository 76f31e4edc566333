using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages.ClinicianAssigned;
using LeadManager.Web.Email.Messages.ClinicianUnassigned;
using LeadManager.Web.Email.Messages.DailyDigest;
using LeadManager.Web.Email.Messages.EmergencyAnnouncement;
using LeadManager.Web.Email.Messages.Escalation;

namespace LeadManager.Tests.Email;

/// <summary>What staff read: what is late and since when (clinic time), our reference and a link; never a patient's name.</summary>
public sealed class StaffEmailTemplatesTests
{
    private const string Link = "https://clinic.test/leads/DC-7K3P9Q";
    private static readonly DateTime Arrived = new(2027, 3, 5, 16, 55, 0);
    private static readonly DateTime Due = new(2027, 3, 8, 8, 10, 0);

    public static TheoryData<string> Escalations() => [.. FollowUpKinds.Escalations.Order()];

    [Theory]
    [MemberData(nameof(Escalations))]
    public async Task Every_escalation_says_what_is_late_since_when_with_the_reference_and_a_link(string kind)
    {
        var rendered = await new EmailTemplates().RenderAsync(new EscalationEmail(kind, "DC-7K3P9Q", TriageLevel.Routine, "Priya Shah", Arrived, Due, Due.AddMinutes(-15), Link));

        Assert.StartsWith("Overdue: ", rendered.Subject);
        Assert.EndsWith(" DC-7K3P9Q", rendered.Subject);
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("DC-7K3P9Q", body);
            Assert.Contains("Mon 8 Mar 08:10", body);
            Assert.Contains(Link, body);
        }

        Assert.Contains("Late since: Mon 8 Mar 08:10", rendered.Text);
    }

    [Fact]
    public async Task A_late_review_on_an_urgent_request_leads_with_its_triage()
    {
        var rendered = await new EmailTemplates().RenderAsync(new EscalationEmail(
            FollowUpKinds.ReviewOverdue, "DC-7K3P9Q", TriageLevel.ReviewFirst, null, Arrived, Due, null, Link));

        Assert.Equal("[Clinician review first] Overdue: Clinical review waiting DC-7K3P9Q", rendered.Subject);
        Assert.StartsWith("Clinician review first: look at this request first.", rendered.Text);
        Assert.Contains("has waited for a clinical review since Fri 5 Mar 16:55. The review was due by Mon 8 Mar 08:10", rendered.Text);
        Assert.DoesNotContain("Clinician:", rendered.Text);
    }

    [Fact]
    public async Task A_missed_call_names_the_agreed_time_and_the_clinician()
    {
        var rendered = await new EmailTemplates().RenderAsync(new EscalationEmail(
            FollowUpKinds.MissedCall, "DC-7K3P9Q", TriageLevel.Routine, "Priya Shah", Arrived, Due, new DateTime(2027, 3, 8, 7, 55, 0), Link));

        Assert.Equal("Overdue: Agreed call not recorded DC-7K3P9Q", rendered.Subject);
        Assert.Contains("was agreed for Mon 8 Mar 07:55 with Priya Shah, and nothing has been recorded since", rendered.Text);
    }

    [Fact]
    public async Task The_urgent_care_announcement_asks_for_urgent_review_and_says_the_patient_was_told_to_seek_urgent_care()
    {
        var rendered = await new EmailTemplates().RenderAsync(new EmergencyAnnouncementEmail("DC-7K3P9Q", Arrived, Link));

        Assert.Equal("[Urgent care advised] Urgent clinical review needed DC-7K3P9Q", rendered.Subject);
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("needs urgent clinical review", body);
            Assert.Contains("advised on screen to seek urgent care", body);
            Assert.Contains("Fri 5 Mar 16:55", body);
            Assert.Contains(Link, body);
        }
    }

    [Fact]
    public async Task Assignment_emails_name_the_clinician_encoded_and_say_when_reception_got_it_instead()
    {
        var templates = new EmailTemplates();

        var assigned = await templates.RenderAsync(new ClinicianAssignedEmail("<b>Priya</b>", "DC-7K3P9Q", TriageLevel.Emergency, Due, Link, ToReceptionInstead: false));
        var forwarded = await templates.RenderAsync(new ClinicianUnassignedEmail("Priya Shah", "DC-7K3P9Q", Due, "https://clinic.test/my-calls", ToReceptionInstead: true));

        Assert.Equal("[Urgent care advised] Request assigned to you DC-7K3P9Q", assigned.Subject);
        Assert.Contains("&lt;b&gt;Priya&lt;/b&gt;, request <strong>DC-7K3P9Q</strong> was assigned to you at Mon 8 Mar 08:10", assigned.Html);
        Assert.DoesNotContain("went to reception", assigned.Text);
        Assert.Equal("Request no longer assigned to you DC-7K3P9Q", forwarded.Subject);
        Assert.StartsWith("This went to reception because Priya Shah has no email address on record.", forwarded.Text);
        Assert.Contains("https://clinic.test/my-calls", forwarded.Html);
    }

    [Fact]
    public async Task The_digest_lists_the_day_s_calls_with_their_times_what_to_arrange_what_is_overdue_and_the_reviews_waiting()
    {
        var digest = new DailyDigestEmail(
            "Priya Shah",
            new DateOnly(2027, 3, 8),
            [new("DC-AAAAAA", "https://clinic.test/leads/DC-AAAAAA", "10:30"), new("DC-BBBBBB", "https://clinic.test/leads/DC-BBBBBB", "14:00")],
            [new("DC-CCCCCC", "https://clinic.test/leads/DC-CCCCCC", "a call is due by Mon 8 Mar 09:00")],
            [],
            3,
            "https://clinic.test/my-calls",
            ToReceptionInstead: false);

        var rendered = await new EmailTemplates().RenderAsync(digest);

        Assert.Equal("Your day, Monday 8 March: 2 calls agreed, 1 to arrange, 0 overdue", rendered.Subject);
        Assert.Contains("10:30  DC-AAAAAA  https://clinic.test/leads/DC-AAAAAA\n14:00  DC-BBBBBB", rendered.Text);
        Assert.Contains("DC-CCCCCC (a call is due by Mon 8 Mar 09:00)", rendered.Text);
        Assert.Contains("OVERDUE\nNone.", rendered.Text);
        Assert.Contains("3 clinical reviews are waiting.", rendered.Text);
        Assert.Contains("<td>10:30</td><td><a href=\"https://clinic.test/leads/DC-AAAAAA\">DC-AAAAAA</a></td>", rendered.Html);
        Assert.Contains("https://clinic.test/my-calls", rendered.Html);
    }
}
