using LeadManager.Data.Sites;
using LeadManager.Data.Staff;

namespace LeadManager.Data.Leads;

// The lead lifecycle, in one place. Every page, API endpoint and job changes a lead's state
// through these methods and nothing else: each checks the rule, changes the state, writes a
// timeline event and bumps the concurrency version. A refused action throws
// LeadRuleException with a message meant for the person who tried it, and changes nothing.
public sealed partial class Lead
{
    /// <summary>Outcomes a call can end in (the other close reasons have their own actions).</summary>
    public static readonly IReadOnlySet<CloseReason> CallOutcomes = new HashSet<CloseReason>
    {
        Leads.CloseReason.BookedAssessment,
        Leads.CloseReason.NotSuitable,
        Leads.CloseReason.ReferredElsewhere,
        Leads.CloseReason.NotInterested,
        Leads.CloseReason.NoResponse,
    };

    public void Assign(StaffMember clinician, Actor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(clinician);
        RequireOpen("assigned");
        if (!clinician.IsActive)
        {
            throw new LeadRuleException($"{clinician.DisplayName} is no longer active and cannot take calls.");
        }

        if (AssignedClinicianId == clinician.Id)
        {
            throw new LeadRuleException($"This request is already assigned to {clinician.DisplayName}.");
        }

        var previous = AssignedClinician?.DisplayName;
        AssignedClinicianId = clinician.Id;
        AssignedClinician = clinician;
        AssignedAt = nowUtc;
        StageStartedAt = nowUtc;
        ClearNextAttempt();
        if (Status == LeadStatus.New)
        {
            Status = UnansweredAttempts > 0 ? LeadStatus.Attempted : LeadStatus.Assigned;
        }

        if (ScheduledCallAt is not null)
        {
            // The patient keeps their agreed time; the invite moves to the new clinician.
            CalendarSequence++;
        }

        Record(LeadEventKind.Assigned, by, nowUtc, AssignedDetails(previous, clinician.DisplayName));
    }

    public void Unassign(Actor by, DateTime nowUtc)
    {
        RequireOpen("unassigned");
        if (AssignedClinicianId is null)
        {
            throw new LeadRuleException("This request is not assigned to anyone.");
        }

        var previous = AssignedClinician?.DisplayName ?? "the clinician";
        var hadCall = ScheduledCallAt is not null;
        AssignedClinicianId = null;
        AssignedClinician = null;
        AssignedAt = null;
        if (hadCall)
        {
            ScheduledCallAt = null;
            CallAgreedAt = null;
            CalendarSequence++;
        }

        Status = LeadStatus.New;
        StageStartedAt = nowUtc;
        ClearNextAttempt();
        Record(LeadEventKind.Unassigned, by, nowUtc, UnassignedDetails(previous, hadCall));
    }

    public void Schedule(DateTime callAtUtc, Actor by, DateTime nowUtc)
    {
        RequireOpen("scheduled");
        if (Status == LeadStatus.Scheduled)
        {
            throw new LeadRuleException("A call time is already agreed. Reschedule it instead.");
        }

        if (AssignedClinicianId is null)
        {
            throw new LeadRuleException("Assign a clinician before agreeing a call time.");
        }

        RequireFuture(callAtUtc, nowUtc);
        ScheduledCallAt = callAtUtc;
        CallAgreedAt = nowUtc;
        NotePatientAct(by, nowUtc);
        // Up on every agreement, not only on changes: a call agreed again after a cancellation
        // must outrank the cancellation, or calendars would ignore the new invite.
        CalendarSequence++;
        Status = LeadStatus.Scheduled;
        StageStartedAt = nowUtc;
        ClearNextAttempt();
        Record(LeadEventKind.Scheduled, by, nowUtc, "Call time agreed.", callAtUtc);
    }

