using Microsoft.Extensions.Options;

namespace LeadManager.Web.Configuration;

public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    public string Name { get; set; } = "";

    /// <summary>IANA id of the clinic's time zone. Times are stored in UTC and shown in this zone.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>The number patients are called from and can ring.</summary>
    public string Phone { get; set; } = "";

    /// <summary>The clinic's colour in emails (a #RRGGBB hex colour).</summary>
    public string BrandColour { get; set; } = "#1F6F78";

    /// <summary>How emails to patients are signed.</summary>
    public string EmailSignature { get; set; } = "The reception team";
}

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The app's public address, for links built outside a request (emails, jobs).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }

    /// <summary>One password for every demo account; published in the README, so never in Production.</summary>
    public string Password { get; set; } = "Physio-Demo-2026";
}

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

/// <summary>Creates the first admin on an empty production database (there is no self-registration).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string AdminEmail { get; set; } = "";
    public string AdminPassword { get; set; } = "";
}

internal sealed class ClinicOptionsValidator : IValidateOptions<ClinicOptions>
{
    public ValidateOptionsResult Validate(string? name, ClinicOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add("Clinic:Name is required: it appears on every page and email.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.BrandColour ?? "", "^#[0-9A-Fa-f]{6}$"))
        {
            errors.Add($"Clinic:BrandColour '{options.BrandColour}' must be a #RRGGBB colour, e.g. #1F6F78.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
        {
            errors.Add($"Clinic:TimeZone '{options.TimeZone}' is not a time zone this server knows. Use an IANA id such as Europe/London.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options) =>
        Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"App:PublicUrl '{options.PublicUrl}' must be an absolute http(s) address, e.g. https://calls.example-clinic.co.uk.");
}

internal sealed class DemoOptionsValidator(IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        if (options.Seed && environment.IsProduction())
        {
            return ValidateOptionsResult.Fail(
                "Demo:Seed is true in Production. Demo data creates accounts whose password is published in the README; set Demo:Seed to false for a live clinic.");
        }

        if (options.Seed && options.Password.Length < StaffPasswordRules.MinimumLength)
        {
            return ValidateOptionsResult.Fail($"Demo:Password must be at least {StaffPasswordRules.MinimumLength} characters.");
        }

        return ValidateOptionsResult.Success;
    }
}

internal sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AdminEmail))
        {
            return ValidateOptionsResult.Success;
        }

        return options.AdminPassword.Length >= StaffPasswordRules.MinimumLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Bootstrap:AdminPassword must be at least {StaffPasswordRules.MinimumLength} characters when Bootstrap:AdminEmail is set.");
    }
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

public static class StaffPasswordRules
{
    public const int MinimumLength = 12;
}

internal static class OptionsRegistration
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }
}
