using LeadManager.Data.Leads;

namespace LeadManager.Web.Email.Messages;

/// <summary>
/// What every email to reception prints about its request, and the subject they share: the
/// triage first when a clinician must look soon, then the headline and our reference.
/// </summary>
public abstract record ReceptionEmail(ReceptionRequest Request) : IEmailModel
{
    public abstract string Headline { get; }

    public string PatientName => Request.PatientName;

    public string Reference => Request.Reference;

    public string Channel => Request.Channel;

    public string LeadUrl => Request.LeadUrl;

    public bool Urgent => Request.Triage is TriageLevel.Emergency or TriageLevel.ReviewFirst;

    public string TriageLabel => Request.Triage switch
    {
        TriageLevel.Emergency => "Urgent care advised",
        TriageLevel.ReviewFirst => "Clinician review first",
        TriageLevel.Routine => "Routine",
        _ => "Not screened",
    };

    public string Subject => $"{(Urgent ? $"[{TriageLabel}] " : "")}{Headline} {Reference}";
}
