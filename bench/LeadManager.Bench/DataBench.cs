using System.Diagnostics;
using System.Globalization;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Sqlite;
using LeadManager.Data.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Bench;

// Measures the data paths the board and every lifecycle action stand on, on a real SQLite
// file of clinic-sized volume, each beside a floor measured in the same run: the same work
// done with raw ADO.NET on the same file. Run with:
//   dotnet run -c Release --project bench/LeadManager.Bench -- data [--leads 20000 --iterations 300]
internal static class DataBench
{
    public static async Task RunAsync(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var leadCount = Argument(args, "--leads", 20_000);
        var iterations = Argument(args, "--iterations", 300);
        var directory = Path.Combine(Path.GetTempPath(), "leadmanager-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "bench.db");
        var connectionString = $"Data Source={file}";

        try
        {
            var seedTime = Stopwatch.StartNew();
            var (references, clinicianIds) = await SeedAsync(connectionString, leadCount);
            seedTime.Stop();

            var random = new Random(42);
            var results = new List<(string Name, Stats App, Stats Floor)>();

            results.Add(("Board: count open requests by status",
                await MeasureAsync(iterations, async () =>
                {
                    await using var db = NewContext(connectionString);
                    await db.Leads.AsNoTracking().Where(l => l.Status != LeadStatus.Closed)
                        .GroupBy(l => l.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                }),
                await MeasureAsync(iterations, async () =>
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT Status, COUNT(*) FROM Leads WHERE Status <> 4 GROUP BY Status";
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                    }
                })));

            results.Add(("Look-up: one request by reference",
                await MeasureAsync(iterations, async () =>
                {
                    var reference = references[random.Next(references.Count)];
                    await using var db = NewContext(connectionString);
                    await db.Leads.AsNoTracking().SingleAsync(l => l.Reference == reference);
                }),
                await MeasureAsync(iterations, async () =>
                {
                    var reference = references[random.Next(references.Count)];
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT * FROM Leads WHERE Reference = $r";
                    command.Parameters.AddWithValue("$r", reference);
                    await using var reader = await command.ExecuteReaderAsync();
                    await reader.ReadAsync();
                })));

            var now = DateTime.UtcNow;
            results.Add(("Lifecycle write: assign/unassign + timeline event, version-checked",
                await MeasureAsync(iterations, async () =>
                {
                    var reference = references[random.Next(references.Count)];
                    await using var db = NewContext(connectionString);
                    var lead = await db.Leads.Include(l => l.AssignedClinician).SingleAsync(l => l.Reference == reference);
                    if (!lead.IsOpen)
                    {
                        return;
                    }

                    if (lead.AssignedClinicianId is null)
                    {
                        var clinician = await db.StaffMembers.FindAsync(clinicianIds[random.Next(clinicianIds.Count)]);
                        lead.Assign(clinician!, Actor.System, now);
                    }
                    else
                    {
                        lead.Unassign(Actor.System, now);
                    }

                    await db.SaveChangesAsync();
                }),
                await MeasureAsync(iterations, async () =>
                {
                    var reference = references[random.Next(references.Count)];
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync();
                    await using var transaction = connection.BeginTransaction();
                    await using var read = connection.CreateCommand();
                    read.CommandText = "SELECT Id, Version FROM Leads WHERE Reference = $r";
                    read.Parameters.AddWithValue("$r", reference);
                    long id;
                    long version;
                    await using (var reader = await read.ExecuteReaderAsync())
                    {
                        await reader.ReadAsync();
                        id = reader.GetInt64(0);
                        version = reader.GetInt64(1);
                    }

                    await using var update = connection.CreateCommand();
                    update.CommandText = "UPDATE Leads SET UpdatedAt = $now, Version = Version + 1 WHERE Id = $id AND Version = $v";
                    update.Parameters.AddWithValue("$now", now);
                    update.Parameters.AddWithValue("$id", id);
                    update.Parameters.AddWithValue("$v", version);
                    await update.ExecuteNonQueryAsync();
                    await using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO LeadEvents (LeadId, At, Kind, ActorKind, ActorName, Details) VALUES ($id, $now, 1, 2, 'bench', 'floor')";
                    insert.Parameters.AddWithValue("$id", id);
                    insert.Parameters.AddWithValue("$now", now);
                    await insert.ExecuteNonQueryAsync();
                    await transaction.CommitAsync();
                })));

            Console.WriteLine($"Seeded {leadCount:N0} requests in {seedTime.Elapsed.TotalSeconds:F1} s; {iterations} iterations each; {Environment.ProcessorCount} cores; .NET {Environment.Version}.");
            Console.WriteLine();
            Console.WriteLine("| Operation | LeadManager median | p95 | Floor (raw ADO.NET) median | p95 | Ratio (median) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (name, app, floor) in results)
            {
                Console.WriteLine($"| {name} | {app.Median:F3} ms | {app.P95:F3} ms | {floor.Median:F3} ms | {floor.P95:F3} ms | {app.Median / floor.Median:F1}x |");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static LeadDbContext NewContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<LeadDbContext>();
        options.UseLeadManagerSqlite(connectionString);
        return new LeadDbContext(options.Options);
    }

    internal static async Task<Stats> MeasureAsync(int iterations, Func<Task> operation)
    {
        for (var i = 0; i < Math.Max(20, iterations / 10); i++)
        {
            await operation();
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Stats(samples[iterations / 2], samples[(int)(iterations * 0.95)]);
    }

    private static async Task<(List<string> References, List<int> ClinicianIds)> SeedAsync(string connectionString, int count)
    {
        await using var db = NewContext(connectionString);
        await db.MigrateSqliteAsync();
        var users = Enumerable.Range(1, 6).Select(i => new Microsoft.AspNetCore.Identity.IdentityUser { UserName = $"c{i}@bench", Email = $"c{i}@bench" }).ToList();
        db.Users.AddRange(users);
        var clinicians = users.Select((u, i) => new StaffMember { UserId = u.Id, DisplayName = $"Clinician {i + 1}" }).ToList();
        db.StaffMembers.AddRange(clinicians);
        await db.SaveChangesAsync();

        var start = DateTime.UtcNow.AddDays(-365);
        var references = new List<string>(count);
        var random = new Random(7);
        var taken = new HashSet<string>();
        for (var batch = 0; batch < count; batch += 1000)
        {
            db.ChangeTracker.Clear();
            db.StaffMembers.AttachRange(clinicians);
            for (var i = batch; i < Math.Min(count, batch + 1000); i++)
            {
                var created = start.AddMinutes(i * 525_600.0 / count);
                string reference;
                do
                {
                    // Collisions are rare but real at this volume (27^6 codes); intake retries the same way.
                    reference = LeadReference.New();
                }
                while (!taken.Add(reference));

                var lead = Lead.Create(reference, LeadChannel.Form, TriageLevel.Routine, Actor.Patient, created);
                lead.FirstName = "Bench";
                lead.LastName = $"Patient {i}";
                lead.Email = $"p{i}@example.com";
                lead.Phone = $"+4477009{i % 100000:00000}";
                // Most requests from the past year are closed; the last ~10% are open, as on a real board.
                if (i < count * 0.9)
                {
                    lead.Assign(clinicians[random.Next(clinicians.Count)], Actor.System, created.AddMinutes(5));
                    lead.RecordOutcome(CloseReason.NotInterested, clinicians[0], Actor.System, created.AddMinutes(30));
                }
                else if (i % 2 == 0)
                {
                    lead.Assign(clinicians[random.Next(clinicians.Count)], Actor.System, created.AddMinutes(5));
                }

                references.Add(lead.Reference);
                db.Leads.Add(lead);
            }

            await db.SaveChangesAsync();
        }

        return (references, clinicians.Select(c => c.Id).ToList());
    }
}

internal readonly record struct Stats(double Median, double P95);
