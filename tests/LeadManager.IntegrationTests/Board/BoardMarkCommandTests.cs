using System.Data.Common;
using LeadManager.Data;
using LeadManager.Data.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using LeadManager.Web.Features.Board;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Board;

/// <summary>The board's first render gains no SQL command for its marks: they are read with the cards.</summary>
public sealed class BoardMarkCommandTests(BoardMarkCommandTests.CountedApp app, ITestOutputHelper output) : IClassFixture<BoardMarkCommandTests.CountedApp>
{
    /// <summary>The app with every SQL command it sends passing through <see cref="Commands"/>.</summary>
    public sealed class CountedApp() : TestApp("Testing", null, services: services =>
        services.ConfigureDbContext<LeadDbContext>(options => options.AddInterceptors(Commands)))
    {
        public static SqlCommandLog Commands { get; } = new();
    }

    [Fact]
    public async Task The_board_reads_its_cards_and_both_marks_in_one_SQL_command()
    {
        var lead = await CreateLeadAsync(app, lastName: "Bouncecommands");
        await using (var db = await NewDbAsync(app))
        {
            db.OutboundEmails.Add(new OutboundEmail
            {
                LeadId = lead.Id, Kind = OutboundEmailKinds.PatientConfirmation, Recipient = db.Leads.Single(l => l.Id == lead.Id).Email,
                Status = OutboundEmailStatus.Failed, Attempts = 1, NextAttemptAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow.AddMinutes(-5),
            });
            await db.SaveChangesAsync();
        }

        var user = await PrincipalAsync(app, Reception);
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<BoardQuery>();

        var (board, commands) = await CountedApp.Commands.RecordAsync(() => query.LoadAsync(user, null));

        output.WriteLine($"BoardQuery.LoadAsync sent {commands.Count} SQL command(s):\n{string.Join("\n---\n", commands)}");
        Assert.True(board.Cards.Single(c => c.LeadId == lead.Id).EmailBounced);
        // The cards with both marks, the clinicians with their sites, their loads today (docs/performance.md),
        // and the current leave that marks a call agreed in its clinician's leave.
        Assert.Equal(4, commands.Count);
        var cards = Assert.Single(commands, c => c.Contains("\"OutboundEmails\"", StringComparison.Ordinal));
        Assert.Contains("FROM \"Leads\"", cards);
        Assert.Contains("\"FollowUps\"", cards);

        // Each card looks up its request's few emails on (LeadId, Kind), never the (Status, NextAttemptAt)
        // index, which holds every email ever sent, nor the StaffMemberId one, where most are null.
        var plan = await PlanAsync(cards);
        output.WriteLine(string.Join("\n", plan));
        Assert.Equal(2, plan.Count(step => step.Contains("USING INDEX IX_OutboundEmails_LeadId_Kind (LeadId=?)", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, step => step.Contains("IX_OutboundEmails_Status", StringComparison.Ordinal) || step.Contains("IX_OutboundEmails_StaffMemberId", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> PlanAsync(string sql)
    {
        await using var db = await NewDbAsync(app);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}

/// <summary>
/// The SQL the app sends, for the calling code only (an <see cref="AsyncLocal{T}"/>): the app's
/// own jobs send theirs on the same contexts meanwhile.
/// </summary>
public sealed class SqlCommandLog : DbCommandInterceptor
{
    private static readonly AsyncLocal<List<string>?> Recording = new();

    public async Task<(T Result, IReadOnlyList<string> Commands)> RecordAsync<T>(Func<Task<T>> read)
    {
        var commands = new List<string>();
        Recording.Value = commands;
        var result = await read();
        lock (commands)
        {
            return (result, [.. commands]);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    private static T Record<T>(DbCommand command, T result)
    {
        if (Recording.Value is { } commands)
        {
            lock (commands)
            {
                commands.Add(command.CommandText);
            }
        }

        return result;
    }
}
