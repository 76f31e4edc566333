using MimeKit;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Email;

public enum EmailDelivery
{
    /// <summary>Send through the SMTP server in <c>Email:Smtp</c>.</summary>
    Smtp,

    /// <summary>Write each message as an .eml file (development): nothing leaves the machine.</summary>
    Pickup,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Smtp;

    /// <summary>Folder for <see cref="EmailDelivery.Pickup"/>; relative to the app's content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public string From { get; set; } = "";
    public string ReplyTo { get; set; } = "";

    /// <summary>Where "a new request arrived" notifications go.</summary>
    public string ReceptionAddress { get; set; } = "";

    public SmtpSettings Smtp { get; set; } = new();

    public sealed class SmtpSettings
    {
        public string Host { get; set; } = "";
        public int Port { get; set; } = 587;
        public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
        public string Username { get; set; } = "";
        public string Password { get; set; } = "";

        /// <summary>Give up on a connect or send after this long, so a dead server fails fast and the outbox retries.</summary>
        public int TimeoutSeconds { get; set; } = 30;
    }
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        RequireAddress(errors, "Email:From", options.From);
        RequireAddress(errors, "Email:ReceptionAddress", options.ReceptionAddress);
        if (!string.IsNullOrWhiteSpace(options.ReplyTo))
        {
            RequireAddress(errors, "Email:ReplyTo", options.ReplyTo);
        }

        if (options.Delivery == EmailDelivery.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                errors.Add("Email:Smtp:Host is required when Email:Delivery is Smtp.");
            }

            if (options.Smtp.Port is < 1 or > 65535)
            {
                errors.Add($"Email:Smtp:Port {options.Smtp.Port} is not a valid port (1-65535).");
            }

            if (string.IsNullOrEmpty(options.Smtp.Username) != string.IsNullOrEmpty(options.Smtp.Password))
            {
                errors.Add("Email:Smtp:Username and Email:Smtp:Password go together: set both or neither.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            errors.Add("Email:PickupDirectory is required when Email:Delivery is Pickup.");
        }

        if (options.Smtp.TimeoutSeconds is < 1 or > 600)
        {
            errors.Add("Email:Smtp:TimeoutSeconds must be between 1 and 600.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireAddress(List<string> errors, string key, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || !MailboxAddress.TryParse(value, out var address) || !address.Address.Contains('@'))
        {
            errors.Add($"{key} '{value}' is not an email address.");
        }
    }
}
