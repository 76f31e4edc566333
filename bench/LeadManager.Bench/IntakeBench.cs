using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadManager.Bench;

/// <summary>
/// Submissions per second and latency through POST /api/leads and through the public form
/// (antiforgery, ticket, validation, screening, duplicate check, lead + event + two outbox
/// rows in one transaction), on the embedded default (SQLite file, WAL), beside the floor: a
/// bare minimal-API endpoint in the same process that inserts one row into a SQLite file with
/// the same durability. Both servers run on Kestrel on 127.0.0.1; the load comes from this
/// process over loopback. Two measures per target: saturated throughput (N concurrent
/// clients) and latency at a fixed 20 submissions per second.
/// </summary>
internal static partial class IntakeBench
{
    public static async Task RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var requests = Argument(args, "--requests", 1500);
        var concurrency = Argument(args, "--concurrency", 8);
        var pacedSeconds = Argument(args, "--paced-seconds", 10);
        var warmUp = Argument(args, "--warm-up", 3000);  // the least; see WarmUpAsync
        var roundCount = Argument(args, "--rounds", 3);
        var directory = Path.Combine(Path.GetTempPath(), "leadmanager-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = new BenchApp(directory);
            var appAddress = app.Start();
            await using var floor = await FloorServer.StartAsync(Path.Combine(directory, "floor.db"), Path.Combine(directory, "schema.db"));

            var results = new List<(string Name, Throughput Saturated, Latency Paced)>();

            var counter = 0;
            Func<int> next = () => Interlocked.Increment(ref counter);

            var floorTarget = new FloorTarget(floor.Address, "/floor");
            var schemaTarget = new FloorTarget(floor.Address, "/by-hand");
            var apiTarget = new ApiTarget(appAddress);
            var formTarget = new FormTarget(appAddress);
            var directTarget = new DirectTarget(app.Services);
            // `--only api` (or form) measures one path after the floor, e.g. under a profiler.
            var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
            var targets = new (string Name, ITarget Target)[]
                {
                    ("Floor: minimal API, one INSERT", floorTarget),
                    ("Reference: the app's rows by hand (duplicate check + 4 INSERTs, real schema)", schemaTarget),
                    ("POST /api/leads", apiTarget),
                    ("Form POST /request", formTarget),
                    ("SubmitLeadRequest called in-process (no HTTP)", directTarget),
                }
                .Where(t => only is null || t.Target is FloorTarget || t.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
                .ToArray();

            // Until the JIT has settled: the tiered compiler recompiles hot methods in the
            // background, which a server running for days has long finished. For the app that
            // takes about 20,000 requests: after 3,000 the JIT still took a seventh of the CPU.
            // Every target is warmed before any is measured, as they share code and the process.
            var warmedWith = new List<int>();
            foreach (var (_, target) in targets)
            {
                warmedWith.Add(await WarmUpAsync(target, next, warmUp, concurrency));
            }

            // Interleaved rounds, the median round reported: the machine's pace drifts by a
            // quarter between runs minutes apart, and each target should see the same drift.
            var rounds = targets.ToDictionary(t => t.Target, _ => new List<Throughput>());
            for (var round = 0; round < roundCount; round++)
            {
                foreach (var (_, target) in targets)
                {
                    rounds[target].Add(await SaturateAsync(target, next, requests, concurrency));
                }
            }

            foreach (var (name, target) in targets)
            {
                // The median round's figures, but every round's errors: one failing round must show.
                var median = rounds[target].OrderBy(r => r.PerSecond).ElementAt(roundCount / 2) with { Errors = rounds[target].Sum(r => r.Errors) };
                results.Add((name, median, await PaceAsync(target, next, 20, TimeSpan.FromSeconds(pacedSeconds))));
            }

            Console.WriteLine($"Warm-up until the JIT settled: {string.Join(", ", warmedWith.Select(w => w.ToString("N0", CultureInfo.InvariantCulture)))} requests per target; then {roundCount} interleaved rounds of {requests} requests per target at {concurrency} concurrent clients (median round shown); then {pacedSeconds} s at 20 submissions/s. {Environment.ProcessorCount} cores; .NET {Environment.Version}; server and load in one process over loopback.");
            // A discarded post (honeypot, fill time) is answered like a success: count what was stored.
            await using (var db = await app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LeadManager.Data.LeadDbContext>>().CreateDbContextAsync())
            {
                var stored = System.Linq.Queryable.Count(db.Leads, l => l.FirstName == "Bench");
                Console.WriteLine($"The app answered {AppTargets.Accepted} submissions as accepted and stored {stored} requests.");
                if (stored != AppTargets.Accepted)
                {
                    throw new InvalidOperationException("Some submissions answered as accepted were not stored: the figures below would not be real.");
                }
            }

            Console.WriteLine();
            Console.WriteLine("| Target | Throughput (saturated) | Errors | p50 at 20/s | p95 at 20/s | Throughput vs floor | CPU per request | CPU busy | Mean batch | Writer busy | Allocated per request | Gen-2 GCs per 1,000 |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var floorRate = results[0].Saturated.PerSecond;
            foreach (var (name, saturated, paced) in results)
            {
                Console.WriteLine($"| {name} | {saturated.PerSecond:F0} /s | {saturated.Errors + paced.Errors} | {paced.P50:F1} ms | {paced.P95:F1} ms | {saturated.PerSecond / floorRate:P0} | {saturated.CpuMsPerRequest:F2} ms | {saturated.CpuBusy:P0} | {(saturated.MeanBatch is { } batch ? $"{batch:F1}" : "–")} | {(saturated.WriterBusy is { } busy ? $"{busy:P0}" : "–")} | {saturated.AllocatedKiBPerRequest:F0} KiB | {saturated.Gen2PerThousand:F1} |");
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

    /// <summary>
    /// Runs chunks of requests until one chunk spends under 1% of its time in the JIT (at least
    /// <paramref name="minimum"/> requests, at most 60,000), and returns how many it took.
    /// </summary>
    private static async Task<int> WarmUpAsync(ITarget target, Func<int> next, int minimum, int concurrency)
    {
        const int Chunk = 1000;
        var sent = 0;
        while (sent < 60_000)
        {
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var clock = Stopwatch.StartNew();
            await SaturateAsync(target, next, Chunk, concurrency);
            sent += Chunk;
            if (sent >= minimum && System.Runtime.JitInfo.GetCompilationTime() - jitBefore < clock.Elapsed / 100)
            {
                break;
            }
        }

        return sent;
    }

    private static async Task<Throughput> SaturateAsync(ITarget target, Func<int> next, int total, int concurrency)
    {
        var writer = IntakeWriterWatch.Start();
        var remaining = total;
        var errors = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gen2Before = GC.CollectionCount(2);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (!await target.SubmitAsync(next()))
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        // Whole process (load, server and floor share it), so only the difference between rows means anything.
        return new Throughput(total / elapsed.TotalSeconds, errors,
            (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / 1024.0 / total,
            (GC.CollectionCount(2) - gen2Before) * 1000.0 / total,
            cpu.TotalMilliseconds / total,
            cpu / elapsed / Environment.ProcessorCount,
            writer.Batches == 0 ? null : (double)writer.Submissions / writer.Batches,
            writer.Batches == 0 ? null : writer.WritingMs / elapsed.TotalMilliseconds);
    }

    private static async Task<Latency> PaceAsync(ITarget target, Func<int> next, int perSecond, TimeSpan duration)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var samples = new double[count];
        var errors = 0;
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            // Open-loop: each submission starts on schedule whether or not the previous one finished.
            var due = start + (long)(interval.TotalSeconds * i * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var began = Stopwatch.GetTimestamp();
                if (!await target.SubmitAsync(next()))
                {
                    Interlocked.Increment(ref errors);
                }

                samples[index] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(tasks);
        Array.Sort(samples);
        return new Latency(samples[count / 2], samples[(int)(count * 0.95)], errors);
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static Dictionary<string, object?> ApiBody(int n) => new()
    {
        ["forWhom"] = "me",
        ["firstName"] = "Bench",
        ["lastName"] = $"Patient {n}",
        ["email"] = $"bench{n}@example.com",
        ["phone"] = $"07911 {100000 + (n % 400000):000000}",
        ["bodyArea"] = "lower-back",
        ["concern"] = "Lower back pain for three months after moving house; stiff every morning.",
        ["screened"] = true,
        ["redFlags"] = Array.Empty<string>(),
        ["consents"] = new { contact = true, healthData = true },
    };

    [GeneratedRegex("name=\"(__RequestVerificationToken|ticket)\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenField();

    private static class AppTargets
    {
        private static int _accepted;

        public static int Accepted => Volatile.Read(ref _accepted);

        public static bool Count(bool accepted)
        {
            if (accepted)
            {
                Interlocked.Increment(ref _accepted);
            }

            return accepted;
        }
    }

    private interface ITarget
    {
        Task<bool> SubmitAsync(int n);
    }

    private sealed class ApiTarget(Uri address) : ITarget
    {
        private readonly HttpClient _client = new() { BaseAddress = address, DefaultRequestHeaders = { { "X-Api-Key", BenchApp.ApiKey } } };

        public async Task<bool> SubmitAsync(int n)
        {
            using var response = await _client.PostAsJsonAsync("/api/leads", ApiBody(n));
            return AppTargets.Count(response.StatusCode == HttpStatusCode.Created);
        }
    }

    private sealed class FormTarget(Uri address) : ITarget
    {
        // One browser-like client per worker would be more faithful; a shared cookie jar is
        // enough here because the antiforgery token is per client, not per post.
        private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };
        private readonly SemaphoreSlim _firstVisit = new(1, 1);
        private Dictionary<string, string>? _hidden;

        public async Task<bool> SubmitAsync(int n)
        {
            if (_hidden is null)
            {
                // Once, not by every worker at the same time: each first visit sets a new
                // antiforgery cookie, and the jar keeps only the last, so a token taken from
                // another visit would not match it.
                await _firstVisit.WaitAsync();
                try
                {
                    _hidden ??= HiddenField().Matches(await _client.GetStringAsync("/request"))
                        .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
                }
                finally
                {
                    _firstVisit.Release();
                }
            }

            var form = new Dictionary<string, string>(_hidden)
            {
                ["_handler"] = "request",
                ["forWhom"] = "me",
                ["firstName"] = "Bench",
                ["lastName"] = $"Form {n}",
                ["email"] = $"form{n}@example.com",
                ["phone"] = $"07911 {100000 + (n % 400000):000000}",
                ["bodyArea"] = "neck",
                ["concern"] = "Neck pain with headaches most afternoons.",
                ["consentContact"] = "yes",
                ["consentHealthData"] = "yes",
            };
            using var response = await _client.PostAsync("/request", new FormUrlEncodedContent(form));
            return AppTargets.Count(response.StatusCode == HttpStatusCode.Redirect);
        }
    }

    /// <summary>The handler alone, as the API calls it: what is left once HTTP, JSON and middleware are taken away.</summary>
    private sealed class DirectTarget(IServiceProvider services) : ITarget
    {
        public async Task<bool> SubmitAsync(int n)
        {
            await using var scope = services.CreateAsyncScope();
            var submit = scope.ServiceProvider.GetRequiredService<LeadManager.Web.Features.Intake.SubmitLeadRequest>();
            var body = ApiBody(n);
            var (accepted, _) = await submit.SubmitAsync(
                new LeadManager.Web.Features.Intake.LeadSubmission
                {
                    ForWhom = "me",
                    FirstName = (string)body["firstName"]!,
                    LastName = (string)body["lastName"]!,
                    Email = (string)body["email"]!,
                    Phone = (string)body["phone"]!,
                    BodyArea = (string)body["bodyArea"]!,
                    Concern = (string)body["concern"]!,
                    Screened = true,
                    ConsentContact = true,
                    ConsentHealthData = true,
                },
                LeadManager.Data.Leads.LeadChannel.Api,
                CancellationToken.None);
            return AppTargets.Count(accepted is not null);
        }
    }

    private sealed class FloorTarget(Uri address, string path) : ITarget
    {
        private readonly HttpClient _client = new() { BaseAddress = address };

        public async Task<bool> SubmitAsync(int n)
        {
            using var response = await _client.PostAsJsonAsync(path, ApiBody(n));
            return response.StatusCode == HttpStatusCode.Created;
        }
    }

    internal sealed class BenchApp(string directory, Dictionary<string, string>? extra = null) : WebApplicationFactory<Program>
    {
        public const string ApiKey = "bench-intake-key-0001";

        public Uri Start()
        {
            // Outside a test project nothing tells the factory where the web project is.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LEADMANAGER_WEB", LeadManager.TestSupport.RepositoryRoot.WebProject);
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseStaticWebAssets();
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(directory, "app.db")}",
                ["Demo:Seed"] = "true",
                ["Email:Delivery"] = "Pickup",
                ["Email:PickupDirectory"] = Path.Combine(directory, "mail"),
                ["Email:From"] = "Clinic <hello@clinic.test>",
                ["Email:ReceptionAddress"] = "reception@clinic.test",
                ["Intake:ApiKeys:0"] = ApiKey,
                ["Intake:MinimumFillSeconds"] = "0",
                ["Intake:FormPermitLimit"] = "100000",
                ["Intake:ApiPermitLimit"] = "1000000",
                // Intake alone: the emails each submission queues are timed by `bench -- email`.
                ["FollowUp:ProcessJobs"] = (extra?.ContainsKey("Email:Delivery") ?? false) ? "true" : "false",
                ["Logging:LogLevel:Default"] = "Warning",
            }.Concat(extra ?? []))
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private sealed class FloorServer(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public static async Task<FloorServer> StartAsync(string file, string schemaFile)
        {
            var byHand = await ByHandWrite.CreateAsync($"Data Source={schemaFile}");
            var connectionString = $"Data Source={file}";
            await using (var setup = new SqliteConnection(connectionString))
            {
                await setup.OpenAsync();
                await using var command = setup.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Requests (Id INTEGER PRIMARY KEY, Email TEXT NOT NULL, Body TEXT NOT NULL, CreatedAt TEXT NOT NULL);";
                await command.ExecuteNonQueryAsync();
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/floor", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using var insert = connection.CreateCommand();
                insert.CommandText = "PRAGMA busy_timeout=5000; INSERT INTO Requests (Email, Body, CreatedAt) VALUES ($e, $b, $t)";
                insert.Parameters.AddWithValue("$e", "x");
                insert.Parameters.AddWithValue("$b", body);
                insert.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("O"));
                await insert.ExecuteNonQueryAsync();
                return Results.StatusCode(StatusCodes.Status201Created);
            });
            app.MapPost("/by-hand", async (HttpRequest request) =>
            {
                var body = await System.Text.Json.JsonSerializer.DeserializeAsync<Dictionary<string, System.Text.Json.JsonElement>>(request.Body);
                await byHand.WriteAsync(body!["email"].GetString()!, body["phone"].GetString()!);
                return Results.StatusCode(StatusCodes.Status201Created);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FloorServer(app, new Uri(address));
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    /// <summary>
    /// What intake writes, without EF Core, the app or batching: on a database made by the real
    /// migrations (so every index the app maintains), in one IMMEDIATE transaction, the
    /// duplicate look-up then the lead, its first event and two outbox rows, each row's values
    /// copied from a template the app wrote. Shows how much of the app's cost is the schema.
    /// </summary>
    private sealed class ByHandWrite(string connectionString, (string Table, string[] Columns, object?[] Values)[] rows)
    {
        public static async Task<ByHandWrite> CreateAsync(string connectionString)
        {
            await using (var db = DataBench.NewContext(connectionString))
            {
                await LeadManager.Data.Sqlite.SqliteDatabase.MigrateSqliteAsync(db);
                var now = DateTime.UtcNow;
                var lead = LeadManager.Data.Leads.Lead.Create("LM-TEMPL8", LeadManager.Data.Leads.LeadChannel.Api, LeadManager.Data.Leads.TriageLevel.Routine, LeadManager.Data.Leads.Actor.Patient, now);
                lead.FirstName = "Bench";
                lead.LastName = "Template";
                lead.Email = "template@example.com";
                lead.Phone = "+447911000000";
                lead.Concern = "Lower back pain for three months after moving house; stiff every morning.";
                db.Leads.Add(lead);
                db.OutboundEmails.Add(LeadManager.Data.Outbox.OutboundEmailKinds.Due(lead, LeadManager.Data.Outbox.OutboundEmailKinds.PatientConfirmation, lead.Email, now));
                db.OutboundEmails.Add(LeadManager.Data.Outbox.OutboundEmailKinds.Due(lead, LeadManager.Data.Outbox.OutboundEmailKinds.ReceptionNewRequest, "reception@clinic.test", now));
                await db.SaveChangesAsync();
            }

            var templates = new List<(string, string[], object?[])>();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            foreach (var table in new[] { "Leads", "LeadEvents", "OutboundEmails" })
            {
                await using var read = connection.CreateCommand();
                read.CommandText = $"SELECT * FROM \"{table}\" ORDER BY Id LIMIT 2";
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Where(c => c != "Id").ToArray();
                    templates.Add((table, columns, columns.Select(c => reader.IsDBNull(reader.GetOrdinal(c)) ? null : reader.GetValue(reader.GetOrdinal(c))).ToArray()));
                    if (table != "OutboundEmails")
                    {
                        break;
                    }
                }
            }

            return new ByHandWrite(connectionString, [.. templates]);
        }

        public async Task WriteAsync(string email, string phone)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout=5000;";
                await pragma.ExecuteNonQueryAsync();
            }

            await using var transaction = connection.BeginTransaction();
            await using (var duplicate = connection.CreateCommand())
            {
                duplicate.CommandText = "SELECT * FROM \"Leads\" WHERE \"Status\" <> 4 AND \"CreatedAt\" >= $since AND (\"Email\" = $email OR \"Phone\" = $phone) ORDER BY \"CreatedAt\" DESC LIMIT 1";
                duplicate.Parameters.AddWithValue("$since", DateTime.UtcNow.AddDays(-30));
                duplicate.Parameters.AddWithValue("$email", email);
                duplicate.Parameters.AddWithValue("$phone", phone);
                await using var found = await duplicate.ExecuteReaderAsync();
                await found.ReadAsync();
            }

            long leadId = 0;
            foreach (var (table, columns, values) in rows)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))}) RETURNING \"Id\"";
                for (var i = 0; i < columns.Length; i++)
                {
                    insert.Parameters.AddWithValue($"$p{i}", columns[i] switch
                    {
                        "Reference" => "LM-" + Guid.NewGuid().ToString("N")[..8],
                        "Email" => email,
                        "Phone" => phone,
                        "LeadId" => leadId,
                        _ => values[i] ?? DBNull.Value,
                    });
                }

                var id = (long)(await insert.ExecuteScalarAsync())!;
                leadId = table == "Leads" ? id : leadId;
            }

            await transaction.CommitAsync();
        }
    }

