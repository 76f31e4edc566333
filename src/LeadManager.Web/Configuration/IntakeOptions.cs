using Microsoft.Extensions.Options;

// Shared, not Intake's own: the API-key scheme (Auth) and the embed's frame-ancestors (Operations) read it too.
namespace LeadManager.Web.Configuration;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Keys the clinic's own website sends in X-Api-Key to post requests.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>The privacy notice version recorded with each consent; change it when the notice changes.</summary>
    public string PrivacyNoticeVersion { get; set; } = "2026-11";

    /// <summary>An open request from the same email or phone within this many days is asked again, not duplicated.</summary>
    public int DuplicateWindowDays { get; set; } = 30;

    /// <summary>A form sent faster than this was not filled in by a person.</summary>
    public int MinimumFillSeconds { get; set; } = 3;

    /// <summary>Form posts allowed per client address per window.</summary>
    public int FormPermitLimit { get; set; } = 5;

    public int FormWindowSeconds { get; set; } = 600;

    /// <summary>API posts allowed per API key per window.</summary>
    public int ApiPermitLimit { get; set; } = 60;

    public int ApiWindowSeconds { get; set; } = 60;

    /// <summary>The largest request body intake accepts.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Origins (scheme://host[:port]) whose pages may show /embed/request in an iframe and post it.</summary>
    public string[] EmbedOrigins { get; set; } = [];
}

internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var errors = new List<string>();
        if (options.ApiKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length < 12))
        {
            errors.Add("Intake:ApiKeys: every key must be at least 12 characters.");
        }

        if (string.IsNullOrWhiteSpace(options.PrivacyNoticeVersion) || options.PrivacyNoticeVersion.Length > 20)
        {
            errors.Add("Intake:PrivacyNoticeVersion is required (at most 20 characters).");
        }

        foreach (var origin in options.EmbedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || origin.EndsWith('/'))
            {
                errors.Add($"Intake:EmbedOrigins '{origin}' must be an origin like https://www.example-clinic.co.uk (scheme and host, no path).");
            }
        }

        foreach (var (key, value, min, max) in new[]
        {
            ("DuplicateWindowDays", options.DuplicateWindowDays, 0, 365),
            ("MinimumFillSeconds", options.MinimumFillSeconds, 0, 600),
            ("FormPermitLimit", options.FormPermitLimit, 1, 100_000),
            ("FormWindowSeconds", options.FormWindowSeconds, 1, 86_400),
            ("ApiPermitLimit", options.ApiPermitLimit, 1, 1_000_000),
            ("ApiWindowSeconds", options.ApiWindowSeconds, 1, 86_400),
            ("MaxRequestBodyBytes", options.MaxRequestBodyBytes, 4096, 10 * 1024 * 1024),
        })
        {
            if (value < min || value > max)
            {
                errors.Add($"Intake:{key} is {value}; it must be between {min} and {max}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
