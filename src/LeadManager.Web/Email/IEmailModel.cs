namespace LeadManager.Web.Email;

/// <summary>
/// One email: everything its templates print, and its subject. The templates sit beside the
/// model and share its name, in one folder per email: <c>Messages/PatientConfirmation/</c>
/// holds <c>PatientConfirmationEmail.cs</c>, <c>PatientConfirmationEmail.html.liquid</c> and
/// <c>PatientConfirmationEmail.txt.liquid</c>. Embedded, a template's resource name is the
/// model's full type name plus ".html.liquid" or ".txt.liquid", which is how
/// <see cref="EmailTemplates"/> finds it; so the model's namespace must follow its folder.
/// </summary>
public interface IEmailModel
{
    /// <summary>Fixed wording and our own reference only: no patient input ever goes into a header.</summary>
    string Subject { get; }
}
