using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Email.Messages.PatientConfirmation;
using LeadManager.Web.Email.Messages.ReceptionCancellation;
using LeadManager.Web.Email.Messages.ReceptionNotification;
using LeadManager.Web.Scheduling;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Turns an outbox row into a message: picks the email for the row's kind, fills its model
/// from the lead, and renders it. What an email says, subject included, is in its own folder
/// under Email/Messages. The recipient's address is validated at intake and used without a
/// display name, so no patient input goes into a header.
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
        var rendered = email.Kind switch
        {
            OutboundEmailKinds.PatientConfirmation => await templates.RenderAsync(await ConfirmationAsync(lead, cancellationToken)),
            OutboundEmailKinds.ReceptionNewRequest => await templates.RenderAsync(new ReceptionNotificationEmail(AboutRequest(lead), AskedAgain: false)),
            OutboundEmailKinds.ReceptionRepeatRequest => await templates.RenderAsync(new ReceptionNotificationEmail(AboutRequest(lead), AskedAgain: true)),
            OutboundEmailKinds.ReceptionPatientCancelled => await templates.RenderAsync(new ReceptionCancellationEmail(AboutRequest(lead))),
            _ => throw new InvalidOperationException($"No template for outbox email kind '{email.Kind}'."),
        };

        var message = new MimeMessage { Subject = rendered.Subject };
        message.To.Add(new MailboxAddress("", email.Recipient));
        message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
        return message;
    }

    private async Task<PatientConfirmationEmail> ConfirmationAsync(Lead lead, CancellationToken cancellationToken) => new(
        clinic.Value.Name,
        clinic.Value.Phone,
        clinic.Value.BrandColour,
        clinic.Value.EmailSignature,
        lead.FirstName,
        lead.Reference,
        await expectedCall.DescribeAsync(lead.PreferredSiteId, cancellationToken),
        lead.Triage == TriageLevel.Emergency,
        lead.Triage == TriageLevel.ReviewFirst,
        manageLinks.CreateUrl(lead.Id, lead.Reference));

    private ReceptionRequest AboutRequest(Lead lead) => new(
        lead.PatientName,
        lead.Reference,
        lead.Triage,
        lead.Channel.ToString(),
        new Uri(new Uri(app.Value.PublicUrl), $"/leads/{lead.Reference}").ToString());
}
