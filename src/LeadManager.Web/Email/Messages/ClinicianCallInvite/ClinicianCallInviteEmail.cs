namespace LeadManager.Web.Email.Messages.ClinicianCallInvite;

/// <summary>
/// To a clinician with their copy of the call's invite: our reference, the time and a link. No
/// patient name, no triage, no phone number: their calendar may sync to a personal phone.
/// </summary>
/// <param name="CallAtClinicTime">The call's start in clinic time (for a cancel: the time it had).</param>
/// <param name="Moved">The call had another time before.</param>
/// <param name="Cancelled">The call is off for this clinician: cancelled, or given to someone else.</param>
public sealed record ClinicianCallInviteEmail(
    string ClinicianName,
    string Reference,
    DateTime CallAtClinicTime,
    string LeadUrl,
    bool Moved,
    bool Cancelled) : IEmailModel
{
    public string CallAt => ClinicTimeText.When(CallAtClinicTime);

    public string Subject => (Cancelled, Moved) switch
    {
        (true, _) => $"Discovery call {Reference} cancelled (was {CallAt})",
        (false, true) => $"Discovery call {Reference} moved: {CallAt}",
        _ => $"Discovery call {Reference}: {CallAt}",
    };
}
