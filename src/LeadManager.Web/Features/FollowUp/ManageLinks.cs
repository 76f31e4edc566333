using System.Globalization;
using System.Security.Cryptography;
using LeadManager.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// The patient's manage link: /manage/{token}, where the token is signed, expiring and
/// bound to this one purpose (ASP.NET Core Data Protection), and names the request by id
/// and reference. No login; the link is the key, so it is only ever sent to the address on
/// the request.
/// </summary>
public sealed class ManageLinks(IDataProtectionProvider dataProtection, IOptions<AppOptions> app, IOptions<FollowUpOptions> options)
{
    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("LeadManager.ManageLink.v1").ToTimeLimitedDataProtector();

    public string CreateUrl(int leadId, string reference)
    {
        var token = _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{leadId}|{reference}"), TimeSpan.FromDays(options.Value.ManageLinkDays));
        return new Uri(new Uri(app.Value.PublicUrl), $"/manage/{Uri.EscapeDataString(token)}").ToString();
    }

    /// <summary>The request the token names, or null when it was tampered with or has expired.</summary>
    public (int LeadId, string Reference)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('|');
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (id, parts[1])
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
