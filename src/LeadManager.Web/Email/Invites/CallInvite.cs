namespace LeadManager.Web.Email.Invites;

public enum InviteMethod
{
    /// <summary>The call is on (first time, moved, or given to this recipient): METHOD:REQUEST.</summary>
    Request,

    /// <summary>The call is off for this recipient (cancelled, or given to someone else): METHOD:CANCEL.</summary>
    Cancel,
}

/// <summary>
/// One recipient's copy of a lead's discovery call, as an iCalendar event (RFC 5545, RFC 5546).
/// Every copy and every change of one lead's call shares <see cref="Uid"/>; a change carries a
/// higher <see cref="Sequence"/>, so a calendar replaces the event it already holds instead of
/// adding a second one.
/// </summary>
/// <param name="StartUtc">When the call starts, of kind <see cref="DateTimeKind.Utc"/>.</param>
/// <param name="TimeZoneId">The clinic's IANA zone (<c>Clinic:TimeZone</c>): the event is written in it.</param>
/// <param name="OrganizerName">The clinic's name.</param>
/// <param name="OrganizerEmail">The address the email is sent from (<c>Email:From</c>).</param>
/// <param name="AttendeeEmail">This copy's recipient only: a copy never lists the other party.</param>
/// <param name="AttendeeName">Shown by the recipient's calendar; null leaves it out.</param>
/// <param name="Description">Plain text, written by the caller (<see cref="CallInviteText"/>).</param>
/// <param name="StampUtc">DTSTAMP: when this copy was written.</param>
public sealed record CallInvite(
    InviteMethod Method,
    string Uid,
    int Sequence,
    DateTime StartUtc,
    TimeSpan Duration,
    string TimeZoneId,
    string OrganizerName,
    string OrganizerEmail,
    string AttendeeEmail,
    string? AttendeeName,
    string Summary,
    string Description,
    string? Url,
    DateTime StampUtc);
