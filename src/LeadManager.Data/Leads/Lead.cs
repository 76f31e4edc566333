using LeadManager.Data.Sites;
using LeadManager.Data.Staff;

namespace LeadManager.Data.Leads;

/// <summary>
/// One discovery-call request. Its state (status, close reason, assignment, call time,
/// triage gate) changes only through the lifecycle methods in <c>Lead.Lifecycle.cs</c>;
/// each of them writes a timeline event and bumps <see cref="Version"/>.
/// </summary>
public sealed partial class Lead
{
    public int Id { get; private set; }

    /// <summary>The short code the patient sees, e.g. DC-7K3P9Q. Never the database id.</summary>
    public string Reference { get; private set; } = "";

    public LeadChannel Channel { get; private set; }

    // Who the call is for, and who to speak to.
    public CallFor CallFor { get; set; }
    public string? ContactPersonName { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>E.164, normalised by intake.</summary>
    public string Phone { get; set; } = "";

    public int? PreferredSiteId { get; set; }
    public Site? PreferredSite { get; set; }
    public PreferredCallTimes PreferredCallTimes { get; set; }

    // Health details (UK GDPR special category): never in an email body or a log line.
    public BodyArea? BodyArea { get; set; }
    public string? Concern { get; set; }
    public SymptomDuration? SymptomDuration { get; set; }
    public PreviousCare PreviousCare { get; set; }
    public RedFlags RedFlags { get; set; }

    public string? HeardAbout { get; set; }
    public Funding Funding { get; set; }
    public string? InsurerName { get; set; }

    // Consent, with the privacy-notice version the patient saw.
    public DateTime? ContactConsentAt { get; set; }
    public DateTime? HealthDataConsentAt { get; set; }
    public bool MarketingConsent { get; set; }
    public DateTime? MarketingConsentAt { get; set; }
    public string? PrivacyNoticeVersion { get; set; }

    /// <summary>How the consents were given: ticked online, or said aloud to reception on a call or at the desk.</summary>
    public ConsentMethod ConsentMethod { get; set; }

    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    public string? UtmTerm { get; set; }
    public string? UtmContent { get; set; }

    public TriageLevel Triage { get; private set; }
    public LeadStatus Status { get; private set; }
    public CloseReason? CloseReason { get; private set; }

    public int? AssignedClinicianId { get; private set; }
    public StaffMember? AssignedClinician { get; private set; }

    /// <summary>When the current clinician was given the request: the first-contact target counts from here.</summary>
    public DateTime? AssignedAt { get; private set; }

    /// <summary>The agreed call time (UTC) while <see cref="Status"/> is Scheduled.</summary>
    public DateTime? ScheduledCallAt { get; private set; }

    /// <summary>iCalendar SEQUENCE for the call invite: goes up every time a call is agreed, moved, cancelled or given to another clinician.</summary>
    public int CalendarSequence { get; private set; }

    /// <summary>When the current call time was agreed (or last moved), while <see cref="Status"/> is Scheduled: a call agreed with less than Workflow:ReminderBefore left gets no reminder.</summary>
    public DateTime? CallAgreedAt { get; private set; }

    /// <summary>Unanswered calls so far (not reset by a reschedule).</summary>
    public int UnansweredAttempts { get; private set; }

    /// <summary>When the latest unanswered call was made, and how it went: the no-answer sequence counts from it.</summary>
    public DateTime? LastAttemptAt { get; private set; }

    public CallAttemptResult? LastAttemptResult { get; private set; }

    /// <summary>
    /// While Attempted: the part of the clinician's next working day in which the next call is due
    /// (from, by), another part of the day than the last try. The target and the "call to try
    /// again" escalation count to <see cref="NextAttemptBy"/>. Null for a wrong number (no retry)
    /// or when no such day was found (the target then counts Workflow:RetryCallWithin).
    /// </summary>
    public DateTime? NextAttemptFrom { get; private set; }

    public DateTime? NextAttemptBy { get; private set; }

    /// <summary>
    /// When the patient last acted from their manage link (picked a time, gave the best times to
    /// call, said they will be available, cancelled): the kind close is not made after it, and an
    /// invite that answers what they did is not held for quiet hours.
    /// </summary>
    public DateTime? PatientRespondedAt { get; private set; }

    /// <summary>When the latest clinical review of the red-flag answers was recorded.</summary>
    public DateTime? ClinicallyReviewedAt { get; private set; }

    /// <summary>What the latest clinical review decided; only SafeToProceed allows booking an assessment.</summary>
    public ClinicalReviewDecision? ReviewDecision { get; private set; }

    public int? MergedIntoLeadId { get; private set; }
    public Lead? MergedInto { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// When the request entered its current stage: created, assigned (or reassigned), unassigned,
    /// a call agreed or moved or cancelled, a call attempted, reopened or closed. The workflow's
    /// targets and escalations count from here, so moving a request on re-arms them.
    /// </summary>
    public DateTime StageStartedAt { get; private set; }

    /// <summary>When a clinical review was last asked for (red flags at intake, raised by a repeat, or reopened unreviewed); null when none ever was.</summary>
    public DateTime? ReviewRequestedAt { get; private set; }

    /// <summary>The latest time the patient asked (first request or a repeat): the board raises a lead by it.</summary>
    public DateTime LastRequestedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Application-managed concurrency token (SQLite has no rowversion).</summary>
    public int Version { get; private set; }

    public List<LeadEvent> Events { get; private set; } = [];
    public List<CallAttempt> CallAttempts { get; private set; } = [];
    public List<ClinicalReview> ClinicalReviews { get; private set; } = [];
    public List<AssessmentBooking> AssessmentBookings { get; private set; } = [];
    public List<Referral> Referrals { get; private set; } = [];
    public List<LeadNote> Notes { get; private set; } = [];

    private Lead()
    {
    }

    public string PatientName => $"{FirstName} {LastName}".Trim();

    public bool IsOpen => Status != LeadStatus.Closed;

    /// <summary>
    /// Red-flag triage that keeps the lead from being closed on a call outcome until a clinician
    /// has reviewed it. The rule is <see cref="LeadVisibility.NeedsClinicalReview"/>, which queries run in SQL.
    /// </summary>
    public bool NeedsClinicalReview => LeadVisibility.NeedsReview(this);

    /// <summary>Whether this staff member may open the lead: <see cref="LeadVisibility.VisibleTo"/>, checked in memory.</summary>
    public bool IsVisibleTo(int staffMemberId, bool isFrontDesk, bool isClinician) =>
        LeadVisibility.IsVisible(this, staffMemberId, isFrontDesk, isClinician);

    /// <summary>
    /// A new request. The caller fills in the patient's details afterwards; status starts
    /// at New with a "Created" event on the timeline.
    /// </summary>
    public static Lead Create(string reference, LeadChannel channel, TriageLevel triage, Actor by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var lead = new Lead
        {
            Reference = reference,
            Channel = channel,
            Triage = triage,
            Status = LeadStatus.New,
            CreatedAt = nowUtc,
            LastRequestedAt = nowUtc,
            StageStartedAt = nowUtc,
            ReviewRequestedAt = triage is TriageLevel.ReviewFirst or TriageLevel.Emergency ? nowUtc : null,
            UpdatedAt = nowUtc,
            Version = 1,
        };
        lead.Events.Add(LeadEvent.For(lead, LeadEventKind.Created, by, nowUtc, $"Request received ({channel}), triage {triage}."));
        return lead;
    }
}
