using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace LeadManager.Bench;

internal static partial class StepsBench
{
    private readonly record struct FloorRun(TimeSpan Elapsed, int Steps, int Emails);

    /// <summary>
    /// What the database alone needs for the same work, on a copy of the seeded file (same rows,
    /// same indexes): one look-up of the due steps, then per 50 steps one transaction that claims
    /// them with a conditional UPDATE, inserts one outbox row each and marks them Done. One
    /// connection, prepared statements, no re-read of the requests, no timeline line, no next
    /// step planned.
    /// </summary>
    private static async Task<FloorRun> FloorAsync(string file, DateTime now)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=5000;";
            await pragma.ExecuteNonQueryAsync();
        }

        var started = Stopwatch.GetTimestamp();
        var claimedUntil = now.AddMinutes(2);
        var ids = new List<long>();
        await using (var due = connection.CreateCommand())
        {
            due.CommandText = "SELECT \"Id\" FROM \"FollowUps\" WHERE \"Status\" = 0 AND \"DueAt\" <= $now AND (\"ClaimedUntil\" IS NULL OR \"ClaimedUntil\" < $now) ORDER BY \"Id\"";
            due.Parameters.AddWithValue("$now", now);
            await using var reader = await due.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        await using var claim = connection.CreateCommand();
        claim.CommandText = "UPDATE \"FollowUps\" SET \"ClaimedUntil\" = $until, \"ClaimedBy\" = 'floor' " +
            "WHERE \"Id\" IN (SELECT value FROM json_each($ids)) AND \"Status\" = 0 AND \"DueAt\" <= $now AND (\"ClaimedUntil\" IS NULL OR \"ClaimedUntil\" < $now) " +
            "RETURNING \"Id\", \"LeadId\", \"Kind\"";
        var claimIds = claim.Parameters.Add("$ids", SqliteType.Text);
        claim.Parameters.AddWithValue("$until", claimedUntil);
        claim.Parameters.AddWithValue("$now", now);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO \"OutboundEmails\" (\"LeadId\", \"Kind\", \"Recipient\", \"FollowUpId\", \"Status\", \"Attempts\", \"NextAttemptAt\", \"CreatedAt\") " +
            "VALUES ($lead, $kind, $to, $step, 0, 0, $now, $now)";
        var insertLead = insert.Parameters.Add("$lead", SqliteType.Integer);
        var insertKind = insert.Parameters.Add("$kind", SqliteType.Text);
        var insertStep = insert.Parameters.Add("$step", SqliteType.Integer);
        insert.Parameters.AddWithValue("$to", ReceptionAddress);
        insert.Parameters.AddWithValue("$now", now);
        await using var done = connection.CreateCommand();
        done.CommandText = "UPDATE \"FollowUps\" SET \"Status\" = 1, \"CompletedAt\" = $now, \"ClaimedUntil\" = NULL, \"ClaimedBy\" = NULL " +
            "WHERE \"Id\" IN (SELECT value FROM json_each($ids)) AND \"ClaimedBy\" = 'floor'";
        var doneIds = done.Parameters.Add("$ids", SqliteType.Text);
        done.Parameters.AddWithValue("$now", now);

        var steps = 0;
        var emails = 0;
        foreach (var chunk in ids.Chunk(50))
        {
            await using var transaction = connection.BeginTransaction();
            claim.Transaction = insert.Transaction = done.Transaction = transaction;
            claimIds.Value = JsonSerializer.Serialize(chunk);
            var claimed = new List<(long Id, long? LeadId, string Kind)>();
            await using (var reader = await claim.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    claimed.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2)));
                }
            }

            foreach (var (id, leadId, kind) in claimed)
            {
                insertLead.Value = leadId is { } lead ? lead : DBNull.Value;
                insertKind.Value = kind;
                insertStep.Value = id;
                emails += await insert.ExecuteNonQueryAsync();
            }

            doneIds.Value = JsonSerializer.Serialize(claimed.Select(c => c.Id));
            steps += await done.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return new FloorRun(Stopwatch.GetElapsedTime(started), steps, emails);
    }
}