    /// <summary>Moves the agreed call. "Call back later" is a reschedule, not an attempt.</summary>
    public void Reschedule(DateTime callAtUtc, Actor by, DateTime nowUtc)
    {
        RequireOpen("rescheduled");
        if (Status != LeadStatus.Scheduled || ScheduledCallAt is null)
        {
            throw new LeadRuleException("There is no agreed call time to move. Schedule a call instead.");
        }

        RequireFuture(callAtUtc, nowUtc);
        if (callAtUtc == ScheduledCallAt)
        {
            throw new LeadRuleException("The call is already at that time.");
        }

        var previous = ScheduledCallAt.Value;
        ScheduledCallAt = callAtUtc;
        CallAgreedAt = nowUtc;
        NotePatientAct(by, nowUtc);
        CalendarSequence++;
        StageStartedAt = nowUtc;
        ClearNextAttempt();
        Record(LeadEventKind.Rescheduled, by, nowUtc, "Call moved to a new time.", callAtUtc, previous);
    }

    public void CancelCall(Actor by, DateTime nowUtc)
    {
        RequireOpen("changed");
        if (Status != LeadStatus.Scheduled)
        {
            throw new LeadRuleException("There is no agreed call time to cancel.");
        }

        ScheduledCallAt = null;
        CallAgreedAt = null;
        CalendarSequence++;
        Status = UnansweredAttempts > 0 ? LeadStatus.Attempted : LeadStatus.Assigned;
        StageStartedAt = nowUtc;
        ClearNextAttempt();
        Record(LeadEventKind.CallCancelled, by, nowUtc, "The agreed call time was cancelled; the request stays with its clinician.");
    }

    /// <summary>
    /// An unanswered call. Another attempt is due in <paramref name="nextAttempt"/> (the part of
    /// the clinician's next working day the workflow chose), except after a wrong number, which
    /// is not tried again; the workflow decides when to stop.
    /// </summary>
    public CallAttempt RecordAttempt(StaffMember caller, CallAttemptResult result, string? note, Actor by, DateTime nowUtc, (DateTime From, DateTime By)? nextAttempt = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireOpen("called");
        if (result == CallAttemptResult.Answered)
        {
            throw new LeadRuleException("An answered call is recorded with its outcome, not as an attempt.");
        }

        if (AssignedClinicianId is null)
        {
            throw new LeadRuleException("Assign a clinician before recording a call attempt.");
        }

        var attempt = new CallAttempt(this, caller.Id, nowUtc, result, note);
        CallAttempts.Add(attempt);
        if (ScheduledCallAt is not null)
        {
            ScheduledCallAt = null;
            CallAgreedAt = null;
            CalendarSequence++;
        }

        Status = LeadStatus.Attempted;
        UnansweredAttempts++;
        LastAttemptAt = nowUtc;
        LastAttemptResult = result;
        (NextAttemptFrom, NextAttemptBy) = result == CallAttemptResult.WrongNumber || nextAttempt is not { } next ? (null, null) : ((DateTime?)next.From, (DateTime?)next.By);
        StageStartedAt = nowUtc;
        Record(LeadEventKind.AttemptRecorded, by, nowUtc, $"Call attempt {UnansweredAttempts} by {caller.DisplayName}: {Describe(result)}.");
        return attempt;
    }

