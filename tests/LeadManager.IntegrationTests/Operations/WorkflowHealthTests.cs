using System.Net;
using System.Text.RegularExpressions;
using LeadManager.Data.Outbox;
using LeadManager.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadManager.IntegrationTests.Operations;

/// <summary>/health says Degraded, still with 200, while the oldest due step or email waits more than Workflow:LateAfter (5 minutes).</summary>
public sealed class WorkflowHealthTests(StoppedJobServerApp app) : IClassFixture<StoppedJobServerApp>
{
    public enum Waiting { Step, PendingEmail, RetryingEmail }

    [Theory]
    [InlineData(Waiting.Step, "step")]
    [InlineData(Waiting.PendingEmail, "email")]
    [InlineData(Waiting.RetryingEmail, "email")]
    public async Task Health_is_degraded_once_the_oldest_due_row_is_more_than_five_minutes_late(Waiting waiting, string what)
    {
        await app.ClearWorkflowAsync();
        var dueAt = app.Now;
        if (waiting == Waiting.Step)
        {
            await app.AddStepAsync(dueAt);
        }
        else
        {
            await app.AddEmailAsync(dueAt, waiting == Waiting.PendingEmail ? OutboundEmailStatus.Pending : OutboundEmailStatus.Retrying);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var fourMinutesLate = await HealthAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var sixMinutesLate = await HealthAsync();

        Assert.Equal((HttpStatusCode.OK, "Healthy"), fourMinutesLate);
        Assert.Equal((HttpStatusCode.OK, "Degraded"), sixMinutesLate);
        var description = $"The oldest due {what} is 6 minutes late: is the job server running?";
        Assert.Equal(description, await WorkflowDescriptionAsync());
        // /health's body says only "Degraded"; the operator reads why in the log (a warning).
        Assert.Contains(app.Log.Lines, line => line.Contains(description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_is_healthy_when_nothing_is_due_however_old_the_finished_rows_are()
    {
        await app.ClearWorkflowAsync();
        var longAgo = app.Now.AddDays(-3);
        await app.AddStepAsync(longAgo, FollowUpStatus.Done);
        await app.AddStepAsync(longAgo, FollowUpStatus.Skipped);
        await app.AddStepAsync(app.Now.AddHours(1));
        await app.AddEmailAsync(longAgo, OutboundEmailStatus.Sent);
        await app.AddEmailAsync(longAgo, OutboundEmailStatus.Failed);
        // An SMTP outage puts the next attempt in the future: that is the retry schedule working, not the job server stalling.
        await app.AddEmailAsync(app.Now.AddMinutes(10), OutboundEmailStatus.Retrying);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync());
    }

    [Fact]
    public async Task Health_names_the_later_of_a_late_step_and_a_late_email_in_hours_when_it_is_hours()
    {
        await app.ClearWorkflowAsync();
        await app.AddEmailAsync(app.Now.AddMinutes(-20));
        await app.AddStepAsync(app.Now.AddHours(-3).AddMinutes(-10));

        Assert.Equal((HttpStatusCode.OK, "Degraded"), await HealthAsync());
        Assert.Equal("The oldest due step is 3 hours late: is the job server running?", await WorkflowDescriptionAsync());
    }

    [Fact]
    public async Task Each_look_up_reads_one_entry_of_its_status_and_due_time_index_without_sorting()
    {
        await using var db = await app.DbAsync();
        var plans = new (string Index, string Plan)[]
        {
            ("IX_FollowUps_Status_DueAt", await PlanAsync(WorkflowLateness.OldestDueStep(db))),
            ("IX_OutboundEmails_Status_NextAttemptAt", await PlanAsync(WorkflowLateness.OldestDueEmail(db, OutboundEmailStatus.Pending))),
            ("IX_OutboundEmails_Status_NextAttemptAt", await PlanAsync(WorkflowLateness.OldestDueEmail(db, OutboundEmailStatus.Retrying))),
        };

        foreach (var (index, plan) in plans)
        {
            Assert.StartsWith("SEARCH", plan);
            Assert.Contains($"USING COVERING INDEX {index} (Status=?)", plan);
            Assert.DoesNotContain("TEMP B-TREE", plan);
        }
    }

    private async Task<(HttpStatusCode, string)> HealthAsync()
    {
        var response = await app.CreateClient().GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string?> WorkflowDescriptionAsync()
    {
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["workflow"].Description;
    }

    private static async Task<string> PlanAsync<T>(IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        if (command.Connection!.State != System.Data.ConnectionState.Open)
        {
            await command.Connection.OpenAsync();
        }

        var limit = Regex.Match(command.CommandText, @"LIMIT (@\w+)\s*$").Groups[1].Value;
        Assert.Equal(1, command.Parameters[limit].Value); // one row, then stop
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("\n", lines);
    }
}
