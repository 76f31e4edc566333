namespace LeadManager.Web.Email.Messages.ClinicianPatientRescheduled;

/// <summary>
/// To the request's clinician: the patient picked a time for the call (or moved it) from their
/// manage link, among this clinician's free slots. Our reference, the time and a link; no patient
/// name, no triage, no phone number, as in their calendar invite.
/// </summary>
/// <param name="CallAtClinicTime">The time the patient picked, in clinic time.</param>
/// <param name="WasAtClinicTime">The time it replaced, when a call was agreed already.</param>
public sealed record ClinicianPatientRescheduledEmail(
    string ClinicianName,
    string Reference,
    DateTime CallAtClinicTime,
    DateTime? WasAtClinicTime,
    string LeadUrl) : IEmailModel
{
    public string CallAt => ClinicTimeText.When(CallAtClinicTime);

    public string? WasAt => WasAtClinicTime is { } was ? ClinicTimeText.When(was) : null;

    public string Subject => WasAtClinicTime is null
        ? $"Request {Reference}: the patient picked {CallAt} for the call"
        : $"Request {Reference}: the patient moved the call to {CallAt}";
}
