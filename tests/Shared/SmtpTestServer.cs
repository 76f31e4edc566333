using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LeadManager.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps every message MailKit
/// sends it, so tests read what a patient or reception would receive.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public SmtpTestServer(int? port = null, Func<string, bool>? acceptsRecipient = null)
    {
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        if (acceptsRecipient is not null)
        {
            services.Add(new RecipientFilter(acceptsRecipient));
        }

        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Answer this many messages with 452 (a temporary refusal) before accepting any.</summary>
    public int TemporaryRefusals
    {
        get => _store.TemporaryRefusals;
        set => _store.TemporaryRefusals = value;
    }

    public int RefusedCount => _store.RefusedCount;

    /// <summary>Raised as each message is accepted (benchmarks time delivery with it).</summary>
    public event Action<MimeMessage>? MessageReceived
    {
        add => _store.MessageReceived += value;
        remove => _store.MessageReceived -= value;
    }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    /// <summary>Waits for a condition on the received mail instead of sleeping.</summary>
    public Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(
            () => Task.FromResult(_store.Messages.FirstOrDefault(match)),
            "a matching email",
            timeout ?? TimeSpan.FromSeconds(30),
            () => $"{_store.Messages.Count} other email(s) arrived.");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecipientFilter(Func<string, bool> accepts) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, SmtpServer.Mail.IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        // false answers 550: a permanent refusal.
        public Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(accepts($"{to.User}@{to.Host}"));
    }

    private sealed class Store : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _messages = new();
        private int _temporaryRefusals;
        private int _refused;

        public int TemporaryRefusals
        {
            get => Volatile.Read(ref _temporaryRefusals);
            set => Volatile.Write(ref _temporaryRefusals, value);
        }

        public int RefusedCount => Volatile.Read(ref _refused);

        public IReadOnlyCollection<MimeMessage> Messages => _messages.ToArray();

        public event Action<MimeMessage>? MessageReceived;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _temporaryRefusals) >= 0)
            {
                Interlocked.Increment(ref _refused);
                return new SmtpResponse(SmtpReplyCode.InsufficientStorage, "Mailbox full, try again later");
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            _messages.Enqueue(message);
            MessageReceived?.Invoke(message);
            return SmtpResponse.Ok;
        }
    }
}
