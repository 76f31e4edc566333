using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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
}
