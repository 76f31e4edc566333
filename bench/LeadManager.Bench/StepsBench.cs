using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Hangfire;
using LeadManager.Data.Leads;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.FollowUp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadManager.Bench;

// The follow-up step engine on a Monday morning after a long weekend: 100,000 requests on a real
// SQLite file, 10,000 of them with a step due at once. Measures (a) the time from the sweep's
// start until every due step is claimed, its outbox rows written and it is Done, with the jobs
// the sweep queues run by FollowUp:Workers concurrent workers as Hangfire's would (without
// Hangfire's queue latency); (b) the sweep when nothing is due; each beside a raw-ADO floor in
// the same run; and prints SQLite's plan for each query the sweep sends. Run with:
//   dotnet run -c Release --project bench/LeadManager.Bench -- steps [--requests 100000 --due 10000 --sweeps 200]
internal static partial class StepsBench
{
    public static async Task RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var requests = Argument(args, "--requests", 100_000);
        var due = Argument(args, "--due", 10_000);
        var sweeps = Argument(args, "--sweeps", 200);
        var directory = Path.Combine(Path.GetTempPath(), "leadmanager-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var appFile = Path.Combine(directory, "app.db");
        var floorFile = Path.Combine(directory, "floor.db");
        try
        {
            var weekend = LongWeekend.In(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
            // The app starts, and the requests are written, before Tuesday's opening.
            var clock = new BenchClock(weekend.TuesdayOpening.AddMinutes(-45));
            await using var app = new IntakeBench.BenchApp(directory, new() { ["FollowUp:ProcessJobs"] = "false" }, services =>
            {
                StepJobTap.Install(services);
                services.AddSingleton<TimeProvider>(clock);
            });
            app.Start();
            var services = app.Services;
            if (services.GetRequiredService<ClinicClock>().TimeZone.Id != "Europe/London")
            {
                throw new InvalidOperationException("The scenario's long weekend is written in Europe/London time: run with the default Clinic:TimeZone.");
            }

            var tap = (StepJobTap)services.GetRequiredService<IBackgroundJobClient>();
            var workers = services.GetRequiredService<IOptions<FollowUpOptions>>().Value.Workers;
            using var commands = new CommandCounter();

            var seeded = await SeedAsync(services, requests, due, weekend);
            await CopyAsync(appFile, floorFile);

            if (seeded.FirstDue < weekend.TuesdayOpening)
            {
                throw new InvalidOperationException($"A step came due at {seeded.FirstDue:O}, before Tuesday's opening: the server would have run it then.");
            }

            // Half a minute after the last of them came due: the next minutely sweep.
            clock.JumpTo(seeded.LastDue.AddSeconds(30));
            if (seeded.FirstLater < clock.UtcNow.AddMinutes(30))
            {
                throw new InvalidOperationException($"A step meant for later is due at {seeded.FirstLater:O}, too soon after the run starts.");
            }

            // (c) The floor first: both files were just written, so both start in the page cache.
            var floor = await FloorAsync(floorFile, clock.UtcNow);

            // (a) The sweep queues the due steps in chunks; the workers run each chunk as it is queued.
            var dueBefore = await ScalarAsync(appFile, "SELECT COUNT(*) FROM \"FollowUps\" WHERE \"Status\" = 0 AND \"DueAt\" <= $now", ("$now", clock.UtcNow));
            var chunks = Channel.CreateUnbounded<long[]>(new UnboundedChannelOptions { SingleWriter = true });
            tap.Steps = chunks.Writer;
            commands.Reset();
            var sendJobsBefore = tap.SendJobs;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var runStartedUtc = clock.UtcNow;
            var started = Stopwatch.GetTimestamp();
            var running = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                var (jobs, finished) = (0, 0);
                await foreach (var ids in chunks.Reader.ReadAllAsync())
                {
                    // A scope per job, as Hangfire's AspNetCoreJobActivator makes.
                    await using var scope = services.CreateAsyncScope();
                    finished += await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunManyAsync(ids, CancellationToken.None);
                    jobs++;
                }

                return (jobs, finished);
            })).ToArray();
            OutboxSweepJob.SweepResult swept;
            await using (var scope = services.CreateAsyncScope())
            {
                swept = await scope.ServiceProvider.GetRequiredService<OutboxSweepJob>().SweepAsync(CancellationToken.None);
            }

            var sweepTook = Stopwatch.GetElapsedTime(started);
            chunks.Writer.Complete();
            var perWorker = await Task.WhenAll(running);
            var engineTook = Stopwatch.GetElapsedTime(started);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var engineCommands = commands.Count;
            var engineByTable = commands.ByTable;
            tap.Steps = null;
            var sendJobs = tap.SendJobs - sendJobsBefore;
            var outcome = await VerifyAsync(appFile, seeded, runStartedUtc, clock.UtcNow);

