using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>What changed about who has a request, which the lead's state alone does not say.</summary>
/// <param name="PreviousClinicianId">Who had the request before this change.</param>
/// <param name="ActingStaffMemberId">Who made the change: a clinician who takes a request is not emailed about it.</param>
public readonly record struct AssignmentChange(int? PreviousClinicianId, int? ActingStaffMemberId);

/// <summary>
/// Decides every timed step a request needs after any change, from the request's state, and
/// writes them in the caller's unit of work, so they commit (or roll back) with the change:
/// new steps are added, steps the change made void are skipped with the reason, and a step of
/// the same kind made for the same moment (<see cref="FollowUpStep.MadeFor"/>) is never
/// written twice, so each escalation goes out once per breach. When the request moves on
/// (<see cref="Lead.StageStartedAt"/>, <see cref="Lead.ReviewRequestedAt"/>) its escalations are
/// re-armed. The step job asks <see cref="WhyNot"/> again when a step comes due. See ADR-014.
/// </summary>
public sealed class FollowUpPlanner(WorkflowTargets targets)
{
    /// <summary>A step the request should have now; a calendar step also names whose copy it is for and the sequence it carries.</summary>
    public sealed record Wanted(string Kind, DateTime DueAt, DateTime MadeFor, int? StaffMemberId = null, int? CallSequence = null)
    {
        public bool Is(FollowUpStep step) => step.Kind == Kind && step.MadeFor == MadeFor && step.StaffMemberId == StaffMemberId;
    }

    /// <summary>Plans a stored request being changed in <paramref name="db"/>: reads its steps, then reconciles them.</summary>
    public async Task PlanAsync(LeadDbContext db, Lead lead, DateTime nowUtc, AssignmentChange? assignment, CancellationToken cancellationToken)
    {
        var calendars = await targets.CalendarsAsync(cancellationToken);
        var steps = lead.Id == 0 ? [] : await db.FollowUps.Where(f => f.LeadId == lead.Id).ToListAsync(cancellationToken);
        foreach (var step in Reconcile(lead, steps, calendars, nowUtc, assignment))
        {
            db.FollowUps.Add(step);
        }
    }

    /// <summary>The calendars <see cref="Reconcile"/> needs, for a caller that plans synchronously (the intake writer's batch).</summary>
    public Task<WorkflowTargets.Calendars> CalendarsAsync(CancellationToken cancellationToken) => targets.CalendarsAsync(cancellationToken);

    /// <summary>
    /// Changes <paramref name="existing"/> (every step the request has, any status) to fit the
    /// request as it is now, and returns the steps to add.
    /// </summary>
    public static IReadOnlyList<FollowUpStep> Reconcile(
        Lead lead, IReadOnlyCollection<FollowUpStep> existing, WorkflowTargets.Calendars calendars, DateTime nowUtc, AssignmentChange? assignment = null)
    {
        var wanted = WantedSteps(lead, existing, calendars, nowUtc);
        foreach (var step in existing.Where(s => s.Status == FollowUpStatus.Pending && !IsAboutAssignment(s.Kind)))
        {
            var match = wanted.FirstOrDefault(w => w.Is(step));
            if (match is not null)
            {
                // Same breach: keep it, at the time today's options give it.
                if (!CallCalendarSteps.KeepsItsDueTime(step.Kind))
                {
                    step.DueAt = match.DueAt;
                }

                continue;
            }

            step.Status = lead.IsOpen ? FollowUpStatus.Skipped : FollowUpStatus.Cancelled;
            step.CompletedAt = nowUtc;
            step.SkipReason = VoidReason(lead, step, wanted);
        }

        var added = new List<FollowUpStep>();
        foreach (var want in wanted)
        {
            if (!existing.Any(s => want.Is(s) && (!FollowUpKinds.CallCalendar.Contains(s.Kind) || CallCalendarSteps.Blocks(s, want))))
            {
                var step = New(lead, want.Kind, want.DueAt, want.MadeFor, want.StaffMemberId, nowUtc);
                step.CallSequence = want.CallSequence;
                added.Add(step);
            }
        }

        if (assignment is { } change && change.PreviousClinicianId != lead.AssignedClinicianId)
        {
            if (change.PreviousClinicianId is { } previous && previous != change.ActingStaffMemberId)
            {
                added.Add(New(lead, FollowUpKinds.ClinicianUnassigned, nowUtc, nowUtc, previous, nowUtc));
            }

            if (lead.AssignedClinicianId is { } current && current != change.ActingStaffMemberId && lead.AssignedAt is { } assignedAt)
            {
                added.Add(New(lead, FollowUpKinds.ClinicianAssigned, nowUtc, assignedAt, current, nowUtc));
            }
        }

        return added;
    }

