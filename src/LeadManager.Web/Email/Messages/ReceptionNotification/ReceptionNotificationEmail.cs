namespace LeadManager.Web.Email.Messages.ReceptionNotification;

/// <summary>To reception: a new request arrived, or someone with an open request asked again.</summary>
public sealed record ReceptionNotificationEmail(ReceptionRequest Request, bool AskedAgain) : ReceptionEmail(Request)
{
    public override string Headline => AskedAgain ? "Asked again" : "New request";
}
