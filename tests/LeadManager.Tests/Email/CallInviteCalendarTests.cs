using System.Text;
using Ical.Net;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Invites;
using MimeKit;

namespace LeadManager.Tests.Email;

/// <summary>
/// The discovery call's invite as a calendar program receives it: read back with Ical.Net's parser
/// and line by line on the unfolded text, and the MIME body it travels in.
/// </summary>
public sealed class CallInviteCalendarTests
{
    private const string Reference = "DC-7K3P9Q";
    private const string Clinic = "Riverside Physiotherapy";
    private const string From = "calls@riverside.example";
    private const string Phone = "01632 960123";
    private const string ManageUrl = "https://riverside.example/manage/abc123";
    private const string LeadUrl = "https://riverside.example/leads/DC-7K3P9Q";
    private const string Zone = "Europe/London";

    // Tuesday 8 September 2026, 10:15 in London (BST, UTC+1).
    private static readonly DateTime SummerCallUtc = new(2026, 9, 8, 9, 15, 0, DateTimeKind.Utc);

    // Tuesday 8 December 2026, 10:15 in London (GMT, UTC+0).
    private static readonly DateTime WinterCallUtc = new(2026, 12, 8, 10, 15, 0, DateTimeKind.Utc);

    private static readonly DateTime Stamp = new(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly string CallUid = CallInviteCalendar.Uid(Reference, "riverside.example");

    private static CallInvite PatientInvite(InviteMethod method = InviteMethod.Request, int sequence = 1, DateTime? startUtc = null) => new(
        method,
        CallUid,
        sequence,
        startUtc ?? SummerCallUtc,
        TimeSpan.FromMinutes(20),
        Zone,
        Clinic,
        From,
        "zelda.quist@example.com",
        "Zelda Quist",
        CallInviteText.PatientSummary(Clinic),
        CallInviteText.PatientDescription(Clinic, Phone, ManageUrl, method),
        ManageUrl,
        Stamp);

    private static CallInvite ClinicianInvite(InviteMethod method = InviteMethod.Request, int sequence = 1) => new(
        method,
        CallUid,
        sequence,
        SummerCallUtc,
        TimeSpan.FromMinutes(20),
        Zone,
        Clinic,
        From,
        "priya.shah@riverside.example",
        null,
        CallInviteText.ClinicianSummary(Reference),
        CallInviteText.ClinicianDescription(LeadUrl),
        LeadUrl,
        Stamp);

    private static RenderedEmail Rendered => new("Your discovery call", "<p>Dear Zelda</p>", "Dear Zelda");

    /// <summary>RFC 5545 3.1: a long line continues on the next after CRLF and one space.</summary>
    private static string[] UnfoldedLines(string ics) => ics.Replace("\r\n ", "").Replace("\r\n\t", "").Split("\r\n");

    [Fact]
    public void A_request_read_back_by_ical_net_has_its_method_uid_sequence_clinic_times_organizer_and_one_attendee_not_asked_to_reply()
    {
        var calendar = Calendar.Load(CallInviteCalendar.ToIcs(PatientInvite(sequence: 3)));

        Assert.NotNull(calendar);
        Assert.Equal("REQUEST", calendar.Method);
        var call = Assert.Single(calendar.Events);
        Assert.Equal("discovery-call-DC-7K3P9Q@riverside.example", call.Uid);
        Assert.Equal(3, call.Sequence);
        Assert.Equal(Zone, call.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 9, 8, 10, 15, 0), call.DtStart.Value);
        Assert.Equal(SummerCallUtc, call.DtStart.AsUtc);
        Assert.Equal(Zone, call.DtEnd!.TzId);
        Assert.Equal(new DateTime(2026, 9, 8, 10, 35, 0), call.DtEnd.Value);
        Assert.Equal(Stamp, call.DtStamp!.AsUtc);
        Assert.Equal("Discovery call with Riverside Physiotherapy", call.Summary);
        Assert.Equal("CONFIRMED", call.Status);
        Assert.Equal("OPAQUE", call.Transparency);
        Assert.Equal(new Uri(ManageUrl), call.Url);
        Assert.Empty(call.Alarms);
        Assert.Equal(Clinic, call.Organizer!.CommonName);
        Assert.Equal(new Uri("mailto:" + From), call.Organizer.Value);
        var attendee = Assert.Single(call.Attendees);
        Assert.Equal(new Uri("mailto:zelda.quist@example.com"), attendee.Value);
        Assert.Equal("Zelda Quist", attendee.CommonName);
        Assert.False(attendee.Rsvp);
        Assert.Equal("REQ-PARTICIPANT", attendee.Role);
        Assert.Equal("NEEDS-ACTION", attendee.ParticipationStatus);
        Assert.Equal(Zone, Assert.Single(calendar.TimeZones).TzId);
    }

