using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.FollowUp;

public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>How long a job holds a claimed row; longer than an SMTP timeout, so a live send is never taken over.</summary>
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>The schedule when FollowUp:RetryDelaysSeconds is not set.</summary>
    public static readonly int[] DefaultRetryDelaysSeconds = [30, 120, 600, 1800, 3600];

    /// <summary>
    /// Waits before each retry of an email that could not be handed over; the last repeats until
    /// <see cref="GiveUpAfterHours"/>. Empty here on purpose: the configuration binder appends to
    /// an array's initial items instead of replacing them.
    /// </summary>
    public int[] RetryDelaysSeconds { get; set; } = [];

    /// <summary>After this long without success an email is marked Failed for a person to look at.</summary>
    public int GiveUpAfterHours { get; set; } = 24;

    /// <summary>How long the patient's manage link works.</summary>
    public int ManageLinkDays { get; set; } = 90;

    /// <summary>
    /// False runs this instance without background processing: requests are still taken and
    /// emails queued in the outbox, but nothing is sent until an instance with it true runs
    /// (a web-only instance, or the crash drill's "commit, then die before sending").
    /// </summary>
    public bool ProcessJobs { get; set; } = true;

    /// <summary>Hangfire workers; sends are I/O-bound, so a few per core.</summary>
    public int Workers { get; set; } = 4;

    public TimeSpan RetryDelay(int attempts)
    {
        var delays = RetryDelaysSeconds.Length == 0 ? DefaultRetryDelaysSeconds : RetryDelaysSeconds;
        return TimeSpan.FromSeconds(delays[Math.Clamp(attempts - 1, 0, delays.Length - 1)]);
    }
}

internal sealed class FollowUpOptionsValidator : IValidateOptions<FollowUpOptions>
{
    public ValidateOptionsResult Validate(string? name, FollowUpOptions options)
    {
        var errors = new List<string>();
        if (options.ClaimSeconds is < 10 or > 3600)
        {
            errors.Add("FollowUp:ClaimSeconds must be between 10 and 3600.");
        }

        if (options.RetryDelaysSeconds.Any(d => d < 1))
        {
            errors.Add("FollowUp:RetryDelaysSeconds must all be at least 1.");
        }

        if (options.GiveUpAfterHours is < 1 or > 168)
        {
            errors.Add("FollowUp:GiveUpAfterHours must be between 1 and 168.");
        }

        if (options.ManageLinkDays is < 1 or > 730)
        {
            errors.Add("FollowUp:ManageLinkDays must be between 1 and 730.");
        }

        if (options.Workers is < 1 or > 64)
        {
            errors.Add("FollowUp:Workers must be between 1 and 64.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
