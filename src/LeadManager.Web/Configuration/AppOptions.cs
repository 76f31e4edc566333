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
    public ValidateOptionsResult Validate(string? name, IntakeOptions options) =>
        options.ApiKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length < 12)
            ? ValidateOptionsResult.Fail("Intake:ApiKeys: every key must be at least 12 characters.")
            : ValidateOptionsResult.Success;
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
