namespace LeadManager.Web.Email.Messages.ClinicianUnassigned;

/// <summary>To a clinician whose request was taken away (given to someone else, or back to reception): our reference only.</summary>
/// <param name="ToReceptionInstead">The clinician has no email address on record, so reception gets it.</param>
public sealed record ClinicianUnassignedEmail(
    string ClinicianName,
    string Reference,
    DateTime ChangedAtClinicTime,
    string MyCallsUrl,
    bool ToReceptionInstead) : IEmailModel
{
    public string ChangedAt => ClinicTimeText.When(ChangedAtClinicTime);

    public string Subject => $"Request no longer assigned to you {Reference}";
}
