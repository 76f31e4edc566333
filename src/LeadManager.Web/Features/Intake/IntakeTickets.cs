using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LeadManager.Data.Leads;
using Microsoft.AspNetCore.DataProtection;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Signed, expiring tokens for the public form (ASP.NET Core Data Protection): the form
/// ticket says when the form was served (the minimum fill time), and the receipt carries
/// what the confirmation page may show after post/redirect/get, without a database id in
/// the address and without letting anyone look up someone else's request.
/// </summary>
public sealed class IntakeTickets(IDataProtectionProvider dataProtection, TimeProvider timeProvider)
{
    public static readonly TimeSpan FormTicketLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan ReceiptLifetime = TimeSpan.FromHours(2);

    private readonly ITimeLimitedDataProtector _formTickets =
        dataProtection.CreateProtector("LeadManager.Intake.FormTicket.v1").ToTimeLimitedDataProtector();

    private readonly ITimeLimitedDataProtector _receipts =
        dataProtection.CreateProtector("LeadManager.Intake.Receipt.v1").ToTimeLimitedDataProtector();

    public string IssueFormTicket() =>
        _formTickets.Protect(timeProvider.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture), FormTicketLifetime);

    /// <summary>When the form was served, or null when the ticket is missing, tampered with or expired.</summary>
    public DateTimeOffset? ReadFormTicket(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            var ticks = long.Parse(_formTickets.Unprotect(ticket), CultureInfo.InvariantCulture);
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or OverflowException)
        {
            return null;
        }
    }

    public string IssueReceipt(SubmissionAccepted accepted) =>
        _receipts.Protect(JsonSerializer.Serialize(new Receipt(accepted.Reference, accepted.Triage, accepted.SiteId)), ReceiptLifetime);

    public Receipt? ReadReceipt(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Receipt>(_receipts.Unprotect(token));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public sealed record Receipt(string? Reference, TriageLevel Triage, int? SiteId);
}
