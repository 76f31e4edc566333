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

    private static async Task<string> SubmitAsync(int httpPort, string email)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);
        var response = await http.PostAsJsonAsync($"http://127.0.0.1:{httpPort}/api/leads", new
        {
            forWhom = "me", firstName = "Crash", lastName = "Drill", email, phone = "07911 123456", bodyArea = "hip",
            concern = "Hip pain", screened = true, consents = new { contact = true, healthData = true },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("reference").GetString()!;
    }
}