            // (b) Nothing due: the emails the steps wrote are sent (as the send jobs would have), nothing else waits.
            await ExecuteAsync(appFile, "UPDATE \"OutboundEmails\" SET \"Status\" = 1, \"Attempts\" = 1, \"SentAt\" = $now WHERE \"Status\" IN (0, 4)", ("$now", clock.UtcNow));
            commands.Recording = true;
            commands.Reset();
            await IdleSweepAsync(services);
            commands.Recording = false;
            var sweepQueries = commands.Recorded.Where(c => c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();
            commands.Reset();
            var idle = await DataBench.MeasureAsync(sweeps, () => IdleSweepAsync(services));
            var idleRuns = sweeps + Math.Max(20, sweeps / 10);
            var commandsPerSweep = (double)commands.Count / idleRuns;
            var idleFloor = await DataBench.MeasureAsync(sweeps, () => RawQueriesAsync(appFile, sweepQueries));
            var plans = new List<(SentCommand Query, List<string> Plan)>();
            foreach (var query in sweepQueries)
            {
                plans.Add((query, await QueryPlanAsync(appFile, query)));
            }

            var steps = seeded.DueStepIds.Count;
            Console.WriteLine($"Seeded {seeded.Requests:N0} requests in {seeded.Took.TotalSeconds:F1} s: {steps:N0} with a step due now ({string.Join(", ", seeded.DueByKind.OrderByDescending(k => k.Value).Select(k => $"{k.Value:N0} {k.Key}"))}), {seeded.OpenLater:N0} open with a step due later, {seeded.Closed:N0} closed with their steps finished; two sent intake emails each. {dueBefore:N0} steps due when the run started. {workers} workers (FollowUp:Workers); {Environment.ProcessorCount} cores; .NET {Environment.Version}.");
            var clinic = services.GetRequiredService<ClinicClock>();
            Console.WriteLine($"The app's clock: Tuesday 4 May 2027, the day after the Early May bank holiday (sites closed since Friday 20:00, Town Centre since Saturday 13:00; open again at 08:00). The due steps came due between {clinic.ToClinicTime(seeded.FirstDue):HH:mm:ss} and {clinic.ToClinicTime(seeded.LastDue):HH:mm:ss} clinic time; the run started at {clinic.ToClinicTime(runStartedUtc):HH:mm:ss}; the first step meant for later is due at {clinic.ToClinicTime(seeded.FirstLater):HH:mm}.");
            Console.WriteLine();
            Console.WriteLine("| Measure | LeadManager | Floor (raw ADO.NET) | Ratio | Goal |");
            Console.WriteLine("|---|---:|---:|---:|---|");
            Console.WriteLine($"| {steps:N0} due steps: claimed, outbox rows written, Done | {engineTook.TotalSeconds:F2} s ({outcome.Done / engineTook.TotalSeconds:N0} steps/s) | {floor.Elapsed.TotalSeconds:F2} s ({floor.Steps / floor.Elapsed.TotalSeconds:N0} steps/s) | {engineTook / floor.Elapsed:F1}x | < 30 s |");
            Console.WriteLine($"| Idle sweep at {seeded.Requests:N0} requests, median | {idle.Median:F3} ms | {idleFloor.Median:F3} ms | {idle.Median / idleFloor.Median:F1}x | < 5 ms |");
            Console.WriteLine($"| Idle sweep, p95 | {idle.P95:F3} ms | {idleFloor.P95:F3} ms | {idle.P95 / idleFloor.P95:F1}x | |");
            Console.WriteLine();
            Console.WriteLine($"- Due run: the sweep queued {swept.Steps:N0} steps in {perWorker.Sum(w => w.jobs):N0} jobs of up to {FollowUpStepJob.StepsPerJob} in {sweepTook.TotalMilliseconds:F0} ms; the jobs finished {perWorker.Sum(w => w.finished):N0} steps. Of the {steps:N0} seeded due steps: {outcome.Done:N0} Done, {outcome.Skipped:N0} Skipped, {outcome.Pending:N0} still pending; {outcome.WithoutEmail:N0} Done without an outbox row. Written: {outcome.Emails:N0} outbox rows ({sendJobs:N0} send jobs queued, not run), {outcome.TimelineLines:N0} timeline lines, {outcome.NextSteps:N0} next steps (pending, due later). Due after the run: {outcome.StillDue:N0}.");
            Console.WriteLine($"- Due run: process CPU {cpu.TotalSeconds:F1} s ({cpu / engineTook / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores); {engineCommands:N0} SQL commands ({(double)engineCommands / Math.Max(1, outcome.Done):F2} per step): {string.Join(", ", engineByTable.Select(c => $"{c.Count:N0} {c.Command}"))}.");
            Console.WriteLine($"- Floor: {floor.Steps:N0} steps claimed and Done, {floor.Emails:N0} outbox rows, on one connection, one transaction per 50 steps, on a copy of the same file.");
            Console.WriteLine($"- Idle sweep: {sweeps} runs after {idleRuns - sweeps} warm-ups, each in a fresh scope as a Hangfire job; {commandsPerSweep:F1} SQL commands per run; every run found 0 steps and 0 emails. Floor: the same {sweepQueries.Count} SELECTs, as EF Core sent them, on a pooled raw connection.");
            Console.WriteLine();
            Console.WriteLine("Query plans (EXPLAIN QUERY PLAN) of what the sweep sends:");
            foreach (var (query, plan) in plans)
            {
                Console.WriteLine();
                Console.WriteLine("```sql");
                Console.WriteLine(query.Text.Trim());
                Console.WriteLine("```");
                Console.WriteLine("```");
                plan.ForEach(Console.WriteLine);
                Console.WriteLine("```");
            }

            // The demo data's own due steps (a few) are claimed by both as well.
            if (outcome.Done != steps || outcome.StillDue != 0 || floor.Steps < steps)
            {
                throw new InvalidOperationException("Not every due step was done: the figures above are not real.");
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

    private static async Task IdleSweepAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OutboxSweepJob>().SweepAsync(CancellationToken.None);
        if (result.Steps != 0 || result.Emails != 0)
        {
            throw new InvalidOperationException($"The idle sweep found {result.Steps} steps and {result.Emails} emails due.");
        }
    }

    private sealed record Outcome(int Done, int Skipped, int Pending, int WithoutEmail, int Emails, int TimelineLines, int NextSteps, int StillDue);

    private static async Task<Outcome> VerifyAsync(string file, Seeded seeded, DateTime runStartedUtc, DateTime nowUtc)
    {
        var ids = ("$ids", (object)JsonSerializer.Serialize(seeded.DueStepIds));
        const string Seeded = "\"Id\" IN (SELECT value FROM json_each($ids))";
        return new Outcome(
            await ScalarAsync(file, $"SELECT COUNT(*) FROM \"FollowUps\" WHERE {Seeded} AND \"Status\" = 1", ids),
            await ScalarAsync(file, $"SELECT COUNT(*) FROM \"FollowUps\" WHERE {Seeded} AND \"Status\" = 3", ids),
            await ScalarAsync(file, $"SELECT COUNT(*) FROM \"FollowUps\" WHERE {Seeded} AND \"Status\" = 0", ids),
            // FollowUpId has no index: NOT IN builds its list once, where NOT EXISTS scanned every email once per step (minutes).
            await ScalarAsync(file, $"SELECT COUNT(*) FROM \"FollowUps\" WHERE {Seeded} AND \"Status\" = 1 AND \"Id\" NOT IN (SELECT \"FollowUpId\" FROM \"OutboundEmails\" WHERE \"FollowUpId\" IS NOT NULL)", ids),
            await ScalarAsync(file, "SELECT COUNT(*) FROM \"OutboundEmails\" WHERE \"FollowUpId\" IN (SELECT value FROM json_each($ids))", ids),
            await ScalarAsync(file, "SELECT COUNT(*) FROM \"LeadEvents\" WHERE \"Kind\" IN ($ran, $skipped) AND \"At\" >= $since",
                ("$ran", (int)LeadEventKind.FollowUpRan), ("$skipped", (int)LeadEventKind.FollowUpSkipped), ("$since", runStartedUtc)),
            await ScalarAsync(file, "SELECT COUNT(*) FROM \"FollowUps\" WHERE \"Status\" = 0 AND \"CreatedAt\" >= $since", ("$since", runStartedUtc)),
            await ScalarAsync(file, "SELECT COUNT(*) FROM \"FollowUps\" WHERE \"Status\" = 0 AND \"DueAt\" <= $now", ("$now", nowUtc)));
    }

    /// <summary>Copies the seeded file for the floor: everything checkpointed into the main file first, so the copy has every row.</summary>
    private static async Task CopyAsync(string from, string to)
    {
        await ExecuteAsync(from, "PRAGMA wal_checkpoint(TRUNCATE);");
        File.Copy(from, to);
        await ExecuteAsync(to, "PRAGMA journal_mode=WAL;");
    }

    private static async Task RawQueriesAsync(string file, IReadOnlyList<SentCommand> queries)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        foreach (var query in queries)
        {
            await using var command = Command(connection, query.Text, query.Parameters);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }
    }

    private static async Task<List<string>> QueryPlanAsync(string file, SentCommand query)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = Command(connection, "EXPLAIN QUERY PLAN " + query.Text.Trim(), query.Parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var depth = new Dictionary<long, int> { [0] = -1 };
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            var level = depth.GetValueOrDefault(reader.GetInt64(1), -1) + 1;
            depth[reader.GetInt64(0)] = level;
            lines.Add(new string(' ', level * 2) + reader.GetString(3));
        }

        return lines;
    }

    private static async Task<int> ScalarAsync(string file, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string file, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 120;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
