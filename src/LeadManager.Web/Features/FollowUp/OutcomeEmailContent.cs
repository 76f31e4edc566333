using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Invites;
using LeadManager.Web.Email.Messages.PatientAssessmentBooked;
using LeadManager.Web.Email.Messages.PatientCancellationConfirmed;
using LeadManager.Web.Email.Messages.PatientNoResponse;
using LeadManager.Web.Email.Messages.PatientNotInterested;
using LeadManager.Web.Email.Messages.PatientNotSuitable;
using LeadManager.Web.Email.Messages.PatientReferredElsewhere;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// What the emails a request's ending sends the patient say (<see cref="OutcomeEmails"/> decides
/// which goes): the composer hands each such row here. They are built from the clinic's settings,
/// the patient's first name and reference, and for a booking the booking and its site; never from
/// the concern, the red-flag answers, the referral or its note.
/// </summary>
public sealed class OutcomeEmailContent(
    EmailTemplates templates,
    IOptions<ClinicOptions> clinic,
    ClinicClock clock,
    IOptions<AppOptions> app,
    IOptions<EmailOptions> emailOptions,
    IOptionsMonitor<WorkflowOptions> workflow)
{
    // Read once per send (this is scoped), so the words "an invite is attached" and the invite agree.
    private readonly WorkflowOptions _workflow = workflow.CurrentValue;

    public async Task<RenderedEmail> RenderAsync(LeadDbContext db, OutboundEmail email, Lead lead, CancellationToken cancellationToken)
    {
        var c = clinic.Value;
        var requestUrl = new Uri(new Uri(app.Value.PublicUrl), "/request").ToString();
        return email.Kind switch
        {
            OutboundEmailKinds.PatientAssessmentBooked => await templates.RenderAsync(await BookedAsync(db, email, lead, cancellationToken)),
            OutboundEmailKinds.PatientNotSuitable => await templates.RenderAsync(new PatientNotSuitableEmail(c.Name, c.Phone, c.BrandColour, c.EmailSignature, lead.FirstName, lead.Reference, requestUrl)),
            OutboundEmailKinds.PatientReferredElsewhere => await templates.RenderAsync(new PatientReferredElsewhereEmail(c.Name, c.Phone, c.BrandColour, c.EmailSignature, lead.FirstName, lead.Reference, requestUrl)),
            OutboundEmailKinds.PatientNotInterested => await templates.RenderAsync(new PatientNotInterestedEmail(c.Name, c.Phone, c.BrandColour, c.EmailSignature, lead.FirstName, lead.Reference, requestUrl)),
            OutboundEmailKinds.PatientCancellationConfirmed => await templates.RenderAsync(new PatientCancellationConfirmedEmail(c.Name, c.Phone, c.BrandColour, c.EmailSignature, lead.FirstName, lead.Reference, requestUrl)),
            OutboundEmailKinds.PatientNoResponse => await templates.RenderAsync(new PatientNoResponseEmail(c.Name, c.Phone, c.BrandColour, c.EmailSignature, lead.FirstName, lead.Reference, requestUrl)),
            _ => throw new InvalidOperationException($"'{email.Kind}' is not an outcome email."),
        };
    }

    /// <summary>
    /// With <c>Workflow:AssessmentInvite</c> on, replaces a booked-assessment email's body with one
    /// that carries the assessment's invite; any other email is left as it is.
    /// </summary>
    public async Task AttachAssessmentInviteAsync(LeadDbContext db, OutboundEmail email, Lead? lead, RenderedEmail rendered, MimeMessage message, CancellationToken cancellationToken)
    {
        if (email.Kind != OutboundEmailKinds.PatientAssessmentBooked || lead is null || !_workflow.AssessmentInvite)
        {
            return;
        }

        var (booking, sequence) = await BookingAsync(db, email, lead, cancellationToken);
        var c = clinic.Value;
        var organizer = MailboxAddress.Parse(emailOptions.Value.From);
        var site = booking.Site!;
        var phone = string.IsNullOrWhiteSpace(site.Phone) ? c.Phone : AsDialled(site.Phone);
        var where = string.Join(", ", new[] { site.Name, PatientAssessmentBookedEmail.OneLine(site.Address) }.Where(p => p.Length > 0));
        var description = $"Your assessment with {c.Name} at {where}."
            + (_workflow.AssessmentWhatToBring.Length > 0 ? $"\nPlease bring: {_workflow.AssessmentWhatToBring}" : "")
            + (booking.PracticeSystemReference is { } practice ? $"\nBooking reference: {practice}" : "")
            + "\nReplying to this invite changes nothing: to change or cancel the assessment "
            + (phone.Length > 0 ? $"phone {phone}." : $"contact {c.Name}.");
        var invite = new CallInvite(
            InviteMethod.Request,
            AssessmentUid(lead.Reference, organizer.Domain),
            sequence,
            booking.StartsAt,
            _workflow.AssessmentLength,
            c.TimeZone,
            c.Name,
            organizer.Address,
            email.Recipient,
            null,
            $"Assessment at {c.Name}",
            description,
            null,
            email.CreatedAt);
        message.Body = CallInviteCalendar.Body(rendered, invite);
    }

    /// <summary>
    /// The assessment's UID: one per request, apart from its discovery call's, so a request reopened
    /// and booked again moves the event it already put in the calendar rather than adding another.
    /// </summary>
    public static string AssessmentUid(string leadReference, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leadReference);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return $"assessment-{leadReference}@{domain.ToLowerInvariant()}";
    }

    private async Task<PatientAssessmentBookedEmail> BookedAsync(LeadDbContext db, OutboundEmail email, Lead lead, CancellationToken cancellationToken)
    {
        var (booking, _) = await BookingAsync(db, email, lead, cancellationToken);
        var c = clinic.Value;
        var site = booking.Site!;
        return new PatientAssessmentBookedEmail(
            c.Name, c.Phone, c.BrandColour, c.EmailSignature, lead.FirstName, lead.Reference,
            clock.ToClinicTime(booking.StartsAt), site.Name, site.Address, AsDialled(site.Phone),
            _workflow.AssessmentWhatToBring, booking.PracticeSystemReference, _workflow.AssessmentInvite);
    }

    // A site's number is stored as E.164 (+441632960001); a patient dials "01632 960001".
    private static string AsDialled(string phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "";
        }

        try
        {
            var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
            var number = util.Parse(phone, "GB");
            return util.Format(number, number.CountryCode == 44 ? PhoneNumbers.PhoneNumberFormat.NATIONAL : PhoneNumbers.PhoneNumberFormat.INTERNATIONAL);
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return phone;
        }
    }

    // The booking the email was written for: the latest made by then, so a later one never changes what an earlier email says.
    // Its sequence counts the request's earlier bookings.
    private static async Task<(AssessmentBooking Booking, int Sequence)> BookingAsync(LeadDbContext db, OutboundEmail email, Lead lead, CancellationToken cancellationToken)
    {
        var bookings = await db.AssessmentBookings.AsNoTracking()
            .Include(b => b.Site)
            .Where(b => b.LeadId == lead.Id && b.BookedAt <= email.CreatedAt)
            .OrderBy(b => b.Id)
            .ToListAsync(cancellationToken);
        return bookings.Count > 0 && bookings[^1].Site is not null
            ? (bookings[^1], bookings.Count - 1)
            : throw new InvalidOperationException($"A '{email.Kind}' email is about an assessment booking, and request {lead.Reference} has none.");
    }
}
