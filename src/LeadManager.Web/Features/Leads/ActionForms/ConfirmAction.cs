using System.Security.Claims;

namespace LeadManager.Web.Features.Leads.ActionForms;

/// <summary>
/// A yes/no action for <see cref="ConfirmForm"/>: its title, what confirming does in the person's
/// words, and its one <see cref="LeadActions"/> call. A new yes/no action is one more of these.
/// </summary>
public sealed record ConfirmAction(string Title, string Explanation, Func<LeadActions, ClaimsPrincipal, int, int, Task<LeadActionResult>> Run)
{
    public static readonly ConfirmAction Unassign = new(
        "Unassign",
        "The request goes back to Unassigned. Any agreed call time is cancelled.",
        (actions, user, leadId, seenVersion) => actions.UnassignAsync(user, leadId, seenVersion));

    public static readonly ConfirmAction CancelCall = new(
        "Cancel the call time",
        "The agreed call time is cancelled; the request stays with its clinician.",
        (actions, user, leadId, seenVersion) => actions.CancelCallAsync(user, leadId, seenVersion));

    public static readonly ConfirmAction Spam = new(
        "Mark as spam",
        "The request is closed as spam. It can be reopened if this was a mistake.",
        (actions, user, leadId, seenVersion) => actions.MarkSpamAsync(user, leadId, seenVersion));

    public static readonly ConfirmAction Reopen = new(
        "Reopen",
        "The request opens again where it was before it was closed.",
        (actions, user, leadId, seenVersion) => actions.ReopenAsync(user, leadId, seenVersion));

    public static readonly ConfirmAction PatientCancelled = new(
        "The patient cancelled",
        "The patient told us they no longer want the call. The request is closed and no more reminders go out.",
        (actions, user, leadId, seenVersion) => actions.CancelForPatientAsync(user, leadId, seenVersion));
}
