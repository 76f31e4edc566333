using Microsoft.Extensions.Options;

namespace LeadManager.Web.Auth;

/// <summary>
/// How many sign-in posts are taken per minute, on top of Identity's lockout (5 wrong passwords
/// lock an account for 15 minutes). Reading the sign-in page is never counted.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Posts per client address per minute. A whole clinic behind one address signs in well under this.</summary>
    public int PermitPerAddressPerMinute { get; set; } = 30;

    /// <summary>Posts per account (the email typed, however it is cased) per minute, from any number of addresses.</summary>
    public int PermitPerAccountPerMinute { get; set; } = 10;
}

internal sealed class SignInThrottleOptionsValidator : IValidateOptions<SignInThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInThrottleOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, value) in new[]
        {
            (nameof(SignInThrottleOptions.PermitPerAddressPerMinute), options.PermitPerAddressPerMinute),
            (nameof(SignInThrottleOptions.PermitPerAccountPerMinute), options.PermitPerAccountPerMinute),
        })
        {
            if (value is < 1 or > 100_000)
            {
                errors.Add($"{SignInThrottleOptions.Section}:{key} is {value}; it must be between 1 and 100000.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
