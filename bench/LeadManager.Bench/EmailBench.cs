using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using LeadManager.TestSupport;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace LeadManager.Bench;

/// <summary>
/// From POST /api/leads to the patient's confirmation being accepted by an SMTP server on
/// 127.0.0.1 (commit, enqueue, Hangfire, claim, template, MailKit), at 1 and at 20
/// submissions a second, beside the floor: a bare MailKit send of a similar message to the
/// same server, timed the same way (start of the call until the server has accepted it).
/// </summary>
internal static class EmailBench
{
    public static async Task RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var directory = Path.Combine(Path.GetTempPath(), "leadmanager-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var smtp = new SmtpTestServer();
        var received = new ConcurrentDictionary<string, long>();
        smtp.MessageReceived += message =>
        {
            foreach (var to in message.To.Mailboxes)
            {
                received.TryAdd(to.Address, Stopwatch.GetTimestamp());
            }
        };
        try
        {
            await using var app = new IntakeBench.BenchApp(directory, new Dictionary<string, string>
            {
                ["Email:Delivery"] = "Smtp",
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
            });
            var address = app.Start();
            using var client = new HttpClient { BaseAddress = address };
            client.DefaultRequestHeaders.Add("X-Api-Key", IntakeBench.BenchApp.ApiKey);
            var n = 0;

            async Task<double> ThroughAppAsync()
            {
                var i = Interlocked.Increment(ref n);
                var body = IntakeBench.ApiBody(i);
                var email = (string)body["email"]!;
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/api/leads", body);
                response.EnsureSuccessStatusCode();
                while (!received.ContainsKey(email))
                {
                    await Task.Delay(1);
                }

                return Stopwatch.GetElapsedTime(started, received[email]).TotalMilliseconds;
            }

            async Task<double> BareMailKitAsync()
            {
                var i = Interlocked.Increment(ref n);
                var email = $"floor{i}@example.com";
                var message = new MimeMessage { Subject = "Your discovery call request DC-XXXXXX" };
                message.From.Add(MailboxAddress.Parse("hello@clinic.test"));
                message.To.Add(MailboxAddress.Parse(email));
                message.Body = new BodyBuilder { TextBody = "Thank you for your request.", HtmlBody = "<p>Thank you for your request.</p>" }.ToMessageBody();
                var started = Stopwatch.GetTimestamp();
                using var mail = new SmtpClient();
                await mail.ConnectAsync("127.0.0.1", smtp.Port, SecureSocketOptions.None);
                await mail.SendAsync(message);
                await mail.DisconnectAsync(true);
                return Stopwatch.GetElapsedTime(started, received[email]).TotalMilliseconds;
            }

            for (var i = 0; i < 20; i++)
            {
                await ThroughAppAsync();
                await BareMailKitAsync();
            }

            Console.WriteLine($"{seconds} s per rate; {Environment.ProcessorCount} cores; .NET {Environment.Version}; app, SMTP server and load in one process over loopback.");
            Console.WriteLine();
            Console.WriteLine("| Path | Rate | p50 | p95 | max |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var rate in new[] { 1, 20 })
            {
                foreach (var (name, run) in new (string, Func<Task<double>>)[] { ("Floor: bare MailKit send", BareMailKitAsync), ("Submission to confirmation accepted", ThroughAppAsync) })
                {
                    var samples = await PaceAsync(run, rate, seconds);
                    Console.WriteLine($"| {name} | {rate}/s | {samples[samples.Length / 2]:F1} ms | {samples[(int)(samples.Length * 0.95)]:F1} ms | {samples[^1]:F1} ms |");
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<double[]> PaceAsync(Func<Task<double>> run, int perSecond, int seconds)
    {
        var count = perSecond * seconds;
        var tasks = new List<Task<double>>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            tasks.Add(Task.Run(run));
        }

        var samples = await Task.WhenAll(tasks);
        Array.Sort(samples);
        return samples;
    }
}
