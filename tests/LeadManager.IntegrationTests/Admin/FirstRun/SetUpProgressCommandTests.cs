using LeadManager.Data;
using LeadManager.IntegrationTests.Board;
using LeadManager.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadManager.IntegrationTests.Admin.FirstRun;

/// <summary>The admins' banner asks every minute for ever: what it sends the database stays small as the outbox grows.</summary>
public sealed class SetUpProgressCommandTests(SetUpProgressCommandTests.CountedApp app, ITestOutputHelper output) : IClassFixture<SetUpProgressCommandTests.CountedApp>
{
    /// <summary>The app with every SQL command it sends passing through <see cref="Commands"/>.</summary>
    public sealed class CountedApp() : TestApp("Testing", null, services: services =>
        services.ConfigureDbContext<LeadDbContext>(options => options.AddInterceptors(Commands)))
    {
        public static SqlCommandLog Commands { get; } = new();
    }

    [Fact]
    public async Task The_checklist_is_a_few_small_queries_and_finds_test_emails_through_an_index_not_the_whole_outbox()
    {
        var progress = app.Services.GetRequiredService<SetUpProgress>();

        var (_, commands) = await CountedApp.Commands.RecordAsync(() => progress.MeasureAsync(CancellationToken.None));

        output.WriteLine(string.Join("\n---\n", commands));
        Assert.Equal(5, commands.Count); // a site, a clinician, a receptionist, the last test email sent, the latest test email
        var outbox = commands.Where(c => c.Contains("\"OutboundEmails\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, outbox.Count);
        foreach (var sql in outbox)
        {
            var plan = await PlanAsync(sql);
            output.WriteLine(string.Join("\n", plan));
            Assert.Contains(plan, step => step.Contains("USING INDEX IX_OutboundEmails_LeadId_Kind (LeadId=? AND Kind=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("IX_OutboundEmails_Status", StringComparison.Ordinal) || step.StartsWith("SCAN", StringComparison.Ordinal));
        }
    }

    private async Task<IReadOnlyList<string>> PlanAsync(string sql)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
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
