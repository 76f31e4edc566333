using Microsoft.Extensions.Options;

namespace LeadManager.Web.LiveUpdates;

public sealed class LiveUpdatesOptions
{
    public const string Section = "LiveUpdates";

    public LiveUpdatesMode Mode { get; set; } = LiveUpdatesMode.InProcess;

    /// <summary>How often each server reads the change sequence in DatabasePolling mode.</summary>
    public int PollIntervalMilliseconds { get; set; } = 250;

    /// <summary>Change rows older than this are deleted; a server that was down longer just reloads.</summary>
    public int RetentionMinutes { get; set; } = 60;
}

internal sealed class LiveUpdatesOptionsValidator : IValidateOptions<LiveUpdatesOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveUpdatesOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add("LiveUpdates:Mode must be InProcess (one app server) or DatabasePolling (several servers sharing one database).");
        }

        if (options.PollIntervalMilliseconds is < 50 or > 5000)
        {
            errors.Add($"LiveUpdates:PollIntervalMilliseconds is {options.PollIntervalMilliseconds}; it must be between 50 and 5000 (pages should update within a second).");
        }

        if (options.RetentionMinutes is < 1 or > 10_080)
        {
            errors.Add($"LiveUpdates:RetentionMinutes is {options.RetentionMinutes}; it must be between 1 and 10080.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
