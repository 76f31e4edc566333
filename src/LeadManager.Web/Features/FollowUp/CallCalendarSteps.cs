using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Scheduling;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The steps that keep every copy of the agreed call's calendar event in step with the request:
/// the patient's copy (no staff member) and each clinician's. For each copy it compares what the
/// request says now (a call at a time still ahead, or none) with what that copy last received
/// (the latest invite or cancellation that went), and wants the one email that closes the gap:
/// <list type="bullet">
/// <item>a call the copy does not show at that time: an invite (METHOD:REQUEST) at the lead's
/// current <see cref="Lead.CalendarSequence"/>;</item>
/// <item>no call, but the copy still shows one whose time is ahead: a cancellation (METHOD:CANCEL)
/// at the current, higher sequence. A call whose time has passed (it happened, or was missed)
/// is never cancelled in anyone's calendar.</item>
/// </list>
/// An invite or cancellation waits Workflow:PatientEmailGrace, and a patient's also waits out
/// quiet hours; one still waiting when the request changes again is voided, which is how two
/// moves in a minute make one invite, and a call agreed and cancelled within the grace makes
/// none. The patient also gets a reminder Workflow:ReminderBefore the call (see
/// <see cref="ReminderDue"/>). See ADR-015.
/// </summary>
public static class CallCalendarSteps
{
    /// <summary>Adds to <paramref name="wanted"/> the calendar steps the request needs now.</summary>
    public static void AddWanted(Lead lead, IReadOnlyCollection<FollowUpStep> steps, WorkflowTargets.Calendars calendars, DateTime nowUtc, List<FollowUpPlanner.Wanted> wanted)
    {
        var callAt = CallAhead(lead, nowUtc);
        if (callAt is null && (steps.Count == 0 || !steps.Any(s => s.Kind is FollowUpKinds.CallInvite or FollowUpKinds.CallInviteCancel)))
        {
            return; // nothing agreed and nothing ever sent: most requests, and every new one at intake
        }

        var options = calendars.Options;
        var quiet = calendars.Quiet;
        var copies = steps
            .Where(s => s.Kind is FollowUpKinds.CallInvite or FollowUpKinds.CallInviteCancel)
            .Select(s => s.StaffMemberId)
            .Append(null)
            .Append(callAt is null ? null : lead.AssignedClinicianId)
            .Distinct();
        foreach (var copy in copies)
        {
            var shows = LastSent(steps, copy);
            var shouldShow = copy is null || copy == lead.AssignedClinicianId ? callAt : null;
            var dueAt = nowUtc + options.PatientEmailGrace;
            if (copy is null && !AnswersWhatThePatientDid(lead, shouldShow))
            {
                // An answer to what the patient did themselves is not held for the morning.
                dueAt = quiet.NextAllowed(dueAt);
            }

            if (shouldShow is { } showAt && shows != showAt)
            {
                wanted.Add(new FollowUpPlanner.Wanted(FollowUpKinds.CallInvite, dueAt, showAt, copy, lead.CalendarSequence));
            }
            else if (shouldShow is null && shows is { } shownAt && shownAt > nowUtc)
            {
                wanted.Add(new FollowUpPlanner.Wanted(FollowUpKinds.CallInviteCancel, dueAt, shownAt, copy, lead.CalendarSequence));
            }
        }

        if (callAt is { } at && ReminderDue(at, lead.CallAgreedAt ?? lead.StageStartedAt, options, quiet) is { } reminderAt)
        {
            wanted.Add(new FollowUpPlanner.Wanted(FollowUpKinds.CallReminder, reminderAt, at, null, lead.CalendarSequence));
        }
    }

    /// <summary>
    /// When the patient's reminder goes: Workflow:ReminderBefore the call, or, when that falls in
    /// quiet hours, before they begin (the evening before a morning call). None when that moment
    /// is before the call was agreed (plus the grace, so it never comes before the invite): a
    /// call agreed with less than Workflow:ReminderBefore left gets no reminder.
    /// </summary>
    public static DateTime? ReminderDue(DateTime callAtUtc, DateTime agreedAtUtc, WorkflowOptions options, QuietHours quiet)
    {
        var dueAt = quiet.LatestBefore(callAtUtc - options.ReminderBefore);
        return dueAt >= agreedAtUtc + options.PatientEmailGrace ? dueAt : null;
    }

    /// <summary>Whether a pending step of this kind keeps the due time it was planned with (an invite's grace counts from the change that caused it).</summary>
    public static bool KeepsItsDueTime(string kind) => kind is FollowUpKinds.CallInvite or FollowUpKinds.CallInviteCancel;

