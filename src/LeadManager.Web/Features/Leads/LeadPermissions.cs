using System.Security.Claims;
using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;

namespace LeadManager.Web.Features.Leads;

/// <summary>Everything staff can do to a lead; the permission table below has a rule for each.</summary>
public enum LeadAction
{
    View,
    Assign,
    Unassign,
    Schedule,
    Reschedule,
    CancelCall,
    RecordAttempt,
    RecordOutcome,
    RecordClinicalReview,
    AddNote,
    MarkDuplicate,
    MarkSpam,
    Reopen,
    /// <summary>The patient rang or came in to cancel; reception records it for them.</summary>
    CancelForPatient,
    ExportCsv,
    /// <summary>Change the preferred site (an admin deactivating a site moves its open requests this way); front desk, like every non-clinical change.</summary>
    MoveToSite,
}

/// <summary>
/// What the rules need to know about a lead: who has it, whether its red flags are reviewed,
/// and who may open it. Read from the lead as it is, with the rules in <see cref="LeadVisibility"/>.
/// </summary>
public sealed class LeadAccessFacts
{
    private readonly Lead _lead;

    private LeadAccessFacts(Lead lead) => _lead = lead;

    public int? AssignedClinicianId => _lead.AssignedClinicianId;

    public bool NeedsClinicalReview => _lead.NeedsClinicalReview;

    public bool IsVisibleTo(StaffIdentity who) => _lead.IsVisibleTo(who.StaffMemberId, who.IsFrontDesk, who.IsClinician);

    public static LeadAccessFacts Of(Lead lead) => new(lead);
}

/// <summary>
/// Who may do what to which lead. Enforced by <see cref="LeadActions"/> and the lead queries
/// on the server; pages use the same rules only to decide which buttons to show.
/// Reception and the manager (front desk) work every lead but do not make clinical
/// judgements: no clinical review, and of the call outcomes only what a patient tells them
/// when they ring in (booked, not interested). Clinicians work the leads assigned to them,
/// and may open and review any red-flagged lead that nobody has reviewed yet.
/// </summary>
public static class LeadPermissions
{
    /// <summary>Call outcomes reception may record when the patient rings in.</summary>
    public static readonly IReadOnlySet<CloseReason> FrontDeskOutcomes = new HashSet<CloseReason>
    {
        CloseReason.BookedAssessment,
        CloseReason.NotInterested,
    };

    private static readonly IReadOnlySet<LeadAction> FrontDeskActions = Enum.GetValues<LeadAction>()
        .Where(a => a != LeadAction.RecordClinicalReview)
        .ToHashSet();

    // View is not in these sets: who may open a lead is LeadVisibility's rule, the one the lead queries run in SQL.
    private static readonly IReadOnlySet<LeadAction> AssignedClinicianActions = new HashSet<LeadAction>
    {
        LeadAction.Schedule,
        LeadAction.Reschedule,
        LeadAction.CancelCall,
        LeadAction.RecordAttempt,
        LeadAction.RecordOutcome,
        LeadAction.RecordClinicalReview,
        LeadAction.AddNote,
        LeadAction.ExportCsv,
    };

    private static readonly IReadOnlySet<LeadAction> ReviewingClinicianActions = new HashSet<LeadAction>
    {
        LeadAction.RecordClinicalReview,
        LeadAction.AddNote,
        LeadAction.ExportCsv,
    };

    public static bool Allows(StaffIdentity who, LeadAction action, LeadAccessFacts lead, CloseReason? outcome = null) =>
        Refusal(who, action, lead, outcome) is null;

    /// <summary>Null when allowed; otherwise why not, worded for the person who tried.</summary>
    public static string? Refusal(StaffIdentity who, LeadAction action, LeadAccessFacts lead, CloseReason? outcome = null)
    {
        if (action == LeadAction.View)
        {
            return lead.IsVisibleTo(who) ? null : "This request is not assigned to you.";
        }

        if (who.IsFrontDesk && FrontDeskActions.Contains(action)
            && (action != LeadAction.RecordOutcome || outcome is null || FrontDeskOutcomes.Contains(outcome.Value)))
        {
            return null;
        }

        if (who.IsClinician)
        {
            if (lead.AssignedClinicianId == who.StaffMemberId && AssignedClinicianActions.Contains(action))
            {
                return null;
            }

            // A reviewer works only a red flag they may open: once it is closed, nobody needs to review it.
            if (lead.NeedsClinicalReview && lead.IsVisibleTo(who) && ReviewingClinicianActions.Contains(action))
            {
                return null;
            }
        }

        return action switch
        {
            LeadAction.RecordClinicalReview => "Only a clinician can record a clinical review.",
            LeadAction.RecordOutcome when who.IsFrontDesk =>
                "Reception can record a booked assessment or that the patient is not interested; other outcomes are the clinician's call.",
            _ when who.IsClinician && lead.AssignedClinicianId == who.StaffMemberId => "Reception does that. Ask them if it needs changing.",
            _ => "Your role does not allow that on this request.",
        };
    }

    /// <summary>Which of the actions on a lead's page this person may take (the page shows only these).</summary>
    public static IReadOnlySet<LeadAction> AllowedActions(StaffIdentity who, LeadAccessFacts lead) =>
        Enum.GetValues<LeadAction>().Where(a => Allows(who, a, lead)).ToHashSet();

    /// <summary>The call outcomes this person may record on this lead.</summary>
    public static IReadOnlyList<CloseReason> AllowedOutcomes(StaffIdentity who, LeadAccessFacts lead) =>
        Lead.CallOutcomes.Where(o => Allows(who, LeadAction.RecordOutcome, lead, o)).Order().ToList();
}