    /// <summary>
    /// Closes the lead with what the call ended in. BookedAssessment needs the booking,
    /// ReferredElsewhere the referral; the other close reasons have their own actions.
    /// </summary>
    public void RecordOutcome(
        CloseReason outcome,
        StaffMember? caller,
        Actor by,
        DateTime nowUtc,
        AssessmentBookingDetails? booking = null,
        ReferralDetails? referral = null)
    {
        RequireOpen("closed");
        if (!CallOutcomes.Contains(outcome))
        {
            throw new LeadRuleException(NotACallOutcome(outcome));
        }

        if (AssignedClinicianId is null && outcome != Leads.CloseReason.NoResponse)
        {
            throw new LeadRuleException("Assign a clinician before recording what the call ended in.");
        }

        if (NeedsClinicalReview)
        {
            throw new LeadRuleException(ClinicalReviewRequiredMessage);
        }

        if (outcome == Leads.CloseReason.NoResponse && UnansweredAttempts == 0)
        {
            throw new LeadRuleException("No call attempt has been recorded yet, so it cannot be closed as no response.");
        }

        if (outcome == Leads.CloseReason.BookedAssessment
            && ReviewDecision is { } decision && decision != ClinicalReviewDecision.SafeToProceed)
        {
            throw new LeadRuleException($"The clinical review decided \"{Describe(decision)}\", so an assessment cannot be booked. A clinician can record a new review if that has changed.");
        }

        if (outcome == Leads.CloseReason.BookedAssessment && booking is null)
        {
            throw new LeadRuleException("Give the assessment's date, time and site to record a booking.");
        }

        if (outcome == Leads.CloseReason.ReferredElsewhere && referral is null)
        {
            throw new LeadRuleException("Say where the patient was referred to.");
        }

        if (outcome != Leads.CloseReason.NoResponse && caller is not null)
        {
            CallAttempts.Add(new CallAttempt(this, caller.Id, nowUtc, CallAttemptResult.Answered, null));
        }

        var details = $"Closed: {Describe(outcome)}.";
        DateTime? time = null;
        if (booking is not null && outcome == Leads.CloseReason.BookedAssessment)
        {
            AssessmentBookings.Add(new AssessmentBooking(this, booking, caller?.Id, nowUtc));
            details = "Closed: assessment booked.";
            time = booking.StartsAtUtc;
        }

        if (referral is not null && outcome == Leads.CloseReason.ReferredElsewhere)
        {
            Referrals.Add(new Referral(this, referral, caller?.Id, nowUtc));
            details = $"Closed: referred to {Describe(referral.Destination)}.";
        }

        Close(outcome, nowUtc);
        Record(LeadEventKind.OutcomeRecorded, by, nowUtc, details, time);
    }

    public ClinicalReview RecordClinicalReview(StaffMember reviewer, ClinicalReviewDecision decision, string? note, Actor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        RequireOpen("reviewed");
        var review = new ClinicalReview(this, reviewer.Id, nowUtc, decision, note);
        ClinicalReviews.Add(review);
        ClinicallyReviewedAt = nowUtc;
        ReviewDecision = decision;
        Record(LeadEventKind.ClinicalReviewRecorded, by, nowUtc, $"Clinical review by {reviewer.DisplayName}: {Describe(decision)}.");
        return review;
    }

    /// <summary>Closes this lead as a duplicate of <paramref name="original"/>, which keeps the history.</summary>
    public void MarkDuplicateOf(Lead original, Actor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(original);
        RequireOpen("marked as a duplicate");
        if (ReferenceEquals(original, this) || (original.Id != 0 && original.Id == Id))
        {
            throw new LeadRuleException("A request cannot be a duplicate of itself.");
        }

        if (original.CloseReason is Leads.CloseReason.Duplicate or Leads.CloseReason.Spam)
        {
            throw new LeadRuleException($"{original.Reference} is itself closed as {Describe(original.CloseReason.Value)}; merge into the request it points to instead.");
        }

        ClearCall();
        MergedInto = original;
        MergedIntoLeadId = original.Id == 0 ? null : original.Id;
        Close(Leads.CloseReason.Duplicate, nowUtc);
        Record(LeadEventKind.MarkedDuplicate, by, nowUtc, $"Closed as a duplicate of {original.Reference}.");
        original.Record(LeadEventKind.DuplicateMergedIn, by, nowUtc, $"{Reference} was merged into this request as a duplicate.");
    }

    public void MarkSpam(Actor by, DateTime nowUtc)
    {
        RequireOpen("marked as spam");
        ClearCall();
        Close(Leads.CloseReason.Spam, nowUtc);
        Record(LeadEventKind.MarkedSpam, by, nowUtc, "Closed as spam.");
    }

