using Microsoft.Extensions.Options;

namespace LeadManager.Web.Configuration;

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>The app's public address, for links built outside a request (emails, jobs).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

internal sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options) =>
        Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"App:PublicUrl '{options.PublicUrl}' must be an absolute http(s) address, e.g. https://calls.example-clinic.co.uk.");
}