    [Fact]
    public void A_request_says_its_method_uid_sequence_zone_organizer_and_attendee_line_by_line()
    {
        var ics = CallInviteCalendar.ToIcs(PatientInvite(sequence: 3));
        var lines = UnfoldedLines(ics);

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains(lines, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains("UID:discovery-call-DC-7K3P9Q@riverside.example", lines);
        Assert.Contains("SEQUENCE:3", lines);
        Assert.Contains("DTSTAMP:20260901T080000Z", lines);
        Assert.Contains("DTSTART;TZID=Europe/London:20260908T101500", lines);
        Assert.Contains("DTEND;TZID=Europe/London:20260908T103500", lines);
        Assert.Contains("SUMMARY:Discovery call with Riverside Physiotherapy", lines);
        Assert.Contains("STATUS:CONFIRMED", lines);
        Assert.Contains("TRANSP:OPAQUE", lines);
        Assert.Contains("ORGANIZER;CN=Riverside Physiotherapy:mailto:calls@riverside.example", lines);
        var attendee = Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.EndsWith(":mailto:zelda.quist@example.com", attendee);
        Assert.Contains("RSVP=FALSE", attendee);
        Assert.Contains("ROLE=REQ-PARTICIPANT", attendee);
        Assert.Contains("PARTSTAT=NEEDS-ACTION", attendee);
        Assert.Contains("CN=Zelda Quist", attendee);
        Assert.DoesNotContain("BEGIN:VALARM", lines);
        Assert.Single(lines, l => l == "BEGIN:VEVENT");
        var zone = Array.IndexOf(lines, "BEGIN:VTIMEZONE");
        Assert.True(zone > 0 && zone < Array.IndexOf(lines, "BEGIN:VEVENT"), "the VTIMEZONE comes before the event that uses it");
        Assert.Equal("TZID:Europe/London", lines[zone + 1]);
        Assert.Equal("END:VCALENDAR", lines[^2]);
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public void The_text_has_crlf_line_endings_and_no_line_longer_than_75_octets()
    {
        var ics = CallInviteCalendar.ToIcs(PatientInvite());

        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"too long: {line}"));
        Assert.Contains("\r\n ", ics); // the description is long enough to be folded
    }

    [Theory]
    [InlineData("2026-09-08T09:15:00Z", "20260908T101500", "20260908T103500")] // BST: London is UTC+1
    [InlineData("2026-12-08T10:15:00Z", "20261208T101500", "20261208T103500")] // GMT: London is UTC+0
    public void The_call_is_written_in_clinic_time_with_its_zone_in_summer_and_in_winter(string startUtc, string localStart, string localEnd)
    {
        var start = DateTime.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var ics = CallInviteCalendar.ToIcs(PatientInvite(startUtc: start));
        var lines = UnfoldedLines(ics);

        Assert.Contains($"DTSTART;TZID=Europe/London:{localStart}", lines);
        Assert.Contains($"DTEND;TZID=Europe/London:{localEnd}", lines);
        Assert.Equal(start, Assert.Single(Calendar.Load(ics)!.Events).DtStart!.AsUtc);
    }

