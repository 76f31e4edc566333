namespace LeadManager.Web.Email.Messages;

/// <summary>
/// What every email to reception prints about its request, and the subject they share: the
/// triage first when a clinician must look soon, then the headline and our reference.
/// </summary>
public abstract record ReceptionEmail(ReceptionRequest Request) : IEmailModel
{
    public abstract string Headline { get; }

    public string Reference => Request.Reference;

    public string Channel => Request.Channel;

    public string LeadUrl => Request.LeadUrl;

    public bool Urgent => TriageWords.IsUrgent(Request.Triage);

    public string TriageLabel => TriageWords.Label(Request.Triage);

    public string Subject => $"{TriageWords.SubjectPrefix(Request.Triage)}{Headline} {Reference}";
}
