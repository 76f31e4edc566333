using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LeadManager.Web.Email;

/// <summary>
/// The one way mail leaves the app: MailKit's SmtpClient, or an .eml file per message in the
/// pickup folder. Callers (the outbox jobs) build the message; this fills in From and Reply-To
/// from configuration and returns the Message-Id it went out with.
/// </summary>
public sealed class EmailSender(IOptions<EmailOptions> options, IHostEnvironment environment, ILogger<EmailSender> logger)
{
    private readonly EmailOptions _options = options.Value;

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(_options.From));
        }

        if (message.ReplyTo.Count == 0 && !string.IsNullOrWhiteSpace(_options.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(_options.ReplyTo));
        }

        // Our own domain, not the server's host name (MimeKit's default).
        var domain = message.From.Mailboxes.First().Domain;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(string.IsNullOrEmpty(domain) ? "leadmanager.local" : domain);

        if (_options.Delivery == EmailDelivery.Pickup)
        {
            try
            {
                await WriteToPickupAsync(message, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new EmailDeliveryException(EmailDeliveryFailure.NotSentTryAgain, $"Could not write to the pickup folder: {exception.Message}", exception);
            }
        }
        else
        {
            await SendViaSmtpAsync(message, cancellationToken);
        }

        // The recipient and subject are not logged: both can identify a patient.
        logger.LogInformation("Email {MessageId} delivered via {Delivery}", message.MessageId, _options.Delivery);
        return message.MessageId;
    }

    public string PickupDirectoryPath => Path.GetFullPath(_options.PickupDirectory, environment.ContentRootPath);

    private async Task WriteToPickupAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var directory = PickupDirectoryPath;
        Directory.CreateDirectory(directory);
        var fileName = $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml";
        var finalPath = Path.Combine(directory, fileName);
        var temporaryPath = finalPath + ".tmp";
        // Written aside then moved, so nobody opens a half-written message.
        await message.WriteToAsync(temporaryPath, cancellationToken);
        File.Move(temporaryPath, finalPath);
    }

    private async Task SendViaSmtpAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = _options.Smtp;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };

        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing was handed over: safe to try again later.
            throw new EmailDeliveryException(EmailDeliveryFailure.NotSentTryAgain, $"Could not reach the mail server: {exception.Message}", exception);
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException exception)
        {
            // The server answered and refused: the message was not accepted.
            var permanent = (int)exception.StatusCode >= 500;
            throw new EmailDeliveryException(
                permanent ? EmailDeliveryFailure.Refused : EmailDeliveryFailure.NotSentTryAgain,
                $"The mail server refused it ({(int)exception.StatusCode}): {exception.Message}",
                exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The connection broke mid-conversation: the server may already have the message.
            throw new EmailDeliveryException(EmailDeliveryFailure.Uncertain, $"The connection broke while sending: {exception.Message}", exception);
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The server accepted the message; a failed goodbye changes nothing.
            logger.LogDebug(exception, "SMTP disconnect failed after a successful send");
        }
    }
}

public enum EmailDeliveryFailure
{
    /// <summary>Nothing was handed over (server unreachable, or a 4xx answer): try again later.</summary>
    NotSentTryAgain,

    /// <summary>The server refused it for good (5xx): retrying would only repeat the refusal.</summary>
    Refused,

    /// <summary>The conversation broke after the message may have been handed over: a person decides.</summary>
    Uncertain,
}

public sealed class EmailDeliveryException(EmailDeliveryFailure failure, string message, Exception inner)
    : Exception(message, inner)
{
    public EmailDeliveryFailure Failure { get; } = failure;
}
