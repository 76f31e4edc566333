using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Scheduling;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The email a request's ending sends the patient: which one, whether the outcome form's "Send
/// the patient an email" tick starts ticked, and its outbox row. The form and the handler both
/// ask <see cref="DefaultFor"/>, so the tick a person sees is what an untouched tick does. What
/// each email says is in <see cref="OutcomeEmailContent"/>; none gives a reason or a health detail.
/// </summary>
public static class OutcomeEmails
{
    /// <summary>The outbox kind for a request closed this way; null for duplicate and spam, which send nothing.</summary>
    public static string? KindFor(CloseReason outcome) => outcome switch
    {
        CloseReason.BookedAssessment => OutboundEmailKinds.PatientAssessmentBooked,
        CloseReason.NotSuitable => OutboundEmailKinds.PatientNotSuitable,
        CloseReason.ReferredElsewhere => OutboundEmailKinds.PatientReferredElsewhere,
        CloseReason.NotInterested => OutboundEmailKinds.PatientNotInterested,
        CloseReason.NoResponse => OutboundEmailKinds.PatientNoResponse,
        CloseReason.CancelledByPatient => OutboundEmailKinds.PatientCancellationConfirmed,
        _ => null,
    };

    /// <summary>Whether an outbox email of this kind is one a request's ending sends the patient.</summary>
    public static bool IsOutcomeEmail(string kind) => Kinds.ContainsKey(kind);

    /// <summary>Whether an outcome email waits out quiet hours: all but the cancellation's confirmation, which answers what the patient did.</summary>
    public static bool WaitsOutQuietHours(string kind) => Kinds.TryGetValue(kind, out var outcome) && outcome != CloseReason.CancelledByPatient;

    private static readonly Dictionary<string, CloseReason> Kinds = Enum.GetValues<CloseReason>()
        .Where(outcome => KindFor(outcome) is not null)
        .ToDictionary(outcome => KindFor(outcome)!, outcome => outcome);

    /// <summary>Whether there is an email to offer: the outcome has one and the request has an address (a phone request may not).</summary>
    public static bool Offered(CloseReason outcome, Lead lead) =>
        KindFor(outcome) is not null && !string.IsNullOrWhiteSpace(lead.Email);

    /// <summary>
    /// Whether the tick starts ticked: the option for the outcome, except that "not suitable" and
    /// "referred elsewhere" start unticked when the request was made for someone else, whose
    /// outcome the person who asked should hear from them, not from us. A parent asking for their
    /// child is the child's contact, so that is not "someone else".
    /// </summary>
    public static bool DefaultFor(CloseReason outcome, Lead lead, WorkflowOptions options) => Offered(outcome, lead) && outcome switch
    {
        CloseReason.BookedAssessment => options.EmailPatientOnBookedAssessment,
        CloseReason.NotSuitable => options.EmailPatientOnNotSuitable && lead.CallFor != CallFor.SomeoneElse,
        CloseReason.ReferredElsewhere => options.EmailPatientOnReferredElsewhere && lead.CallFor != CallFor.SomeoneElse,
        CloseReason.NotInterested => options.EmailPatientOnNotInterested,
        CloseReason.NoResponse => options.EmailPatientOnNoResponse,
        CloseReason.CancelledByPatient => true,
        _ => false,
    };

    /// <summary>
    /// Adds the patient's email for <paramref name="outcome"/> to <paramref name="db"/>'s unit of
    /// work (the caller's SaveChanges commits it with the change) when <paramref name="send"/>
    /// says so, or, when null, when <see cref="DefaultFor"/> does. An email that is not offered is
    /// never written, whatever was asked. The cancellation's confirmation answers what the patient
    /// did and is due at once; the others are not the patient's own act, so they wait out quiet hours.
    /// </summary>
    /// <returns>The row added, or null when none is sent.</returns>
    public static OutboundEmail? Add(LeadDbContext db, Lead lead, CloseReason outcome, bool? send, WorkflowOptions options, TimeZoneInfo clinicZone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        if (KindFor(outcome) is not { } kind || !Offered(outcome, lead) || !(send ?? DefaultFor(outcome, lead, options)))
        {
            return null;
        }

        var email = OutboundEmailKinds.Due(lead, kind, lead.Email.Trim(), nowUtc);
        if (WaitsOutQuietHours(kind))
        {
            email.NextAttemptAt = QuietHours.From(options, clinicZone).NextAllowed(nowUtc);
        }

        db.OutboundEmails.Add(email);
        return email;
    }
}
