using LeadManager.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LeadManager.IntegrationTests.Email;

public sealed class EmailSenderTests : IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new();
    private TestApp _smtpApp = null!;
    private TestApp _pickupApp = null!;

    public Task InitializeAsync()
    {
        _smtpApp = FollowUp.OutboxEmailTests.SmtpApp(_smtp.Port, new()
        {
            ["Demo:Seed"] = "false",
            ["Email:ReplyTo"] = "reception@clinic.test",
        });
        _pickupApp = new TestApp("Testing", new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Smtp_delivery_reaches_the_server_with_the_clinic_as_sender_and_reply_to()
    {
        var sender = _smtpApp.Services.GetRequiredService<EmailSender>();

        var messageId = await sender.SendAsync(Message("patient@example.com", "Your discovery call request"), CancellationToken.None);

        var received = await _smtp.WaitForMessageAsync(m => m.MessageId == messageId);
        Assert.Equal("Your discovery call request", received.Subject);
        Assert.Equal("hello@clinic.test", received.From.Mailboxes.Single().Address);
        Assert.Equal("Riverside Physiotherapy", received.From.Mailboxes.Single().Name);
        Assert.Equal("reception@clinic.test", received.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("patient@example.com", received.To.Mailboxes.Single().Address);
        Assert.Contains("what happens next", received.TextBody);
    }

    [Fact]
    public async Task Smtp_server_down_fails_the_send_so_the_outbox_can_retry()
    {
        await using var downApp = FollowUp.OutboxEmailTests.SmtpApp(port: 1, new()
        {
            ["Demo:Seed"] = "false",
            ["Email:Smtp:TimeoutSeconds"] = "2",
        });
        var sender = downApp.Services.GetRequiredService<EmailSender>();

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Message("patient@example.com", "Hello"), CancellationToken.None));
    }

    [Fact]
    public async Task Pickup_delivery_writes_an_eml_file_a_person_can_open()
    {
        var sender = _pickupApp.Services.GetRequiredService<EmailSender>();

        var messageId = await sender.SendAsync(Message("patient@example.com", "Your discovery call request"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_pickupApp.MailDirectory, "*.eml"));
        var written = await MimeMessage.LoadAsync(file);
        Assert.Equal(messageId, written.MessageId);
        Assert.Equal("Your discovery call request", written.Subject);
        Assert.Empty(Directory.GetFiles(_pickupApp.MailDirectory, "*.tmp"));
    }

    public async Task DisposeAsync()
    {
        await _smtpApp.DisposeAsync();
        await _pickupApp.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static MimeMessage Message(string to, string subject)
    {
        var message = new MimeMessage { Subject = subject };
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder
        {
            TextBody = "Thank you for your request. Here is what happens next.",
            HtmlBody = "<p>Thank you for your request. Here is what happens next.</p>",
        }.ToMessageBody();
        return message;
    }
}
