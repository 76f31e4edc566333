namespace LeadManager.Data.Leads;

public enum CallAttemptResult
{
    NoAnswer = 1,
    LeftVoicemail = 2,
    Engaged = 3,
    WrongNumber = 4,
    /// <summary>The call was answered; the outcome is recorded on the lead.</summary>
    Answered = 10,
}