    /// <summary>
    /// Whether an existing step stands in the way of planning <paramref name="want"/> again. An
    /// invite or a cancellation that went does not: whether the copy shows the call already
    /// decided that. A reminder that went for this call time does (once per call time).
    /// </summary>
    public static bool Blocks(FollowUpStep existing, FollowUpPlanner.Wanted want) => existing.Status switch
    {
        FollowUpStatus.Pending => true,
        FollowUpStatus.Done => want.Kind == FollowUpKinds.CallReminder,
        _ => false,
    };

    /// <summary>Whether the patient is the one who asked for the change the step is about, so quiet hours do not hold it.</summary>
    public static bool AnswersThePatient(FollowUpStep step, Lead? lead) =>
        lead is not null && step.Kind is FollowUpKinds.CallInvite or FollowUpKinds.CallInviteCancel
        && AnswersWhatThePatientDid(lead, step.Kind == FollowUpKinds.CallInvite ? step.MadeFor : null);

    // They cancelled, or picked the time now agreed, from their link.
    private static bool AnswersWhatThePatientDid(Lead lead, DateTime? callShown) => callShown is null
        ? lead.CloseReason == CloseReason.CancelledByPatient
        : lead.PatientRespondedAt is { } responded && responded == lead.CallAgreedAt && lead.ScheduledCallAt == callShown;

    /// <summary>Why a calendar step no longer applies, for the timeline.</summary>
    public static string VoidReason(FollowUpStep step, Lead lead)
    {
        var sameCall = lead.Status == LeadStatus.Scheduled && lead.ScheduledCallAt == step.MadeFor;
        return step.Kind switch
        {
            FollowUpKinds.CallReminder when !lead.IsOpen => "The request was closed before the reminder was due.",
            FollowUpKinds.CallReminder when sameCall => "The call time passed before the reminder could go.",
            FollowUpKinds.CallReminder => "The call was moved or cancelled before the reminder was due.",
            FollowUpKinds.CallInvite when sameCall && (step.StaffMemberId is null || step.StaffMemberId == lead.AssignedClinicianId) =>
                "The call time passed before the invite could go.",
            FollowUpKinds.CallInvite => "The call was changed again (moved, cancelled, or given to someone else) before this went, so only the latest change is sent.",
            _ when lead.Status == LeadStatus.Scheduled => "The call was agreed again before the cancellation went, so the calendar keeps it.",
            _ => "The call time passed before the cancellation could go, so the calendar keeps it as it happened.",
        };
    }

    /// <summary>
    /// Null when the email a calendar step wrote is still true at send time; otherwise why not.
    /// An email held up by a mail server that was down must not arrive after it stopped being
    /// true: a later change to the same copy (a higher sequence, waiting or gone) carries the
    /// truth instead, a call whose time has passed is neither announced nor cancelled, and a
    /// reminder goes only for the call as it still is.
    /// </summary>
    public static string? WhyStaleAtSend(FollowUpStep step, Lead lead, IReadOnlyCollection<FollowUpStep> steps, DateTime nowUtc)
    {
        if (step.MadeFor <= nowUtc)
        {
            return "The call time passed before it could be sent.";
        }

        if (step.Kind == FollowUpKinds.CallReminder)
        {
            return CallAhead(lead, nowUtc) == step.MadeFor ? null : "The call was moved, cancelled or closed before the reminder could be sent.";
        }

        var superseded = steps.Any(s => s.Id != step.Id
            && s.StaffMemberId == step.StaffMemberId
            && s.Kind is FollowUpKinds.CallInvite or FollowUpKinds.CallInviteCancel
            && s.Status is FollowUpStatus.Pending or FollowUpStatus.Done
            && s.CallSequence > step.CallSequence);
        return superseded ? "The call changed again before it could be sent; the later change is sent instead." : null;
    }

    // The agreed call, while the request is open and its time is still ahead.
    private static DateTime? CallAhead(Lead lead, DateTime nowUtc) =>
        lead.IsOpen && lead.Status == LeadStatus.Scheduled && lead.ScheduledCallAt is { } at && at > nowUtc ? at : null;

    // The call time this copy's calendar shows: its latest invite or cancellation that went.
    private static DateTime? LastSent(IReadOnlyCollection<FollowUpStep> steps, int? copy)
    {
        var last = steps
            .Where(s => s.StaffMemberId == copy && s.Status == FollowUpStatus.Done && s.Kind is FollowUpKinds.CallInvite or FollowUpKinds.CallInviteCancel)
            .OrderBy(s => s.CallSequence)
            .ThenBy(s => s.CompletedAt)
            .LastOrDefault();
        return last?.Kind == FollowUpKinds.CallInvite ? last.MadeFor : null;
    }
}
