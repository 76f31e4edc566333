namespace LeadManager.Web.Email.Messages.StaffPasswordReset;

/// <summary>
/// To a staff member, sent by an admin: a one-time, expiring link to choose a new password.
/// Never a password, never anything about a patient. The link is made when the email is composed.
/// </summary>
/// <param name="SignInEmail">The address they sign in with (this email's recipient).</param>
/// <param name="LinkLifetime">"24 hours".</param>
public sealed record StaffPasswordResetEmail(
    string ClinicName,
    string DisplayName,
    string SignInEmail,
    string ResetUrl,
    string LinkLifetime) : IEmailModel
{
    public string Subject => $"Choose a new LeadManager password for {ClinicName}";
}
