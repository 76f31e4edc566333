namespace LeadManager.Data.Leads;

public enum LeadEventKind
{
    Created = 0,
    Assigned = 1,
    Unassigned = 2,
    Scheduled = 3,
    Rescheduled = 4,
    CallCancelled = 5,
    AttemptRecorded = 6,
    OutcomeRecorded = 7,
    ClinicalReviewRecorded = 8,
    MarkedDuplicate = 9,
    DuplicateMergedIn = 10,
    MarkedSpam = 11,
    Reopened = 12,
    CancelledByPatient = 13,
    NoteAdded = 14,
    AskedAgain = 15,
    EmailSent = 16,
    EmailRetrying = 17,
    EmailFailed = 18,
    EmailUncertain = 19,

    /// <summary>A follow-up step ran: an escalation, an announcement or a clinician's email was written to the outbox.</summary>
    FollowUpRan = 20,

    /// <summary>A due follow-up step no longer applied and was skipped (the reason is in the details).</summary>
    FollowUpSkipped = 21,

    /// <summary>The best times to call were changed (by the patient from their manage link, before a clinician has the request).</summary>
    PreferredTimesChanged = 22,

    /// <summary>The patient said from their manage link that they will be available for the call. A statement, not a change: the lead's version stays.</summary>
    PatientConfirmedAvailable = 23,

    /// <summary>The request's preferred site changed (an admin deactivating a site moved it, or reception moved it), so it is timed in that site's hours.</summary>
    SiteChanged = 24,

    /// <summary>
    /// Never on a timeline: the live-update signal (LeadId 0) that the clinic's setup changed (a
    /// site, its hours, closures or duty clinician), so caches read it again and open pages reload.
    /// </summary>
    ClinicSetupChanged = 25,
}
