namespace LeadManager.Web.Email.Messages.ReceptionPatientRescheduled;

/// <summary>
/// To reception: the patient picked a call time (or moved the agreed one) from the manage link in
/// their email, among their clinician's free slots. Our reference, the time and the clinician;
/// the patient's name stays behind the link.
/// </summary>
/// <param name="CallAtClinicTime">The time the patient picked, in clinic time.</param>
/// <param name="WasAtClinicTime">The time it replaced, when a call was agreed already.</param>
/// <param name="ClinicianName">Who has the call.</param>
public sealed record ReceptionPatientRescheduledEmail(
    ReceptionRequest Request,
    DateTime CallAtClinicTime,
    DateTime? WasAtClinicTime,
    string ClinicianName) : ReceptionEmail(Request)
{
    public override string Headline => WasAtClinicTime is null ? "Call time picked by the patient" : "Call moved by the patient";

    public string CallAt => ClinicTimeText.When(CallAtClinicTime);

    public string? WasAt => WasAtClinicTime is { } was ? ClinicTimeText.When(was) : null;
}
