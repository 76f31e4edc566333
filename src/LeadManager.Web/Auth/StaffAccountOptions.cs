using System.Globalization;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Auth;

/// <summary>How long the links in a staff member's account emails work (the invite and the password reset).</summary>
public sealed class StaffAccountOptions
{
    public const string Section = "Staff";

    public const int MaxInviteLinkDays = 30;
    public const int MaxPasswordResetLinkHours = 72;

    /// <summary>Days an invite's "choose your password" link works, counted from when the email was sent.</summary>
    public int InviteLinkDays { get; set; } = 7;

    /// <summary>Hours a password-reset link works, counted from when the email was sent.</summary>
    public int PasswordResetLinkHours { get; set; } = 24;

    public TimeSpan InviteLinkLifetime => TimeSpan.FromDays(InviteLinkDays);

    public TimeSpan PasswordResetLinkLifetime => TimeSpan.FromHours(PasswordResetLinkHours);

    /// <summary>A lifetime as the emails say it: "7 days", "24 hours", "36 hours", "1 hour".</summary>
    public static string Describe(TimeSpan lifetime)
    {
        if (lifetime.TotalHours % 24 == 0 && lifetime.TotalDays >= 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)lifetime.TotalDays} days");
        }

        var hours = (int)lifetime.TotalHours;
        return hours == 1 ? "1 hour" : string.Create(CultureInfo.InvariantCulture, $"{hours} hours");
    }
}

internal sealed class StaffAccountOptionsValidator : IValidateOptions<StaffAccountOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffAccountOptions options)
    {
        var failures = new List<string>();
        if (options.InviteLinkDays is < 1 or > StaffAccountOptions.MaxInviteLinkDays)
        {
            failures.Add($"Staff:InviteLinkDays must be from 1 to {StaffAccountOptions.MaxInviteLinkDays} (days an invite link works); it is {options.InviteLinkDays}.");
        }

        if (options.PasswordResetLinkHours is < 1 or > StaffAccountOptions.MaxPasswordResetLinkHours)
        {
            failures.Add($"Staff:PasswordResetLinkHours must be from 1 to {StaffAccountOptions.MaxPasswordResetLinkHours} (hours a password-reset link works); it is {options.PasswordResetLinkHours}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