    [Fact]
    public void The_time_zone_carries_london_s_summer_and_winter_rules_from_before_the_call()
    {
        var ics = CallInviteCalendar.ToIcs(PatientInvite(startUtc: WinterCallUtc));
        var timeZone = Assert.Single(Calendar.Load(ics)!.TimeZones);

        var daylight = Assert.Single(timeZone.TimeZoneInfos, i => i.Name == "DAYLIGHT");
        var standard = Assert.Single(timeZone.TimeZoneInfos, i => i.Name == "STANDARD");
        Assert.Equal(TimeSpan.FromHours(1), daylight.OffsetTo!.Offset);
        Assert.Equal(TimeSpan.Zero, daylight.OffsetFrom!.Offset);
        Assert.Equal(TimeSpan.Zero, standard.OffsetTo!.Offset);
        Assert.Equal(TimeSpan.FromHours(1), standard.OffsetFrom!.Offset);
        // In 2026 summer time runs from 01:00 GMT on 29 March to 02:00 BST on 25 October, and the
        // zone's yearly rules say so (a calendar works the offset out from them, not from its own tables).
        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0), ChangeIn(2026, daylight));
        Assert.Equal(new DateTime(2026, 10, 25, 2, 0, 0), ChangeIn(2026, standard));
        Assert.Equal(new DateTime(2027, 3, 28, 1, 0, 0), ChangeIn(2027, daylight));
    }

    private static DateTime ChangeIn(int year, VTimeZoneInfo rule) => rule.GetOccurrences()
        .Select(o => o.Period.StartTime.Value)
        .SkipWhile(start => start.Year < year)
        .First();

    [Fact]
    public void A_moved_call_is_the_same_uid_with_a_higher_sequence_and_the_new_time()
    {
        var first = UnfoldedLines(CallInviteCalendar.ToIcs(PatientInvite(sequence: 1)));
        var moved = UnfoldedLines(CallInviteCalendar.ToIcs(PatientInvite(sequence: 2, startUtc: WinterCallUtc)));

        Assert.Equal(first.Single(l => l.StartsWith("UID:", StringComparison.Ordinal)), moved.Single(l => l.StartsWith("UID:", StringComparison.Ordinal)));
        Assert.Contains("SEQUENCE:2", moved);
        Assert.Contains("METHOD:REQUEST", moved);
        Assert.Contains("DTSTART;TZID=Europe/London:20261208T101500", moved);
    }

    [Fact]
    public void A_cancel_keeps_the_uid_raises_the_sequence_and_is_never_a_request_with_a_cancelled_status()
    {
        var request = UnfoldedLines(CallInviteCalendar.ToIcs(PatientInvite(InviteMethod.Request, sequence: 4)));
        var cancel = UnfoldedLines(CallInviteCalendar.ToIcs(PatientInvite(InviteMethod.Cancel, sequence: 5)));

        Assert.Contains("METHOD:CANCEL", cancel);
        Assert.DoesNotContain("METHOD:REQUEST", cancel);
        Assert.Contains("STATUS:CANCELLED", cancel);
        Assert.Contains("SEQUENCE:5", cancel);
        Assert.Contains("UID:discovery-call-DC-7K3P9Q@riverside.example", cancel);
        Assert.Contains("UID:discovery-call-DC-7K3P9Q@riverside.example", request);
        Assert.DoesNotContain("STATUS:CANCELLED", request);
        var parsed = Calendar.Load(string.Join("\r\n", cancel))!;
        Assert.Equal("CANCEL", parsed.Method);
        Assert.Equal(5, Assert.Single(parsed.Events).Sequence);
    }

    [Fact]
    public void Every_copy_of_a_lead_s_call_has_the_same_uid_and_another_lead_s_call_another()
    {
        Assert.Equal("discovery-call-DC-7K3P9Q@riverside.example", CallInviteCalendar.Uid("DC-7K3P9Q", "Riverside.Example"));
        Assert.NotEqual(CallInviteCalendar.Uid("DC-7K3P9Q", "riverside.example"), CallInviteCalendar.Uid("DC-AAAAAA", "riverside.example"));

        var patient = Assert.Single(Calendar.Load(CallInviteCalendar.ToIcs(PatientInvite()))!.Events);
        var clinician = Assert.Single(Calendar.Load(CallInviteCalendar.ToIcs(ClinicianInvite()))!.Events);
        Assert.Equal(patient.Uid, clinician.Uid);
    }

    [Fact]
    public void The_patient_s_invite_says_a_reply_changes_nothing_and_gives_the_manage_link_and_the_clinic_phone()
    {
        var call = Assert.Single(Calendar.Load(CallInviteCalendar.ToIcs(PatientInvite()))!.Events);

        Assert.Equal(
            "Riverside Physiotherapy will phone you at this time. Replying to this invite changes nothing: "
            + "to change or cancel the call use https://riverside.example/manage/abc123 or phone 01632 960123.",
            call.Description);
    }

    [Fact]
    public void The_clinician_s_copy_carries_the_reference_and_a_link_and_neither_the_patient_nor_their_address()
    {
        var ics = CallInviteCalendar.ToIcs(ClinicianInvite());
        var call = Assert.Single(Calendar.Load(ics)!.Events);

        Assert.Equal("Discovery call DC-7K3P9Q", call.Summary);
        Assert.Equal("Open the request for the details:\n" + LeadUrl, call.Description);
        Assert.Equal(new Uri(LeadUrl), call.Url);
        Assert.Equal(new Uri("mailto:priya.shah@riverside.example"), Assert.Single(call.Attendees).Value);
        Assert.DoesNotContain("Zelda", ics);
        Assert.DoesNotContain("zelda.quist@example.com", ics);
        Assert.DoesNotContain(Phone, ics);
    }

    [Fact]
    public void The_body_holds_the_text_the_html_and_the_calendar_as_alternatives_and_the_invite_as_invite_ics()
    {
        var invite = PatientInvite();
        var ics = CallInviteCalendar.ToIcs(invite);

        var body = Assert.IsType<Multipart>(Received(CallInviteCalendar.Body(Rendered, invite)).Body);

        Assert.Equal("multipart/mixed", body.ContentType.MimeType);
        Assert.Equal(2, body.Count);
        var alternative = Assert.IsType<MultipartAlternative>(body[0]);
        Assert.Collection(
            alternative,
            plain => Assert.Equal(("text/plain", "Dear Zelda"), (plain.ContentType.MimeType, ((TextPart)plain).Text)),
            html => Assert.Equal(("text/html", "<p>Dear Zelda</p>"), (html.ContentType.MimeType, ((TextPart)html).Text)),
            calendar =>
            {
                Assert.Equal("text/calendar", calendar.ContentType.MimeType);
                Assert.Equal("REQUEST", calendar.ContentType.Parameters["method"]);
                Assert.Equal("utf-8", calendar.ContentType.Charset, ignoreCase: true);
                Assert.Contains(((TextPart)calendar).ContentTransferEncoding, new[] { ContentEncoding.SevenBit, ContentEncoding.QuotedPrintable });
                Assert.Equal(ics, Decoded((TextPart)calendar));
            });
        var attachment = Assert.IsType<MimePart>(body[1]);
        Assert.True(attachment.IsAttachment);
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        Assert.Equal("invite.ics", attachment.ContentType.Name);
        Assert.Equal("attachment", attachment.ContentDisposition?.Disposition);
        Assert.Equal("invite.ics", attachment.ContentDisposition?.FileName);
        Assert.Equal(ContentEncoding.Base64, attachment.ContentTransferEncoding);
        Assert.Equal(ics, Decoded(attachment));
    }

    [Fact]
    public void A_cancel_travels_as_a_text_calendar_part_with_method_cancel()
    {
        var received = Received(CallInviteCalendar.Body(Rendered, PatientInvite(InviteMethod.Cancel, sequence: 2)));

        var calendar = received.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal("CANCEL", calendar.ContentType.Parameters["method"]);
        Assert.Contains("METHOD:CANCEL", UnfoldedLines(Decoded(calendar)));
        Assert.Contains("METHOD:CANCEL", UnfoldedLines(Decoded(received.Attachments.OfType<MimePart>().Single())));
    }

    [Fact]
    public void A_clinic_name_outside_ascii_survives_the_trip_through_a_7_bit_mail_server()
    {
        var invite = PatientInvite() with { OrganizerName = "Clínica Fisioterapia Müller", Summary = CallInviteText.PatientSummary("Clínica Fisioterapia Müller") };
        var ics = CallInviteCalendar.ToIcs(invite);

        var wire = Wire(CallInviteCalendar.Body(Rendered, invite));
        Assert.DoesNotContain(wire, b => b >= 128);
        var received = MimeMessage.Load(new MemoryStream(wire));

        var calendarPart = received.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal(ContentEncoding.QuotedPrintable, calendarPart.ContentTransferEncoding);
        Assert.Equal(ics, Decoded(calendarPart));
        Assert.Equal(ics, Decoded(received.Attachments.OfType<MimePart>().Single()));
        var call = Assert.Single(Calendar.Load(Decoded(calendarPart))!.Events);
        Assert.Equal("Clínica Fisioterapia Müller", call.Organizer!.CommonName);
        Assert.Equal("Discovery call with Clínica Fisioterapia Müller", call.Summary);
    }

    /// <summary>The message as an SMTP server is handed it (CRLF line endings), and as the recipient's mail program reads it back.</summary>
    private static MimeMessage Received(MimeEntity body) => MimeMessage.Load(new MemoryStream(Wire(body)));

    private static byte[] Wire(MimeEntity body)
    {
        var message = new MimeMessage { Subject = "Your discovery call", Body = body };
        message.From.Add(MailboxAddress.Parse(From));
        message.To.Add(MailboxAddress.Parse("zelda.quist@example.com"));
        var smtp = FormatOptions.Default.Clone();
        smtp.NewLineFormat = NewLineFormat.Dos;
        using var wire = new MemoryStream();
        message.WriteTo(smtp, wire);
        return wire.ToArray();
    }

    private static string Decoded(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return Encoding.UTF8.GetString(content.ToArray());
    }
}
