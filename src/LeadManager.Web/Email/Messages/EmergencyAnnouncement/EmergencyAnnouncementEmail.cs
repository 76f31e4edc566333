namespace LeadManager.Web.Email.Messages.EmergencyAnnouncement;

/// <summary>
/// To the clinicians on duty, at once in business hours (else at the next opening): a request
/// needs urgent clinical review and its patient was told on screen to seek urgent care. Our
/// reference and a link only; no patient name and no health details.
/// </summary>
public sealed record EmergencyAnnouncementEmail(string Reference, DateTime ReceivedAtClinicTime, string LeadUrl) : IEmailModel
{
    public string ReceivedAt => ClinicTimeText.When(ReceivedAtClinicTime);

    public string Subject => $"[{TriageWords.Label(Data.Leads.TriageLevel.Emergency)}] Urgent clinical review needed {Reference}";
}
