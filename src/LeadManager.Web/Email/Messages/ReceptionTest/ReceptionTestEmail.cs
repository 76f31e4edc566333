namespace LeadManager.Web.Email.Messages.ReceptionTest;

/// <summary>
/// To Email:ReceptionAddress, when an admin presses "Send a test email" on /admin: proves that
/// the clinic's mail settings reach reception before the first request does. It is about no
/// request and no person, so it carries nothing but the clinic's name, when it was asked for and
/// a link to the app.
/// </summary>
public sealed record ReceptionTestEmail(string ClinicName, string ReceptionAddress, DateTime RequestedAtClinicTime, string AppUrl) : IEmailModel
{
    public string RequestedAt => ClinicTimeText.When(RequestedAtClinicTime);

    public string Subject => "Test email from LeadManager";
}