    /// <summary>
    /// Null when <paramref name="step"/> still applies to <paramref name="lead"/> as it is now
    /// (re-read when the step comes due); otherwise why not, for the timeline.
    /// </summary>
    public static string? WhyNot(FollowUpStep step, Lead? lead, IReadOnlyCollection<FollowUpStep> steps, WorkflowTargets.Calendars calendars, DateTime nowUtc)
    {
        if (step.Kind == FollowUpKinds.DailyDigest)
        {
            return null; // a staff member's own step: the digest decides for itself what it says
        }

        if (lead is null)
        {
            return "The request no longer exists.";
        }

        switch (step.Kind)
        {
            case FollowUpKinds.ClinicianAssigned:
                return lead.AssignedClinicianId == step.StaffMemberId && lead.AssignedAt == step.MadeFor && lead.IsOpen
                    ? null
                    : "The request was given to someone else, or closed, before the email went.";
            case FollowUpKinds.ClinicianUnassigned:
                return lead.AssignedClinicianId != step.StaffMemberId
                    ? null
                    : "The request was given back to the clinician before the email went.";
        }

        var wanted = WantedSteps(lead, steps, calendars, nowUtc);
        return wanted.Any(w => w.Is(step)) ? null : VoidReason(lead, step, wanted);
    }

    /// <summary>What the request should have now; the assignment emails are not in it (they follow a change, not a state).</summary>
    public static IReadOnlyList<Wanted> WantedSteps(Lead lead, IReadOnlyCollection<FollowUpStep> steps, WorkflowTargets.Calendars calendars, DateTime nowUtc)
    {
        var wanted = new List<Wanted>(3);
        // Before the open check: a closed request may still have a call to take out of calendars.
        CallCalendarSteps.AddWanted(lead, steps, calendars, nowUtc, wanted);
        if (!lead.IsOpen)
        {
            return wanted;
        }

        var options = calendars.Options;
        var hours = calendars.For(lead.PreferredSiteId);
        var stage = lead.StageStartedAt;
        switch (lead.Status)
        {
            case LeadStatus.New:
                var toReception = hours.Add(stage, options.AssignWithin);
                wanted.Add(new Wanted(FollowUpKinds.AssignOverdue, toReception, stage));
                // The manager hears only after reception was told and still nobody took it.
                // Counted from when reception was told, so a job server that was down does not tell both at once.
                if (steps.FirstOrDefault(s => s.Kind == FollowUpKinds.AssignOverdue && s.MadeFor == stage && s.Status == FollowUpStatus.Done) is { } told)
                {
                    var from = told.CompletedAt is { } at && at > toReception ? at : toReception;
                    wanted.Add(new Wanted(FollowUpKinds.AssignOverdueToManager, hours.Add(from, options.EscalateToManagerAfter), stage));
                }

                break;
            case LeadStatus.Assigned:
                wanted.Add(new Wanted(FollowUpKinds.FirstContactOverdue, hours.Add(stage, options.FirstContactWithin), stage));
                break;
            case LeadStatus.Attempted:
                NoAnswerSteps(lead, calendars, hours, wanted);
                break;
            case LeadStatus.Scheduled when lead.ScheduledCallAt is { } callAt:
                // An agreed time is a promise to the patient: counted on the clock, not in opening hours.
                wanted.Add(new Wanted(FollowUpKinds.MissedCall, callAt + options.MissedCallGrace, stage));
                break;
        }

        if (lead.NeedsClinicalReview && lead.ReviewRequestedAt is { } reviewAsked)
        {
            if (lead.Triage == TriageLevel.Emergency)
            {
                wanted.Add(new Wanted(FollowUpKinds.EmergencyAnnouncement, hours.NextBusinessMoment(reviewAsked), reviewAsked));
            }

            wanted.Add(new Wanted(FollowUpKinds.ReviewOverdue, hours.Add(reviewAsked, options.ReviewWithin), reviewAsked));
        }

        return wanted;
    }

