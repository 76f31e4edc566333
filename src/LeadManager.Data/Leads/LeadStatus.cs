namespace LeadManager.Data.Leads;

public enum LeadStatus
{
    /// <summary>Nobody is assigned yet.</summary>
    New = 0,
    Assigned = 1,
    /// <summary>A call time is agreed.</summary>
    Scheduled = 2,
    /// <summary>At least one unanswered call; another attempt is due.</summary>
    Attempted = 3,
    Closed = 4,
}

public enum CloseReason
{
    BookedAssessment = 1,
    NotSuitable = 2,
    ReferredElsewhere = 3,
    NotInterested = 4,
    NoResponse = 5,
    CancelledByPatient = 6,
    Duplicate = 7,
    Spam = 8,
}
