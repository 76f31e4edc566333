using Microsoft.Extensions.Options;

namespace LeadManager.Web.Scheduling;

public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>A new request should be assigned within this much of its site's opening time.</summary>
    public TimeSpan AssignWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>An assigned request should get its first call within this much opening time of being assigned.</summary>
    public TimeSpan FirstContactWithin { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var errors = new List<string>();
        if (options.AssignWithin <= TimeSpan.Zero || options.AssignWithin > TimeSpan.FromDays(7))
        {
            errors.Add($"Workflow:AssignWithin is {options.AssignWithin}; give a time between 00:01:00 and 7.00:00:00 (hh:mm:ss of opening time).");
        }

        if (options.FirstContactWithin <= TimeSpan.Zero || options.FirstContactWithin > TimeSpan.FromDays(7))
        {
            errors.Add($"Workflow:FirstContactWithin is {options.FirstContactWithin}; give a time between 00:01:00 and 7.00:00:00 (hh:mm:ss of opening time).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