    private readonly record struct Throughput(double PerSecond, int Errors, double AllocatedKiBPerRequest, double Gen2PerThousand, double CpuMsPerRequest, double CpuBusy, double? MeanBatch, double? WriterBusy);

    /// <summary>
    /// The app's own intake metrics (IntakeMetrics) over one measurement: submissions per
    /// committed batch, and the share of the time the writer spent writing. A writer busy most
    /// of the time is the limit; a writer with time to spare leaves it to the CPU.
    /// </summary>
    private sealed class IntakeWriterWatch
    {
        private static readonly System.Diagnostics.Metrics.MeterListener Listener = Listen();
        private static IntakeWriterWatch _current = new();
        private long _batches;
        private long _submissions;
        private long _writingMicroseconds;

        public long Batches => Interlocked.Read(ref _batches);

        public long Submissions => Interlocked.Read(ref _submissions);

        public double WritingMs => Interlocked.Read(ref _writingMicroseconds) / 1000.0;

        public static IntakeWriterWatch Start()
        {
            _ = Listener;
            return _current = new IntakeWriterWatch();
        }

        private static System.Diagnostics.Metrics.MeterListener Listen()
        {
            var listener = new System.Diagnostics.Metrics.MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Name is LeadManager.Web.Features.Intake.IntakeMetrics.BatchSizeInstrument or LeadManager.Web.Features.Intake.IntakeMetrics.BatchWriteInstrument)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                Interlocked.Increment(ref _current._batches);
                Interlocked.Add(ref _current._submissions, size);
            });
            listener.SetMeasurementEventCallback<double>((_, ms, _, _) => Interlocked.Add(ref _current._writingMicroseconds, (long)(ms * 1000)));
            listener.Start();
            return listener;
        }
    }

    private readonly record struct Latency(double P50, double P95, int Errors);
}
