using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;

namespace LeadManager.Web.Features.Leads;

/// <summary>
/// How staff pages speak of the workflow's timed steps: what is due next on the lead page
/// ("Escalates to reception at 10:15 if nobody is assigned"), and the marks on the board and in
/// the lists ("Reception told at 10:15: not assigned", "Email bounced — phone them").
/// </summary>
public static class FollowUpWording
{
    /// <summary>The mark's own word, short enough for a card.</summary>
    public const string Mark = "Escalated";

    /// <summary>The mark of a request whose patient email failed for good (<see cref="LeadEmailBounces"/>): what happened and what to do, in words.</summary>
    public const string EmailBounced = "Email bounced — phone them";

    /// <summary>On a card whose agreed call falls in its clinician's leave.</summary>
    public const string ClinicianOnLeave = "Clinician on leave that day — reassign";

    /// <summary>Whether the lead page lists this kind of step as due next: the clinician's own emails go at once, and the digest is no request's.</summary>
    public static bool IsShownAsDue(string kind) =>
        kind is not (FollowUpKinds.ClinicianAssigned or FollowUpKinds.ClinicianUnassigned or FollowUpKinds.DailyDigest);

    /// <summary>One line of "due next": who is told when, and what stops it.</summary>
    public static string DueNext(string kind, DateTime dueAtUtc, ClinicClock clock, bool toStaff = false)
    {
        // A step past its time is waiting for the minutely sweep (or for a stopped job server).
        var when = dueAtUtc <= clock.UtcNow ? $"now (due {clock.Moment(dueAtUtc)})" : clock.Moment(dueAtUtc);
        return kind switch
        {
            FollowUpKinds.AssignOverdue => $"Escalates to reception {when} if nobody is assigned",
            FollowUpKinds.AssignOverdueToManager => $"Escalates to reception and the manager {when} if still nobody is assigned",
            FollowUpKinds.FirstContactOverdue => $"Escalates to the clinician and reception {when} if no call is made or agreed",
            FollowUpKinds.RetryCallOverdue => $"Escalates to the clinician and reception {when} if the call is not tried again",
            FollowUpKinds.MissedCall => $"Escalates to the clinician and reception {when} if the agreed call is not recorded",
            FollowUpKinds.ReviewOverdue => $"Escalates to the clinicians on duty {when} if no clinical review is recorded",
            FollowUpKinds.EmergencyAnnouncement => $"Tells the clinicians on duty {when} about this urgent-care request",
            FollowUpKinds.CallInvite => $"Sends {(toStaff ? "the clinician" : "the patient")} the call's calendar invite {when}",
            FollowUpKinds.CallInviteCancel => $"Takes the call out of {(toStaff ? "the clinician's" : "the patient's")} calendar {when}",
            FollowUpKinds.CallReminder => $"Reminds the patient of the call {when}",
            FollowUpKinds.TriedToReach => $"Tells the patient {when} that we tried to call, and when we will try again",
            FollowUpKinds.CheckContactDetails => $"Asks reception {when} to check the contact details (wrong number)",
            FollowUpKinds.CloseNoResponse => $"Closes the request as no response {when}, with a kind email to the patient, unless a call is agreed or they answer first",
            _ => $"{FollowUpKinds.Describe(kind)} {when}",
        };
    }

    /// <summary>The mark's tooltip: who was told, when, and why.</summary>
    public static string Told(EscalationMark mark, ClinicClock clock)
    {
        var (who, why) = mark.Kind switch
        {
            FollowUpKinds.AssignOverdue => ("Reception", "not assigned"),
            FollowUpKinds.AssignOverdueToManager => ("Reception and the manager", "still not assigned"),
            FollowUpKinds.FirstContactOverdue => ("The clinician and reception", "no first call"),
            FollowUpKinds.RetryCallOverdue => ("The clinician and reception", "call not tried again"),
            FollowUpKinds.MissedCall => ("The clinician and reception", "agreed call not recorded"),
            FollowUpKinds.ReviewOverdue => ("Clinicians (or the manager)", "clinical review waiting"),
            _ => ("Staff", FollowUpKinds.Describe(mark.Kind)),
        };
        return $"{who} told {clock.Moment(mark.At)}: {why}";
    }
}
