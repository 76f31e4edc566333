namespace LeadManager.Web.Email.Messages.ReceptionCancellation;

/// <summary>To reception: the patient cancelled their request from the manage link in their confirmation.</summary>
public sealed record ReceptionCancellationEmail(ReceptionRequest Request) : ReceptionEmail(Request)
{
    public override string Headline => "Cancelled by the patient";
}
