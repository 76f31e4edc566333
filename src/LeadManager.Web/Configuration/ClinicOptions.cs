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
