namespace LeadManager.Data.Outbox;

public enum FollowUpStatus
{
    Pending = 0,

    /// <summary>Ran and wrote its emails.</summary>
    Done = 1,

    /// <summary>The request closed before the step was due; <see cref="FollowUp.SkipReason"/> says how.</summary>
    Cancelled = 2,

    /// <summary>No longer applied when it was planned again or when it came due; <see cref="FollowUp.SkipReason"/> says why.</summary>
    Skipped = 3,
}
