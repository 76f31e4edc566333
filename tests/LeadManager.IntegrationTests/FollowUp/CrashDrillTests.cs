using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LeadManager.IntegrationTests.FollowUp;

/// <summary>
/// The app as a real child process on its own port and database, killed with SIGKILL right
/// after a request is committed and before its emails are sent, then started again.
/// </summary>
public sealed class CrashDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leadmanager-tests", Guid.NewGuid().ToString("N"));
    private readonly SmtpTestServer _smtp = new();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Killed_after_commit_before_sending_then_restarted_sends_exactly_one_confirmation()
    {
        var port = SmtpTestServer.FreePort();
        string reference;
        using (var first = await StartAppAsync(port, processJobs: false))
        {
            reference = await SubmitAsync(port, "crash.drill@example.com");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.Empty(_smtp.Messages);
        using var second = await StartAppAsync(port, processJobs: true);
        try
        {
            await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == "crash.drill@example.com"), TimeSpan.FromSeconds(30));
            await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == "reception@clinic.test"), TimeSpan.FromSeconds(30));
            await Quiet.ForAsync(TimeSpan.FromSeconds(2), "a second sweep or job would show up here");

            var confirmations = _smtp.Messages.Count(m => m.To.Mailboxes.Any(t => t.Address == "crash.drill@example.com"));
            output.WriteLine($"crash drill: {reference} committed, process killed before sending; after restart: {confirmations} confirmation(s), {_smtp.Messages.Count} email(s) in all");
            Assert.Equal(1, confirmations);
            Assert.Equal(2, _smtp.Messages.Count);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Killed_with_a_step_due_before_it_ran_then_restarted_runs_it_once()
    {
        var port = SmtpTestServer.FreePort();
        string reference;
        using (var first = await StartAppAsync(port, processJobs: false))
        {
            reference = await SubmitAsync(port, "crash.step@example.com");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        // The request waited unassigned past its target while the app was down.
        await using (var connection = await OpenAsync())
        {
            var arrived = DateTime.UtcNow.AddDays(-3);
            await ExecuteAsync(connection, "UPDATE Leads SET CreatedAt = $at, StageStartedAt = $at, LastRequestedAt = $at", ("$at", arrived));
            await ExecuteAsync(connection, "UPDATE FollowUps SET DueAt = $due, MadeFor = $at WHERE Kind = 'AssignOverdue'", ("$due", DateTime.UtcNow.AddMinutes(-5)), ("$at", arrived));
        }

        using var second = await StartAppAsync(port, processJobs: true);
        try
        {
            await Eventually.TrueAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM FollowUps WHERE Kind = 'AssignOverdue' AND Status = 1") == 1,
                "the overdue step done after the restart", TimeSpan.FromSeconds(30));
            await _smtp.WaitForMessageAsync(m => (m.Subject ?? "").Contains(reference, StringComparison.Ordinal) && m.To.Mailboxes.Any(t => t.Address == "reception@clinic.test")
                && !(m.TextBody ?? "").Contains("New discovery call request", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30));
            await Quiet.ForAsync(TimeSpan.FromSeconds(2), "a second sweep or job would show up here");

            Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM OutboundEmails WHERE Kind = 'AssignOverdue'"));
            Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM LeadEvents WHERE Kind = 20"));
            output.WriteLine($"step drill: {reference}'s escalation ran once after the restart; {_smtp.Messages.Count} email(s) in all");
            Assert.Equal(3, _smtp.Messages.Count); // confirmation, new request, escalation
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_claim_held_by_a_process_that_died_is_released_at_restart_and_a_live_one_is_not()
    {
        var port = SmtpTestServer.FreePort();
        using (var first = await StartAppAsync(port, processJobs: false))
        {
            await SubmitAsync(port, "claimed.dead@example.com", "07911 123457");
            await SubmitAsync(port, "claimed.live@example.com", "07911 123458");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        // One confirmation claimed for ten minutes by a process of this machine that no longer
        // runs (as a kill -9 mid-send leaves it), the other by this test process, which does.
        var dead = $"{Environment.MachineName}/{int.MaxValue - 7}/20260101000000";
        var live = new LeadManager.Web.Features.FollowUp.ClaimOwner().Id;
        await using (var connection = await OpenAsync())
        {
            foreach (var (email, holder) in new[] { ("claimed.dead@example.com", dead), ("claimed.live@example.com", live) })
            {
                await ExecuteAsync(connection,
                    "UPDATE OutboundEmails SET ClaimedUntil = $until, ClaimedBy = $holder WHERE Recipient = $email",
                    ("$until", DateTime.UtcNow.AddMinutes(10)), ("$holder", holder), ("$email", email));
            }
        }

        var restarted = Stopwatch.StartNew();
        using var second = await StartAppAsync(port, processJobs: true);
        try
        {
            await _smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == "claimed.dead@example.com"), TimeSpan.FromSeconds(30));
            output.WriteLine($"claim drill: the dead process's claim was released and its email sent {restarted.Elapsed.TotalSeconds:0.0} s after the restart began");
            await Quiet.ForAsync(TimeSpan.FromSeconds(3), "the live process's claimed email would go out here if its claim were taken");
            Assert.DoesNotContain(_smtp.Messages, m => m.To.Mailboxes.Any(t => t.Address == "claimed.live@example.com"));
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "leadmanager.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value is DateTime at ? at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture) : value);
        }

        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"'{sql}' changed no row");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Process> StartAppAsync(int httpPort, bool processJobs)
    {
        var webProject = RepositoryRoot.WebProject;
        var dll = Path.Combine(AppContext.BaseDirectory, "LeadManager.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", $"http://127.0.0.1:{httpPort}", "--contentRoot", webProject])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_directory, "leadmanager.db")}",
            ["Demo__Seed"] = "false",
            ["Email__Delivery"] = "Smtp",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Email__From"] = "Riverside Physiotherapy <hello@clinic.test>",
            ["Email__ReceptionAddress"] = "reception@clinic.test",
            ["Intake__ApiKeys__0"] = TestApp.ApiKey,
            ["FollowUp__ProcessJobs"] = processJobs ? "true" : "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"The app exited at start-up with code {process.ExitCode}.");
                    }

                    try
                    {
                        return (await http.GetAsync($"http://127.0.0.1:{httpPort}/health")).StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                "The app answering /health after start-up",
                TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process;
    }

    private static async Task<string> SubmitAsync(int httpPort, string email, string phone = "07911 123456")
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);
        var response = await http.PostAsJsonAsync($"http://127.0.0.1:{httpPort}/api/leads", new
        {
            forWhom = "me", firstName = "Crash", lastName = "Drill", email, phone, bodyArea = "hip",
            concern = "Hip pain", screened = true, consents = new { contact = true, healthData = true },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("reference").GetString()!;
    }
}
