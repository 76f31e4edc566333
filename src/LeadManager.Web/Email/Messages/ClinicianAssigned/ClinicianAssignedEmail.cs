using LeadManager.Data.Leads;

namespace LeadManager.Web.Email.Messages.ClinicianAssigned;

/// <summary>To a clinician who was given a request by someone else: our reference, its triage and a link; no patient name.</summary>
/// <param name="ToReceptionInstead">The clinician has no email address on record, so reception gets it.</param>
public sealed record ClinicianAssignedEmail(
    string ClinicianName,
    string Reference,
    TriageLevel Triage,
    DateTime AssignedAtClinicTime,
    string LeadUrl,
    bool ToReceptionInstead) : IEmailModel
{
    public string AssignedAt => ClinicTimeText.When(AssignedAtClinicTime);

    public string TriageLabel => TriageWords.Label(Triage);

    public bool Urgent => TriageWords.IsUrgent(Triage);

    public string Subject => $"{TriageWords.SubjectPrefix(Triage)}Request assigned to you {Reference}";
}
