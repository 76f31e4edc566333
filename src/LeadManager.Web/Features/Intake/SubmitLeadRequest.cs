using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Email;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Intake;

public sealed record SubmissionAccepted(
    /// <summary>The reference to show; null when it must not be shown to this submitter (see <see cref="SubmitLeadRequest"/>).</summary>
    string? Reference,
    TriageLevel Triage,
    int? SiteId,
    bool AskedAgain)
{
    /// <summary>The request this submission created or joined. For staff who entered it (phone, desk), never for the submitter.</summary>
    public string LeadReferenceForStaff { get; init; } = Reference ?? "";
}

/// <summary>
/// The one intake path (form, embedded form, API, and reception's phone and desk requests):
/// validate, screen, then in one transaction (through <see cref="IntakeWriter"/>, which may
/// share it with other submissions) either create the lead with its first timeline event and
/// the two outbox emails, or, when the same email or phone has an open request from the last
/// Intake:DuplicateWindowDays, add "asked again" to that request instead.
/// A repeat never reveals the existing request's reference to an address that is not on it.
/// </summary>
public sealed class SubmitLeadRequest(
    IntakeValidator validator,
    ActiveSites activeSites,
    IntakeWriter writer,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<EmailOptions> emailOptions,
    ILeadChangeNotifier changes,
    ILogger<SubmitLeadRequest> logger)
{
    private const int MaxAttempts = 5;

    /// <param name="enteredBy">
    /// The staff member who took the request on the phone or at the desk (channel Phone or
    /// WalkIn): the consents were given aloud to them, and reception is not emailed about a
    /// request it entered itself. Null for what patients send.
    /// </param>
    public async Task<(SubmissionAccepted? Accepted, IReadOnlyList<FieldError> Errors)> SubmitAsync(
        LeadSubmission input, LeadChannel channel, CancellationToken cancellationToken, Actor? enteredBy = null)
    {
        if ((channel is LeadChannel.Phone or LeadChannel.WalkIn) != (enteredBy is not null))
        {
            throw new ArgumentException("Phone and desk requests are entered by a staff member; patients' own requests are not.", nameof(enteredBy));
        }

        var sites = await activeSites.GetAsync(cancellationToken);
        var (valid, errors) = validator.Validate(input, sites, intakeOptions.Value.PrivacyNoticeVersion);
        if (valid is null)
        {
            return (null, errors);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var accepted = await SaveAsync(valid, channel, enteredBy);
                // The reference only: names, contact details and health details (the triage level too) stay out of logs.
                logger.LogInformation("Request {Outcome} via {Channel}: {Reference}",
                    accepted.AskedAgain ? "asked again" : "received", channel, accepted.Reference ?? "(not shown)");
                return (accepted, []);
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts && IsRetryable(exception))
            {
                // A reference collision, or another request for the same lead saved first: try again from fresh data.
                logger.LogInformation("Retrying intake save after a conflict (attempt {Attempt})", attempt);
            }
        }
    }

    // Not cancellable once queued: a patient whose connection dropped may still have been heard.
    private async Task<SubmissionAccepted> SaveAsync(ValidSubmission valid, LeadChannel channel, Actor? enteredBy)
    {
        var (accepted, change) = await writer.WriteAsync(new IntakeContact(valid.Email, valid.PhoneE164), batch => Stage(batch, valid, channel, enteredBy));
        await changes.PublishAsync(change, CancellationToken.None);
        return accepted;
    }

    // Runs in the writer's batch; it may run twice (alone after a failed batch), so it only reads and stages.
    private Func<(SubmissionAccepted, LeadChange)> Stage(IntakeBatch batch, ValidSubmission valid, LeadChannel channel, Actor? enteredBy)
    {
        var by = enteredBy ?? Actor.Patient;
        var now = batch.Now;
        var triage = valid.Triage;
        var reception = emailOptions.Value.ReceptionAddress;
        var existing = batch.OpenRequestFor(new IntakeContact(valid.Email, valid.PhoneE164));
        if (existing is not null)
        {
            var sameEmail = string.Equals(existing.Email, valid.Email, StringComparison.OrdinalIgnoreCase);
            existing.RecordRepeatRequest(channel, triage, valid.RedFlags, DescribeRepeat(valid, sameEmail), by, now);
            batch.PlanAgain(existing);
            if (enteredBy is null)
            {
                batch.AddEmail(OutboundEmailKinds.Due(existing, OutboundEmailKinds.ReceptionRepeatRequest, reception, now));
            }

            if (sameEmail)
            {
                batch.AddEmail(OutboundEmailKinds.Due(existing, OutboundEmailKinds.PatientConfirmation, existing.Email, now));
            }

            return () => (
                new SubmissionAccepted(sameEmail ? existing.Reference : null, existing.Triage, existing.PreferredSiteId ?? valid.SiteId, AskedAgain: true)
                {
                    LeadReferenceForStaff = existing.Reference,
                },
                new LeadChange(existing.Id, existing.Reference, LeadEventKind.AskedAgain, existing.Version));
        }

        var lead = Lead.Create(LeadReference.New(), channel, triage, by, now);
        lead.CallFor = valid.CallFor;
        lead.ContactPersonName = valid.ContactName;
        lead.FirstName = valid.FirstName;
        lead.LastName = valid.LastName;
        lead.Email = valid.Email;
        lead.Phone = valid.PhoneE164;
        lead.PreferredSiteId = valid.SiteId;
        lead.PreferredCallTimes = valid.PreferredTimes;
        lead.BodyArea = valid.BodyArea;
        lead.Concern = valid.Concern;
        lead.SymptomDuration = valid.Duration;
        lead.PreviousCare = valid.PreviousCare;
        lead.Funding = valid.Funding;
        lead.InsurerName = valid.Insurer;
        lead.HeardAbout = valid.HeardAbout;
        lead.RedFlags = valid.RedFlags;
        lead.ContactConsentAt = now;
        lead.HealthDataConsentAt = now;
        lead.MarketingConsent = valid.MarketingConsent;
        lead.MarketingConsentAt = valid.MarketingConsent ? now : null;
        lead.PrivacyNoticeVersion = valid.PrivacyNoticeVersion;
        lead.ConsentMethod = enteredBy is null ? ConsentMethod.Online : ConsentMethod.Verbal;
        lead.UtmSource = valid.UtmSource;
        lead.UtmMedium = valid.UtmMedium;
        lead.UtmCampaign = valid.UtmCampaign;
        batch.AddNew(lead);
        batch.AddEmail(OutboundEmailKinds.Due(lead, OutboundEmailKinds.PatientConfirmation, lead.Email, now));
        if (enteredBy is null)
        {
            batch.AddEmail(OutboundEmailKinds.Due(lead, OutboundEmailKinds.ReceptionNewRequest, reception, now));
        }

        return () => (
            new SubmissionAccepted(lead.Reference, triage, valid.SiteId, AskedAgain: false),
            new LeadChange(lead.Id, lead.Reference, LeadEventKind.Created, lead.Version));
    }

    // The new answers go on the existing request as a note (staff read it on the lead page, which is access-logged).
    private static string DescribeRepeat(ValidSubmission valid, bool sameEmail)
    {
        var lines = new List<string> { $"Asked again for {valid.FirstName} {valid.LastName}." };
        if (!sameEmail)
        {
            lines.Add($"Gave a different email: {valid.Email}. No confirmation was sent to it.");
        }

        lines.Add($"Phone: {valid.PhoneE164}");
        lines.Add($"What is going on: {valid.Concern}");
        return string.Join('\n', lines);
    }

    private static bool IsRetryable(DbUpdateException exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        { InnerException: SqliteException { SqliteErrorCode: 19 } sqlite } => sqlite.Message.Contains("Leads.Reference", StringComparison.Ordinal),
        { InnerException: Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 } sql } => sql.Message.Contains("IX_Leads_Reference", StringComparison.Ordinal),
        _ => false,
    };
}