    /// <summary>
    /// After an unanswered call (this stage began with it): the patient is told we tried, the next
    /// try is chased when its window on the clinician's next working day ends, and the call that
    /// reached Workflow:MaxCallAttempts plans the kind close instead; a wrong number is not tried
    /// again, reception is asked to check the details. A stage that began otherwise (reassigned,
    /// a call cancelled, reopened) is chased from its start, and reopening never re-arms the close
    /// from the old attempts.
    /// </summary>
    private static void NoAnswerSteps(Lead lead, WorkflowTargets.Calendars calendars, BusinessHours hours, List<Wanted> wanted)
    {
        var options = calendars.Options;
        var stage = lead.StageStartedAt;
        if (lead.LastAttemptAt != stage || lead.LastAttemptResult is not { } result)
        {
            wanted.Add(new Wanted(FollowUpKinds.RetryCallOverdue, hours.Add(stage, options.RetryCallWithin), stage));
            return;
        }

        if (result == CallAttemptResult.WrongNumber)
        {
            wanted.Add(new Wanted(FollowUpKinds.CheckContactDetails, hours.NextBusinessMoment(stage), stage));
            return;
        }

        if (!string.IsNullOrWhiteSpace(lead.Email))
        {
            wanted.Add(new Wanted(FollowUpKinds.TriedToReach, calendars.Quiet.NextAllowed(stage + options.PatientEmailGrace), stage));
        }

        // The patient answering from their link (a time, the best times, "I'll be available") since the last try stops the close.
        if (lead.UnansweredAttempts >= options.MaxCallAttempts && !(lead.PatientRespondedAt >= stage))
        {
            wanted.Add(new Wanted(FollowUpKinds.CloseNoResponse, hours.AddBusinessDays(stage, options.CloseAfterLastAttempt), stage));
            return;
        }

        wanted.Add(new Wanted(FollowUpKinds.RetryCallOverdue, lead.NextAttemptBy ?? hours.Add(stage, options.RetryCallWithin), stage));
    }

    private static bool IsAboutAssignment(string kind) => kind is FollowUpKinds.ClinicianAssigned or FollowUpKinds.ClinicianUnassigned;

    private static FollowUpStep New(Lead lead, string kind, DateTime dueAt, DateTime madeFor, int? staffMemberId, DateTime nowUtc) => new()
    {
        // A stored request is named by its key alone, whether or not the caller's context tracks
        // it; an unsaved one (intake's) by the entity, so its key is filled in when it is inserted.
        Lead = lead.Id == 0 ? lead : null,
        LeadId = lead.Id == 0 ? null : lead.Id,
        StaffMemberId = staffMemberId,
        Kind = kind,
        DueAt = dueAt,
        MadeFor = madeFor,
        MadeForVersion = lead.Version,
        Status = FollowUpStatus.Pending,
        CreatedAt = nowUtc,
    };

    private static string VoidReason(Lead lead, FollowUpStep step, IReadOnlyList<Wanted> wanted)
    {
        if (FollowUpKinds.CallCalendar.Contains(step.Kind))
        {
            return CallCalendarSteps.VoidReason(step, lead);
        }

        if (!lead.IsOpen)
        {
            return "The request was closed before this was due.";
        }

        if (wanted.Any(w => w.Kind == step.Kind))
        {
            return "The request moved on before this was due, so it counts again from then.";
        }

        return step.Kind switch
        {
            FollowUpKinds.AssignOverdue or FollowUpKinds.AssignOverdueToManager => "The request was assigned before this was due.",
            FollowUpKinds.FirstContactOverdue => "A call was made or agreed before this was due.",
            FollowUpKinds.RetryCallOverdue => "The call was tried again, agreed or given to someone else before this was due.",
            FollowUpKinds.MissedCall => "The call was recorded, moved or cancelled before this was due.",
            FollowUpKinds.ReviewOverdue or FollowUpKinds.EmergencyAnnouncement => "The clinical review was recorded before this was due.",
            FollowUpKinds.TriedToReach => "Another call was made, or the request moved on, before this went, so only the latest is told.",
            FollowUpKinds.CheckContactDetails => "The request moved on before reception was asked.",
            FollowUpKinds.CloseNoResponse => "A call was agreed, made or the request moved on before it was closed.",
            _ => "No longer needed.",
        };
    }
}
