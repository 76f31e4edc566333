using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Invites;
using LeadManager.Web.Email.Messages;
using LeadManager.Web.Email.Messages.ClinicianAssigned;
using LeadManager.Web.Email.Messages.ClinicianUnassigned;
using LeadManager.Web.Email.Messages.ClinicianCallInvite;
using LeadManager.Web.Email.Messages.EmergencyAnnouncement;
using LeadManager.Web.Email.Messages.Escalation;
using LeadManager.Web.Email.Messages.PatientCallCancelled;
using LeadManager.Web.Email.Messages.PatientCallInvite;
using LeadManager.Web.Email.Messages.PatientCallReminder;
using LeadManager.Web.Email.Messages.PatientConfirmation;
using LeadManager.Web.Email.Messages.PatientTriedToReach;
using LeadManager.Web.Email.Messages.ReceptionCancellation;
using LeadManager.Web.Email.Messages.ReceptionNotification;
using LeadManager.Web.Email.Messages.ReceptionTest;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Turns an outbox row into a message: picks the email for the row's kind, fills its model
/// from the lead (when there is one) and, for a follow-up step's email, from the step and the
/// staff member it is for, and renders it. What an email says, subject included, is in its own
/// folder under Email/Messages. The recipient's address is validated at intake (or is a staff
/// login) and used without a display name, so no patient input goes into a header. A row it
/// cannot compose (no template, a step's email without its step) throws
/// <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class OutboundEmailComposer(
    EmailTemplates templates,
    ExpectedCallTime expectedCall,
    IOptions<ClinicOptions> clinic,
    ClinicClock clock,
    StaffLinks links,
    DailyDigestContent digests,
    ManageLinks manageLinks,
    IOptions<EmailOptions> emailOptions,
    OutcomeEmailContent outcomeEmails,
    StaffAccountEmails staffAccountEmails)
{
    public async Task<MimeMessage> ComposeAsync(LeadDbContext db, OutboundEmail email, Lead? lead, CancellationToken cancellationToken)
    {
        if (FollowUpKinds.CallCalendar.Contains(email.Kind))
        {
            return await CallEmailAsync(db, email, Needs(lead, email), cancellationToken);
        }

        var rendered = email.Kind switch
        {
            OutboundEmailKinds.PatientConfirmation => await templates.RenderAsync(await ConfirmationAsync(Needs(lead, email), cancellationToken)),
            OutboundEmailKinds.ReceptionNewRequest => await templates.RenderAsync(new ReceptionNotificationEmail(AboutRequest(Needs(lead, email)), AskedAgain: false)),
            OutboundEmailKinds.ReceptionRepeatRequest => await templates.RenderAsync(new ReceptionNotificationEmail(AboutRequest(Needs(lead, email)), AskedAgain: true)),
            OutboundEmailKinds.ReceptionPatientCancelled => await templates.RenderAsync(new ReceptionCancellationEmail(AboutRequest(Needs(lead, email)))),
            var kind when OutcomeEmails.IsOutcomeEmail(kind) => await outcomeEmails.RenderAsync(db, email, Needs(lead, email), cancellationToken),
            OutboundEmailKinds.ReceptionPatientRescheduled or OutboundEmailKinds.ClinicianPatientRescheduled => await PatientPickedTimeEmails.RenderAsync(templates, clock, links, db, email, Needs(lead, email), cancellationToken),
            // A staff member's own account email: its one-time link is made now (Auth/StaffAccountEmails).
            var kind when OutboundEmailKinds.IsStaffAccountEmail(kind) => await staffAccountEmails.RenderAsync(db, email, cancellationToken),
            // About no request: the app's address is in it so reception can see App:PublicUrl is right.
            OutboundEmailKinds.ReceptionTestEmail => await templates.RenderAsync(new ReceptionTestEmail(clinic.Value.Name, email.Recipient, clock.ToClinicTime(email.CreatedAt), new Uri(new Uri(links.MyCalls), "/").ToString())),
            _ => await StepEmailAsync(db, email, lead, cancellationToken),
        };

        var message = new MimeMessage { Subject = rendered.Subject };
        message.To.Add(new MailboxAddress("", email.Recipient));
        message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
        await outcomeEmails.AttachAssessmentInviteAsync(db, email, lead, rendered, message, cancellationToken);
        return message;
    }

    private async Task<RenderedEmail> StepEmailAsync(LeadDbContext db, OutboundEmail email, Lead? lead, CancellationToken cancellationToken)
    {
        var step = email.FollowUpId is { } stepId
            ? await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == stepId, cancellationToken)
            : null;
        if (step is null || step.Kind != email.Kind)
        {
            throw new InvalidOperationException($"No template for outbox email kind '{email.Kind}' without the follow-up step that wrote it.");
        }

        // A clinician's own email that went to reception because they have no address on record.
        var toReceptionInstead = step.StaffMemberId is not null && email.StaffMemberId != step.StaffMemberId;
        switch (step.Kind)
        {
            case FollowUpKinds.TriedToReach:
                var unanswered = Needs(lead, email);
                var next = unanswered.LastAttemptAt == step.MadeFor ? unanswered.NextAttemptFrom : null;
                return await templates.RenderAsync(new PatientTriedToReachEmail(
                    clinic.Value.Name, clinic.Value.Phone, clinic.Value.BrandColour, clinic.Value.EmailSignature, unanswered.FirstName, unanswered.Reference,
                    clock.ToClinicTime(step.MadeFor),
                    next is { } from ? NextAttemptWindow.Describe(from, clock.ClinicNow, clock.TimeZone) : null,
                    manageLinks.CreateUrl(unanswered.Id, unanswered.Reference)));
            case var kind when FollowUpKinds.Escalations.Contains(kind) || kind is FollowUpKinds.CloseNoResponse or FollowUpKinds.CheckContactDetails:
                var about = Needs(lead, email);
                return await templates.RenderAsync(new EscalationEmail(
                    kind,
                    about.Reference,
                    about.Triage,
                    await StaffNameAsync(db, about.AssignedClinicianId, cancellationToken),
                    clock.ToClinicTime(step.MadeFor),
                    clock.ToClinicTime(step.DueAt),
                    about.ScheduledCallAt is { } callAt ? clock.ToClinicTime(callAt) : null,
                    links.Lead(about.Reference)));
            case FollowUpKinds.EmergencyAnnouncement:
                var urgent = Needs(lead, email);
                return await templates.RenderAsync(new EmergencyAnnouncementEmail(urgent.Reference, clock.ToClinicTime(step.MadeFor), links.Lead(urgent.Reference)));
            case FollowUpKinds.ClinicianAssigned:
                var given = Needs(lead, email);
                return await templates.RenderAsync(new ClinicianAssignedEmail(
                    await StaffNameAsync(db, step.StaffMemberId ?? given.AssignedClinicianId, cancellationToken) ?? "Clinician",
                    given.Reference,
                    given.Triage,
                    clock.ToClinicTime(step.MadeFor),
                    links.Lead(given.Reference),
                    toReceptionInstead));
            case FollowUpKinds.ClinicianUnassigned:
                var taken = Needs(lead, email);
                return await templates.RenderAsync(new ClinicianUnassignedEmail(
                    await StaffNameAsync(db, step.StaffMemberId, cancellationToken) ?? "Clinician",
                    taken.Reference,
                    clock.ToClinicTime(step.MadeFor),
                    links.MyCalls,
                    toReceptionInstead));
            case FollowUpKinds.DailyDigest when step.StaffMemberId is { } clinicianId:
                var day = DateOnly.FromDateTime(clock.ToClinicTime(step.MadeFor));
                var name = await StaffNameAsync(db, clinicianId, cancellationToken) ?? "Clinician";
                return await templates.RenderAsync(await digests.ForAsync(db, clinicianId, name, day, toReceptionInstead, cancellationToken));
            default:
                throw new InvalidOperationException($"No template for follow-up step kind '{step.Kind}'.");
        }
    }

    /// <summary>
    /// An email about the agreed call: what it says comes from its step (the call time and
    /// sequence it was made for), never from the request as it is at send time, so a row always
    /// says what it was written for. The invite rides along as text/calendar and invite.ics.
    /// </summary>
    private async Task<MimeMessage> CallEmailAsync(LeadDbContext db, OutboundEmail email, Lead lead, CancellationToken cancellationToken)
    {
        var step = email.FollowUpId is { } stepId
            ? await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == stepId, cancellationToken)
            : null;
        if (step is null || step.Kind != email.Kind || step.CallSequence is not { } sequence)
        {
            throw new InvalidOperationException($"A '{email.Kind}' email is written by its calendar step, and this one has none.");
        }

        var callAt = clock.ToClinicTime(step.MadeFor);
        var clinicianId = step.StaffMemberId ?? lead.AssignedClinicianId;
        var clinician = clinicianId is { } id
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.DisplayName, s.CallLengthMinutes }).SingleOrDefaultAsync(cancellationToken)
            : null;
        // Whether this copy had the call at another time before, for "moved" rather than "agreed".
        var shownBefore = await db.FollowUps.AsNoTracking()
            .Where(f => f.LeadId == lead.Id && f.StaffMemberId == step.StaffMemberId && f.Status == FollowUpStatus.Done && f.Id != step.Id)
            .Where(f => f.Kind == FollowUpKinds.CallInvite || f.Kind == FollowUpKinds.CallInviteCancel)
            .Where(f => f.CallSequence < sequence)
            .OrderByDescending(f => f.CallSequence)
            .Select(f => f.Kind)
            .FirstOrDefaultAsync(cancellationToken);
        var moved = shownBefore == FollowUpKinds.CallInvite;
        var toPatient = step.StaffMemberId is null;
        var manageUrl = manageLinks.CreateUrl(lead.Id, lead.Reference);
        var options = clinic.Value;

        RenderedEmail rendered;
        InviteMethod? method = null;
        switch (step.Kind)
        {
            case FollowUpKinds.CallReminder:
                rendered = await templates.RenderAsync(new PatientCallReminderEmail(
                    options.Name, options.Phone, options.BrandColour, options.EmailSignature, lead.FirstName, lead.Reference,
                    callAt, DateOnly.FromDateTime(clock.ClinicNow), null, manageUrl));
                break;
            case FollowUpKinds.CallInvite when toPatient:
                method = InviteMethod.Request;
                // The patient's copy is about the time: it names the clinic, not the clinician (ADR-015).
                rendered = await templates.RenderAsync(new PatientCallInviteEmail(
                    options.Name, options.Phone, options.BrandColour, options.EmailSignature, lead.FirstName, lead.Reference,
                    callAt, null, manageUrl, moved));
                break;
            case FollowUpKinds.CallInviteCancel when toPatient:
                method = InviteMethod.Cancel;
                rendered = await templates.RenderAsync(new PatientCallCancelledEmail(
                    options.Name, options.Phone, options.BrandColour, options.EmailSignature, lead.FirstName, lead.Reference,
                    callAt, lead.IsOpen, lead.IsOpen ? manageUrl : null));
                break;
            default:
                method = step.Kind == FollowUpKinds.CallInvite ? InviteMethod.Request : InviteMethod.Cancel;
                rendered = await templates.RenderAsync(new ClinicianCallInviteEmail(
                    clinician?.DisplayName ?? "Clinician", lead.Reference, callAt, links.Lead(lead.Reference), moved, method == InviteMethod.Cancel));
                break;
        }

        var message = new MimeMessage { Subject = rendered.Subject };
        message.To.Add(new MailboxAddress("", email.Recipient));
        if (method is not { } inviteMethod)
        {
            message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
            return message;
        }

        var organizer = MailboxAddress.Parse(emailOptions.Value.From);
        var invite = new CallInvite(
            inviteMethod,
            CallInviteCalendar.Uid(lead.Reference, organizer.Domain),
            sequence,
            step.MadeFor,
            TimeSpan.FromMinutes(clinician?.CallLengthMinutes ?? 15),
            options.TimeZone,
            options.Name,
            organizer.Address,
            email.Recipient,
            null,
            toPatient ? CallInviteText.PatientSummary(options.Name) : CallInviteText.ClinicianSummary(lead.Reference),
            toPatient
                ? CallInviteText.PatientDescription(options.Name, options.Phone, lead.IsOpen || inviteMethod == InviteMethod.Request ? manageUrl : null, inviteMethod)
                : CallInviteText.ClinicianDescription(links.Lead(lead.Reference)),
            toPatient ? null : links.Lead(lead.Reference),
            step.CompletedAt ?? clock.UtcNow);
        message.Body = CallInviteCalendar.Body(rendered, invite);
        return message;
    }

    private static Lead Needs(Lead? lead, OutboundEmail email) =>
        lead ?? throw new InvalidOperationException($"A '{email.Kind}' email is about a request, and this one has none.");

    private static async Task<string?> StaffNameAsync(LeadDbContext db, int? staffMemberId, CancellationToken cancellationToken) =>
        staffMemberId is { } id
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == id).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;

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

    private ReceptionRequest AboutRequest(Lead lead) => new(lead.Reference, lead.Triage, lead.Channel.ToString(), links.Lead(lead.Reference));
}
