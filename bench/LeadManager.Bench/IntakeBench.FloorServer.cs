using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadManager.Bench;

internal static partial class IntakeBench
{
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
}
