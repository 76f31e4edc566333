using LeadManager.Web.Auth;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Database;

/// <summary>Creates the first admin on an empty production database (there is no self-registration).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string AdminEmail { get; set; } = "";
    public string AdminPassword { get; set; } = "";
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