    public void Reopen(Actor by, DateTime nowUtc)
    {
        if (Status != LeadStatus.Closed)
        {
            throw new LeadRuleException("This request is open already.");
        }

        var was = CloseReason;
        Status = AssignedClinicianId is null ? LeadStatus.New
            : UnansweredAttempts > 0 ? LeadStatus.Attempted
            : LeadStatus.Assigned;
        CloseReason = null;
        ClosedAt = null;
        MergedInto = null;
        MergedIntoLeadId = null;
        StageStartedAt = nowUtc;
        ClearNextAttempt();
        if (NeedsClinicalReview)
        {
            // Still unreviewed: the review escalation starts again rather than staying spent.
            ReviewRequestedAt = nowUtc;
        }

        Record(LeadEventKind.Reopened, by, nowUtc, $"Reopened (was closed: {(was is null ? "unknown" : Describe(was.Value))}).");
    }

    /// <summary>The patient cancelled from their manage link (or told reception to).</summary>
    public void CancelByPatient(Actor by, DateTime nowUtc)
    {
        if (Status == LeadStatus.Closed)
        {
            throw new LeadRuleException(CloseReason == Leads.CloseReason.CancelledByPatient
                ? "This request is already cancelled."
                : "This request is already closed.");
        }

        ClearCall();
        NotePatientAct(by, nowUtc);
        Close(Leads.CloseReason.CancelledByPatient, nowUtc);
        Record(LeadEventKind.CancelledByPatient, by, nowUtc, "Cancelled by the patient.");
    }

    /// <summary>
    /// The same person asked again while this request is open: the new answers join this
    /// lead instead of making a second one. New red flags raise the triage (and a raised
    /// triage needs a fresh clinical review); triage is never lowered by a repeat.
    /// </summary>
    public void RecordRepeatRequest(LeadChannel channel, TriageLevel triage, RedFlags redFlags, string? newDetails, Actor by, DateTime nowUtc)
    {
        RequireOpen("updated");
        var raised = triage > Triage;
        if (raised)
        {
            Triage = triage;
            if (triage is TriageLevel.ReviewFirst or TriageLevel.Emergency)
            {
                ClinicallyReviewedAt = null;
                ReviewDecision = null;
                ReviewRequestedAt = nowUtc;
            }
        }

        RedFlags |= redFlags;
        LastRequestedAt = nowUtc;
        if (!string.IsNullOrWhiteSpace(newDetails))
        {
            Notes.Add(new LeadNote(this, null, nowUtc, newDetails.Trim()));
        }

        Record(LeadEventKind.AskedAgain, by, nowUtc, AskedAgainDetails(channel, raised ? triage : null));
    }

    public LeadNote AddNote(int authorStaffMemberId, string text, Actor by, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LeadRuleException("A note cannot be empty.");
        }

