namespace LeadManager.Web.Email.Messages.StaffInvite;

/// <summary>
/// To a new staff member: a one-time, expiring link to choose their own password. Never a
/// password, never anything about a patient. The link is made when the email is composed.
/// </summary>
/// <param name="RoleWords">"a clinician", for the sentence.</param>
/// <param name="SignInEmail">The address they sign in with (this email's recipient).</param>
/// <param name="LinkLifetime">"7 days".</param>
public sealed record StaffInviteEmail(
    string ClinicName,
    string DisplayName,
    string RoleWords,
    string SignInEmail,
    string AcceptUrl,
    string LinkLifetime) : IEmailModel
{
    public string Subject => $"Your LeadManager account at {ClinicName}: choose your password";
}
