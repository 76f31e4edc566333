using LeadManager.Web.Auth;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }

    /// <summary>One password for every demo account; published in the README, so never in Production.</summary>
    public string Password { get; set; } = "Physio-Demo-2026";
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