        var note = new LeadNote(this, authorStaffMemberId, nowUtc, text.Trim());
        Notes.Add(note);
        Record(LeadEventKind.NoteAdded, by, nowUtc, "Note added.");
        return note;
    }

    /// <summary>
    /// The best times to call, as the patient now gives them (from their manage link before a
    /// clinician has the request, or told to reception). The stage is not restarted: when to
    /// call is not who calls, so the workflow's targets keep counting.
    /// </summary>
    public void ChangePreferredTimes(PreferredCallTimes times, Actor by, DateTime nowUtc)
    {
        if ((times & ~AllPreferredCallTimes) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, "Not a combination of preferred call times.");
        }

        RequireOpen("changed");
        if (times == PreferredCallTimes)
        {
            throw new LeadRuleException("Those are the best times to call that we have already.");
        }

        PreferredCallTimes = times;
        NotePatientAct(by, nowUtc);
        Record(LeadEventKind.PreferredTimesChanged, by, nowUtc, $"Best times to call changed to: {DescribePreferredTimes(times)}.");
    }

    /// <summary>
    /// The patient said they will be available for the call (from their manage link). A line on
    /// the timeline and nothing more: it changes no state, so the version stays, and a
    /// receptionist with the request open is not told that it changed under them.
    /// </summary>
    public void RecordPatientAvailable(Actor by, DateTime nowUtc)
    {
        RequireOpen("updated");
        NotePatientAct(by, nowUtc);
        Events.Add(LeadEvent.For(this, LeadEventKind.PatientConfirmedAvailable, by, nowUtc, ScheduledCallAt is null
            ? "The patient said they will be available when we call."
            : "The patient said they will be available at the agreed time."));
    }

    /// <summary>
    /// The request now prefers <paramref name="site"/> (null: no preferred site), so its targets and
    /// escalations count in that calendar; the stage is not restarted (where is not who calls) and an
    /// agreed call keeps its time. <paramref name="why"/> ends the timeline line ("Riverside was closed").
    /// </summary>
    public void MoveToSite(Site? site, Actor by, DateTime nowUtc, string? why = null)
    {
        RequireOpen("moved to another site");
        if (site is not null && !site.IsActive)
        {
            throw new LeadRuleException($"{site.Name} no longer takes requests. Choose an active site, or no preferred site.");
        }

        if (site?.Id == PreferredSiteId)
        {
            throw new LeadRuleException(site is null ? "This request has no preferred site already." : $"This request already prefers {site.Name}.");
        }

        var from = PreferredSite?.Name ?? (PreferredSiteId is null ? "no preferred site" : "its old site");
        PreferredSite = site;
        PreferredSiteId = site?.Id;
        var details = $"Preferred site changed from {from} to {site?.Name ?? "no preferred site"}.";
        if (!string.IsNullOrWhiteSpace(why))
        {
            details = $"{details[..^1]} ({why.Trim()}).";
        }

        Record(LeadEventKind.SiteChanged, by, nowUtc, details.Length > 500 ? details[..500] : details);
    }

    private const PreferredCallTimes AllPreferredCallTimes =
        PreferredCallTimes.Mornings | PreferredCallTimes.Afternoons | PreferredCallTimes.Evenings | PreferredCallTimes.Weekdays | PreferredCallTimes.Saturday;

    private static string DescribePreferredTimes(PreferredCallTimes times) => times == PreferredCallTimes.None
        ? "any time"
        : string.Join(", ", Enum.GetValues<PreferredCallTimes>()
            .Where(t => t != PreferredCallTimes.None && times.HasFlag(t))
            .Select(t => t.ToString().ToLowerInvariant()));

    private void NotePatientAct(Actor by, DateTime nowUtc)
    {
        if (by.Kind == ActorKind.Patient)
        {
            PatientRespondedAt = nowUtc;
        }
    }

    private void RequireOpen(string verb)
    {
        if (Status == LeadStatus.Closed)
        {
            throw new LeadRuleException($"This request is closed ({Describe(CloseReason!.Value)}) and cannot be {verb}. Reopen it first.");
        }
    }

    private static void RequireFuture(DateTime callAtUtc, DateTime nowUtc)
    {
        if (callAtUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Call times are given in UTC (convert from clinic time with ClinicClock).", nameof(callAtUtc));
        }

        if (callAtUtc <= nowUtc)
        {
            throw new LeadRuleException("The call time must be in the future.");
        }
    }

    // The next try was planned for the stage that just ended (another clinician, an agreed call, a close, a reopen).
    private void ClearNextAttempt()
    {
        NextAttemptFrom = null;
        NextAttemptBy = null;
    }

    private void ClearCall()
    {
        if (ScheduledCallAt is not null)
        {
            ScheduledCallAt = null;
            CallAgreedAt = null;
            CalendarSequence++;
        }
    }

    private void Close(CloseReason reason, DateTime nowUtc)
    {
        // Any agreed call is over or off: the invite must be updated either way.
        ClearCall();
        Status = LeadStatus.Closed;
        CloseReason = reason;
        ClosedAt = nowUtc;
        StageStartedAt = nowUtc;
        ClearNextAttempt();
    }

    private void Record(LeadEventKind kind, Actor by, DateTime nowUtc, string details, DateTime? time = null, DateTime? previousTime = null)
    {
        Events.Add(LeadEvent.For(this, kind, by, nowUtc, details, time, previousTime));
        UpdatedAt = nowUtc;
        Version++;
    }
}
