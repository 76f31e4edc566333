using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using static LeadManager.Web.Email.Messages.ClinicTimeText;

namespace LeadManager.Web.Email.Messages.Escalation;

/// <summary>
/// To the people a request's escalation tells (reception, the clinician, the admins, the
/// clinicians on duty): what is late, since when (clinic time), our reference and a link. No
/// patient name and no health details, so the triage can be printed.
/// </summary>
/// <param name="Kind">The escalation, one of <see cref="FollowUpKinds.Escalations"/>.</param>
/// <param name="StartedAtClinicTime">When what is late started: the request's current stage, or the review request.</param>
/// <param name="LateSinceClinicTime">When the target passed.</param>
/// <param name="CallAtClinicTime">The agreed call time, for a missed call.</param>
public sealed record EscalationEmail(
    string Kind,
    string Reference,
    TriageLevel Triage,
    string? ClinicianName,
    DateTime StartedAtClinicTime,
    DateTime LateSinceClinicTime,
    DateTime? CallAtClinicTime,
    string LeadUrl) : IEmailModel
{
    public string Headline => Kind switch
    {
        FollowUpKinds.AssignOverdue => "Not assigned",
        FollowUpKinds.AssignOverdueToManager => "Still not assigned",
        FollowUpKinds.FirstContactOverdue => "No first call",
        FollowUpKinds.RetryCallOverdue => "Call not tried again",
        FollowUpKinds.MissedCall => "Agreed call not recorded",
        FollowUpKinds.ReviewOverdue => "Clinical review waiting",
        FollowUpKinds.CheckContactDetails => "Wrong number: check the details",
        FollowUpKinds.CloseNoResponse => "Unreachable, red flags not reviewed",
        _ => throw new InvalidOperationException($"'{Kind}' is not an escalation."),
    };

    public string WhatIsLate => Kind switch
    {
        FollowUpKinds.AssignOverdue =>
            $"Nobody has been assigned to request {Reference}. It has waited since {When(StartedAtClinicTime)} and was due to be assigned by {LateSince}.",
        FollowUpKinds.AssignOverdueToManager =>
            $"Request {Reference} is still not assigned, although reception was told. It has waited since {When(StartedAtClinicTime)} and was due to be assigned by {LateSince}.",
        FollowUpKinds.FirstContactOverdue =>
            $"Request {Reference} was assigned{To} at {When(StartedAtClinicTime)}, but no call has been made or agreed. The first call was due by {LateSince}.",
        FollowUpKinds.RetryCallOverdue =>
            $"A call for request {Reference} went unanswered at {When(StartedAtClinicTime)}. The next try was due by {LateSince} and none is recorded.",
        FollowUpKinds.MissedCall =>
            $"A call for request {Reference} was agreed{(CallAtClinicTime is { } at ? $" for {When(at)}" : "")}{With}, and nothing has been recorded since. It has been late since {LateSince}.",
        FollowUpKinds.ReviewOverdue =>
            $"Request {Reference} has waited for a clinical review since {When(StartedAtClinicTime)}. The review was due by {LateSince}; please review it before anything is booked.",
        FollowUpKinds.CheckContactDetails =>
            $"A call for request {Reference} at {When(StartedAtClinicTime)} reached a wrong number, so it will not be tried again. Please check the contact details with the patient (by email, or the details they gave) and correct them.",
        FollowUpKinds.CloseNoResponse =>
            $"The patient for request {Reference} could not be reached after several calls, the last at {When(StartedAtClinicTime)}. It would now be closed as no response, but its red-flag answers have not been reviewed, so it stays open: please review it and decide what to do.",
        _ => throw new InvalidOperationException($"'{Kind}' is not an escalation."),
    };

    public string LateSince => When(LateSinceClinicTime);

    /// <summary>Whether something is late; a wrong number is a request to reception, not a breach.</summary>
    public bool Late => Kind != FollowUpKinds.CheckContactDetails;

    public string TriageLabel => TriageWords.Label(Triage);

    public bool Urgent => TriageWords.IsUrgent(Triage);

    public string Subject => Kind == FollowUpKinds.CheckContactDetails
        ? $"{TriageWords.SubjectPrefix(Triage)}Check the details: {Reference}"
        : $"{TriageWords.SubjectPrefix(Triage)}Overdue: {Headline} {Reference}";

    private string To => ClinicianName is null ? "" : $" to {ClinicianName}";

    private string With => ClinicianName is null ? "" : $" with {ClinicianName}";
}
