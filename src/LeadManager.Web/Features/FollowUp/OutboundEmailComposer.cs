using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Scheduling;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Turns an outbox row into a message. Subjects are fixed text plus our own reference: no
/// patient input ever goes into a header (the recipient's address is validated at intake and
/// used without a display name).
/// </summary>
public sealed class OutboundEmailComposer(
    EmailTemplates templates,
    ExpectedCallTime expectedCall,
    IOptions<ClinicOptions> clinic,
    IOptions<AppOptions> app,
    ManageLinks manageLinks)
{
    public async Task<MimeMessage> ComposeAsync(OutboundEmail email, Lead lead, CancellationToken cancellationToken)
    {
        var (subject, rendered) = email.Kind switch
        {
            OutboundEmailKinds.PatientConfirmation => ($"Your discovery call request {lead.Reference}", await templates.RenderAsync(new PatientConfirmation(
                clinic.Value.Name,
                clinic.Value.Phone,
                clinic.Value.BrandColour,
                clinic.Value.EmailSignature,
                lead.FirstName,
                lead.Reference,
                await expectedCall.DescribeAsync(lead.PreferredSiteId, cancellationToken),
                lead.Triage == TriageLevel.Emergency,
                lead.Triage == TriageLevel.ReviewFirst,
                manageLinks.CreateUrl(lead.Id, lead.Reference)))),
            OutboundEmailKinds.ReceptionNewRequest or OutboundEmailKinds.ReceptionRepeatRequest or OutboundEmailKinds.ReceptionPatientCancelled => (
                $"{(lead.Triage is TriageLevel.Emergency or TriageLevel.ReviewFirst ? "[" + TriageLabel(lead.Triage) + "] " : "")}{ReceptionHeadline(email.Kind)} {lead.Reference}",
                await templates.RenderAsync(new ReceptionNotification(
                    clinic.Value.Name,
                    lead.PatientName,
                    lead.Reference,
                    TriageLabel(lead.Triage),
                    lead.Triage is TriageLevel.Emergency or TriageLevel.ReviewFirst,
                    lead.Channel.ToString(),
                    new Uri(new Uri(app.Value.PublicUrl), $"/leads/{lead.Reference}").ToString(),
                    ReceptionHeadline(email.Kind)))),
            _ => throw new InvalidOperationException($"No template for outbox email kind '{email.Kind}'."),
        };

        var message = new MimeMessage { Subject = subject };
        message.To.Add(new MailboxAddress("", email.Recipient));
        message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
        return message;
    }

    private static string ReceptionHeadline(string kind) => kind switch
    {
        OutboundEmailKinds.ReceptionRepeatRequest => "Asked again",
        OutboundEmailKinds.ReceptionPatientCancelled => "Cancelled by the patient",
        _ => "New request",
    };

    public static string TriageLabel(TriageLevel triage) => triage switch
    {
        TriageLevel.Emergency => "Urgent care advised",
        TriageLevel.ReviewFirst => "Clinician review first",
        TriageLevel.Routine => "Routine",
        _ => "Not screened",
    };
}
