using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;
using MimeKit.Text;

namespace LeadManager.Web.Email.Invites;

/// <summary>
/// Writes a <see cref="CallInvite"/> as an iTIP message (RFC 5546) and the email body that carries
/// it. The body holds the invite twice, because mail programs look in different places: as the
/// <c>text/calendar; method=...</c> alternative (Outlook and Gmail show their accept bar from it)
/// and as an <c>invite.ics</c> attachment (Apple Mail, and anyone who wants to open the file).
/// </summary>
public static class CallInviteCalendar
{
    public const string AttachmentName = "invite.ics";

    private const string ProductId = "-//LeadManager//Discovery calls//EN";

    /// <summary>The one UID of a lead's discovery call: the same for the patient's and the clinician's copies and for every change.</summary>
    public static string Uid(string leadReference, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leadReference);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        if (leadReference.Any(char.IsWhiteSpace) || domain.Any(char.IsWhiteSpace) || domain.Contains('@'))
        {
            throw new ArgumentException($"A call's UID is built from a reference and a domain without spaces (got '{leadReference}', '{domain}').");
        }

        return $"discovery-call-{leadReference}@{domain.ToLowerInvariant()}";
    }

    /// <summary>The whole VCALENDAR (CRLF line endings, folded at 75 octets): METHOD, the clinic's VTIMEZONE and one VEVENT.</summary>
    public static string ToIcs(CallInvite invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (invite.StartUtc.Kind != DateTimeKind.Utc || invite.StampUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("A call invite's start and stamp are UTC (DateTimeKind.Utc).", nameof(invite));
        }

        if (invite.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"A call lasts some time (got {invite.Duration}).", nameof(invite));
        }

        var calendar = new Calendar
        {
            ProductId = ProductId,
            Method = MethodName(invite.Method),
        };

        // The zone's current rules as yearly RRULEs, starting before the call (Ical.Net goes back a
        // further year), so the call's own summer or winter offset is covered whatever its date.
        var earliest = invite.StartUtc < invite.StampUtc ? invite.StartUtc : invite.StampUtc;
        calendar.AddTimeZone(invite.TimeZoneId, earliest, includeHistoricalData: false);

        var call = new CalendarEvent
        {
            Uid = invite.Uid,
            Sequence = invite.Sequence,
            DtStamp = new CalDateTime(invite.StampUtc, CalDateTime.UtcTzId),
            DtStart = new CalDateTime(invite.StartUtc, CalDateTime.UtcTzId).ToTimeZone(invite.TimeZoneId),
            DtEnd = new CalDateTime(invite.StartUtc + invite.Duration, CalDateTime.UtcTzId).ToTimeZone(invite.TimeZoneId),
            Summary = invite.Summary,
            Description = invite.Description,
            // RFC 5546 3.2.5: a CANCEL carries STATUS:CANCELLED; a REQUEST never does.
            Status = invite.Method == InviteMethod.Request ? EventStatus.Confirmed : EventStatus.Cancelled,
            Transparency = TransparencyType.Opaque,
            Organizer = new Organizer { Value = MailTo(invite.OrganizerEmail), CommonName = ParameterText(invite.OrganizerName) },
        };
        if (invite.Url is not null)
        {
            call.Url = new Uri(invite.Url, UriKind.Absolute);
        }

        // RSVP=FALSE: a reply reaches nobody who acts on it; the description says how to change the call.
        var attendee = new Attendee(MailTo(invite.AttendeeEmail))
        {
            Role = ParticipationRole.RequiredParticipant,
            ParticipationStatus = EventParticipationStatus.NeedsAction,
            Rsvp = false,
        };
        if (!string.IsNullOrWhiteSpace(invite.AttendeeName))
        {
            attendee.CommonName = ParameterText(invite.AttendeeName);
        }

        call.Attendees = [attendee];
        calendar.Events.Add(call);

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
    }

    /// <summary>
    /// The whole message body: multipart/mixed [ multipart/alternative [ text/plain, text/html,
    /// text/calendar; method=... ], invite.ics as application/ics ].
    /// </summary>
    public static MimeEntity Body(RenderedEmail rendered, CallInvite invite)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var ics = ToIcs(invite);

        var calendarPart = new TextPart("calendar");
        calendarPart.ContentType.Parameters.Add("method", MethodName(invite.Method));
        calendarPart.SetText(Encoding.UTF8, ics);

        var alternative = new MultipartAlternative
        {
            SevenBitSafe(Text(TextFormat.Plain, rendered.Text)),
            SevenBitSafe(Text(TextFormat.Html, rendered.Html)),
            // Last: the alternative a calendar-aware client prefers. 7bit while the text is ASCII (as
            // Google Calendar sends it), quoted-printable otherwise; never 8bit, which a relay may mangle.
            SevenBitSafe(calendarPart),
        };

        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(ics))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = AttachmentName,
        };

        return new Multipart("mixed") { alternative, attachment };
    }

    private static string MethodName(InviteMethod method) => method switch
    {
        InviteMethod.Request => CalendarMethods.Request,
        InviteMethod.Cancel => CalendarMethods.Cancel,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not an invite method."),
    };

    private static TextPart Text(TextFormat format, string text)
    {
        var part = new TextPart(format);
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static TextPart SevenBitSafe(TextPart part)
    {
        part.ContentTransferEncoding = part.GetBestEncoding(EncodingConstraint.SevenBit);
        return part;
    }

    private static Uri MailTo(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return new Uri($"mailto:{address.Trim()}");
    }

    // A parameter value cannot hold a line break (and Ical.Net drops double quotes itself).
    private static string ParameterText(string value) =>
        new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
}
