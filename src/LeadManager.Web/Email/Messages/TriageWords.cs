using LeadManager.Data.Leads;

namespace LeadManager.Web.Email.Messages;

/// <summary>
/// How staff emails name a request's triage. A triage word is health information about a person,
/// so no staff email prints it beside a patient's name: they carry our reference and a link instead.
/// </summary>
public static class TriageWords
{
    public static string Label(TriageLevel triage) => triage switch
    {
        TriageLevel.Emergency => "Urgent care advised",
        TriageLevel.ReviewFirst => "Clinician review first",
        TriageLevel.Routine => "Routine",
        _ => "Not screened",
    };

    /// <summary>A clinician must look soon: the subject leads with the triage.</summary>
    public static bool IsUrgent(TriageLevel triage) => triage is TriageLevel.Emergency or TriageLevel.ReviewFirst;

    /// <summary>"[Urgent care advised] " for an urgent request, else nothing: the start of a staff email's subject.</summary>
    public static string SubjectPrefix(TriageLevel triage) => IsUrgent(triage) ? $"[{Label(triage)}] " : "";
}
