using System.Globalization;
using System.Net;
using LeadManager.Web.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadManager.IntegrationTests;

public sealed class StartupTests
{
    [Fact]
    public void Production_start_with_demo_seed_fails_with_a_clear_message()
    {
        var failure = StartupFailure("Production", new Dictionary<string, string?> { ["Demo:Seed"] = "true" });

        var validation = FindValidationFailure(failure);
        Assert.Contains("Demo:Seed is true in Production", validation.Message);
    }

    [Theory]
    [InlineData("Clinic:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("App:PublicUrl", "not a url")]
    [InlineData("Email:From", "nobody")]
    [InlineData("Email:ReceptionAddress", "")]
    [InlineData("LiveUpdates:PollIntervalMilliseconds", "10")]
    [InlineData("Workflow:AssignWithin", "00:00:00")]
    [InlineData("Workflow:EscalateToManagerAfter", "8.00:00:00")]
    [InlineData("Workflow:FirstContactWithin", "-01:00:00")]
    [InlineData("Workflow:RetryCallWithin", "00:00:30")]
    [InlineData("Workflow:MissedCallGrace", "2.00:00:00")]
    [InlineData("Workflow:ReviewWithin", "00:00:00")]
    [InlineData("Workflow:LateAfter", "00:00:10")]
    [InlineData("Workflow:LateAfter", "12:00:00")]
    [InlineData("Workflow:ReminderBefore", "00:05:00")]
    [InlineData("Workflow:PatientEmailGrace", "01:00:00")]
    [InlineData("Workflow:QuietHoursStart", "08:00")]
    [InlineData("Workflow:QuietHoursStart", "10:00")]
    [InlineData("Staff:InviteLinkDays", "0")]
    [InlineData("Staff:InviteLinkDays", "31")]
    [InlineData("Staff:PasswordResetLinkHours", "0")]
    [InlineData("Staff:PasswordResetLinkHours", "73")]
    public void A_bad_option_value_stops_start_up_naming_the_key(string key, string value)
    {
        var failure = StartupFailure("Testing", new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key, FindValidationFailure(failure).Message);
    }

    [Theory]
    [InlineData("Workflow:DigestAt", "25:00")]
    [InlineData("Workflow:DigestAt", "half past eight")]
    [InlineData("Workflow:AssignWithin", "fifteen minutes")]
    [InlineData("Workflow:LateAfter", "5m")]
    public void A_workflow_timing_that_is_not_a_time_stops_start_up_naming_the_key(string key, string value)
    {
        var failure = StartupFailure("Testing", new Dictionary<string, string?> { [key] = value });

        Assert.Contains($"'{value}' at '{key}'", Flatten(failure));
    }

    [Fact]
    public async Task Workflow_timings_bind_from_the_forms_the_example_settings_use()
    {
        await using var app = new TestApp("Testing", new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "false",
            ["Workflow:DigestAt"] = "07:30",
            ["Workflow:ReviewWithin"] = "00:45:00",
            ["Workflow:EscalateToManagerAfter"] = "1.02:00:00",
        });

        var workflow = app.Services.GetRequiredService<IOptionsMonitor<WorkflowOptions>>().CurrentValue;

        Assert.Equal(new TimeOnly(7, 30), workflow.DigestAt);
        Assert.Equal(TimeSpan.FromMinutes(45), workflow.ReviewWithin);
        Assert.Equal(TimeSpan.FromHours(26), workflow.EscalateToManagerAfter);
    }

    [Fact]
    public void The_example_settings_list_every_workflow_option_with_its_default()
    {
        var example = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot.Find(), "appsettings.example.json"))
            .Build()
            .GetSection(WorkflowOptions.Section);
        var defaults = new WorkflowOptions();

        var expected = typeof(WorkflowOptions).GetProperties()
            .ToDictionary(p => p.Name, p => p.GetValue(defaults) switch
            {
                TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
                TimeOnly time => time.ToString("HH:mm", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture),
            });
        var documented = example.GetChildren().ToDictionary(c => c.Key, c => c.Value);

        Assert.Equal(expected.OrderBy(p => p.Key), documented.OrderBy(p => p.Key));
    }

    [Fact]
    public void Smtp_delivery_without_a_host_stops_start_up_naming_the_key()
    {
        var failure = StartupFailure("Testing", new Dictionary<string, string?> { ["Email:Delivery"] = "Smtp", ["Email:Smtp:Host"] = "" });

        Assert.Contains("Email:Smtp:Host", FindValidationFailure(failure).Message);
    }

    [Fact]
    public void An_unknown_enum_value_stops_start_up_naming_the_key()
    {
        var failure = StartupFailure("Testing", new Dictionary<string, string?> { ["Email:Delivery"] = "CarrierPigeon" });

        Assert.Contains("Email:Delivery", Flatten(failure));
    }

    [Fact]
    public async Task Sign_in_survives_a_restart_because_data_protection_keys_are_in_the_database()
    {
        var directory = Path.Combine(Path.GetTempPath(), "leadmanager-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string cookie;
            using (var first = new TestApp("Testing", null, directory))
            {
                var client = first.CreateBrowserLikeClient();
                var response = await StaffSignIn.SignInAsync(client, "reception@clinic.test", TestApp.DemoPassword);
                cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            }

            using var second = new TestApp("Testing", null, directory);
            var again = second.CreateBrowserLikeClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/board");
            request.Headers.Add("Cookie", cookie);

            var board = await again.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Starts the app expecting it to fail. WebApplicationFactory's deferred host can, rarely,
    /// report a failed start as ObjectDisposedException (it disposes the services while the
    /// entry point is still unwinding); that says nothing about our start-up, so try again.
    /// </summary>
    private static Exception StartupFailure(string environment, Dictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var app = new TestApp(environment, settings);
            var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
            if (failure is not ObjectDisposedException || attempt == 3)
            {
                return failure;
            }
        }
    }

    private static OptionsValidationException FindValidationFailure(Exception failure)
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            if (current is OptionsValidationException validation)
            {
                return validation;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        throw new Xunit.Sdk.XunitException("Start-up failed, but not with an options validation message: " + failure);
    }

    private static string Flatten(Exception failure)
    {
        var messages = new List<string>();
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }
}
