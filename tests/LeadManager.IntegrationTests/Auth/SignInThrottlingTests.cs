using System.Net;
using LeadManager.Data.Staff;
using Microsoft.Extensions.Logging;

namespace LeadManager.IntegrationTests.Auth;

/// <summary>
/// Sign-in posts per address and per account (SignIn:*), on top of the lockout. Each test runs
/// its own app on Kestrel: the limits count per process, and a test's posts must not count
/// against another's.
/// </summary>
public sealed class SignInThrottlingTests
{
    private const string WrongPassword = "Wrong-Horse-Battery-Staple";

    [Fact]
    public async Task The_31st_sign_in_post_from_one_address_within_a_minute_gets_a_friendly_429_with_Retry_After()
    {
        await using var app = KestrelApp.Start();
        var client = app.Client();

        for (var i = 1; i <= 30; i++)
        {
            var allowed = await StaffSignIn.SignInAsync(client, $"nobody{i}@clinic.test", WrongPassword);
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"post {i} answered {(int)allowed.StatusCode}");
        }

        var refused = await StaffSignIn.SignInAsync(client, "nobody31@clinic.test", WrongPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromMinutes(1), $"Retry-After {retryAfter}");
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sign-in-throttled\"", page);
        Assert.Contains("Too many sign-in attempts", page);
        Assert.Contains("Please wait a minute", page);
        Assert.Contains("class=\"public-shell\"", page);
        Assert.DoesNotContain("MudBlazor", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("nobody31", page);
        // Reading the page is never counted: it still opens, with its form.
        var reading = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        Assert.Contains("__RequestVerificationToken", await reading.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_clinic_of_twenty_signing_in_from_one_address_some_mistyping_first_is_never_throttled()
    {
        await using var app = KestrelApp.Start(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        const string password = "Clinic-Morning-2026";
        var staff = Enumerable.Range(1, 20).Select(n => $"staff{n}@clinic.test").ToList();
        foreach (var email in staff)
        {
            await app.AddStaffAsync(email, password, StaffRoles.Receptionist);
        }

        // The start of the day: everyone behind the clinic's one address signs in within the
        // minute, and every fourth person gets the password wrong first.
        var answers = new List<string>();
        for (var n = 0; n < staff.Count; n++)
        {
            var client = app.Client();
            if (n % 4 == 0)
            {
                var mistyped = await StaffSignIn.SignInAsync(client, staff[n], password + "x");
                answers.Add($"{staff[n]} mistyped: {(int)mistyped.StatusCode}");
                Assert.Contains("don&#x27;t match an account", await mistyped.Content.ReadAsStringAsync());
            }

            var signedIn = await StaffSignIn.SignInAsync(client, staff[n], password);
            answers.Add($"{staff[n]}: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect && Redirect.PathOf(signedIn) == "/board", string.Join("\n", answers));
        }

        Assert.DoesNotContain(app.Log.Lines, l => l.Text.Contains("throttled", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_11th_post_for_one_account_within_a_minute_is_throttled_even_from_different_addresses()
    {
        await using var app = KestrelApp.Start(new Dictionary<string, string?>
        {
            // The test client is a proxy in front of many clients, each posting once; the
            // address limit is low, so were the posts not told apart by address it would refuse them first.
            ["App:KnownProxies:0"] = "127.0.0.1",
            ["App:KnownProxies:1"] = "::1",
            ["SignIn:PermitPerAddressPerMinute"] = "3",
        });
        Assert.Equal(10, app.Option<Web.Auth.SignInThrottleOptions>().PermitPerAccountPerMinute);
        // However it is typed, it is the one account.
        string[] spellings = ["clinician4@clinic.test", "Clinician4@Clinic.Test", " CLINICIAN4@CLINIC.TEST "];

        for (var i = 1; i <= 10; i++)
        {
            var allowed = await StaffSignIn.SignInAsync(app.Client(forwardedFor: $"203.0.113.{i}"), spellings[i % 3], WrongPassword);
            Assert.True(allowed.StatusCode != HttpStatusCode.TooManyRequests, $"post {i} was throttled: {await allowed.Content.ReadAsStringAsync()}");
        }

        var refused = await StaffSignIn.SignInAsync(app.Client(forwardedFor: "203.0.113.11"), spellings[0], TestApp.DemoPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sign-in-throttled\"", page);
        Assert.Contains("for this account", page);
        // Only that account is held back: someone else signs in from the same address.
        var colleague = await StaffSignIn.SignInAsync(app.Client(forwardedFor: "203.0.113.11"), "clinician3@clinic.test", TestApp.DemoPassword);
        Assert.Equal("/my-calls", Redirect.PathOf(colleague));
    }

    [Fact]
    public async Task Five_wrong_passwords_still_lock_the_account_and_the_lockout_is_logged_as_a_warning()
    {
        await using var app = KestrelApp.Start();
        var client = app.Client();
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await StaffSignIn.SignInAsync(client, "reception2@clinic.test", $"{WrongPassword}-{i}")).StatusCode);
        }

        var fifth = await StaffSignIn.SignInAsync(client, "reception2@clinic.test", $"{WrongPassword}-5");
        var rightPassword = await StaffSignIn.SignInAsync(client, "reception2@clinic.test", TestApp.DemoPassword);

        Assert.Equal("/Account/Lockout", Redirect.PathOf(fifth));
        Assert.Equal("/Account/Lockout", Redirect.PathOf(rightPassword));
        Assert.Contains("locked for 15 minutes", await client.GetStringAsync("/Account/Lockout"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/board")).StatusCode);
        Assert.Contains(app.Log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("locked out", StringComparison.Ordinal)
            && l.Text.Contains("r***@clinic.test", StringComparison.Ordinal) && l.Text.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_log_lines_carry_neither_the_password_nor_the_whole_email()
    {
        await using var app = KestrelApp.Start(new Dictionary<string, string?>
        {
            ["App:KnownProxies:0"] = "127.0.0.1",
            ["App:KnownProxies:1"] = "::1",
            ["SignIn:PermitPerAddressPerMinute"] = "12",
            ["SignIn:PermitPerAccountPerMinute"] = "7",
        });
        app.Log.Clear(); // what start-up wrote is not about signing in
        const string victim = "clinician2@clinic.test";
        var passwords = Enumerable.Range(0, 7).Select(i => $"Guess-{i}-Tr0ub4dor").ToList();

        // A right password, a wrong one, a lockout, a locked account tried again, the account limit…
        await StaffSignIn.SignInAsync(app.Client(), "reception@clinic.test", TestApp.DemoPassword);
        await StaffSignIn.SignInAsync(app.Client(), "nobody-at-all@clinic.test", passwords[0]);
        for (var i = 0; i < 7; i++)
        {
            await StaffSignIn.SignInAsync(app.Client(forwardedFor: $"198.51.100.{i + 1}"), victim, passwords[i]);
        }

        var accountLimited = await StaffSignIn.SignInAsync(app.Client(forwardedFor: "198.51.100.99"), victim, TestApp.DemoPassword);
        // …and the address limit, from one forwarded client.
        HttpResponseMessage? addressLimited = null;
        var flood = app.Client(forwardedFor: "203.0.113.50");
        for (var i = 0; i < 13 && addressLimited is null; i++)
        {
            var response = await StaffSignIn.SignInAsync(flood, $"spray{i}@clinic.test", passwords[i % passwords.Count]);
            addressLimited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, accountLimited.StatusCode);
        Assert.NotNull(addressLimited);
        var lines = app.Log.Lines;
        var warnings = lines.Where(l => l.Level == LogLevel.Warning && l.Category.StartsWith("LeadManager", StringComparison.Ordinal)).Select(l => l.Text).ToList();
        Assert.Contains(warnings, w => w.Contains("locked out", StringComparison.Ordinal) && w.Contains("c***@clinic.test", StringComparison.Ordinal) && w.Contains("198.51.100.", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("for account c***@clinic.test", StringComparison.Ordinal) && w.Contains("198.51.100.99", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("from 203.0.113.50", StringComparison.Ordinal));
        string[] secrets = [victim, "reception@clinic.test", "nobody-at-all@clinic.test", "spray0@clinic.test", TestApp.DemoPassword, .. passwords];
        foreach (var line in lines)
        {
            foreach (var secret in secrets)
            {
                Assert.False(line.Text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The log line '{line}' carries '{secret}'.");
            }
        }
    }
}
