using System.Net;
using LeadManager.IntegrationTests.Intake;

namespace LeadManager.IntegrationTests.Auth;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed from App:KnownProxies only. The test
/// client connects from 127.0.0.1, so listing it (or a network holding it) makes the test a
/// proxy; leaving it out makes the test a client forging the headers.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task From_a_known_proxy_each_forwarded_client_gets_its_own_sign_in_limit()
    {
        await using var app = KestrelApp.Start(new Dictionary<string, string?>
        {
            ["App:KnownProxies:0"] = "127.0.0.0/8",
            ["App:KnownProxies:1"] = "::1",
            ["SignIn:PermitPerAddressPerMinute"] = "2",
        });
        var first = app.Client(forwardedFor: "203.0.113.10");
        var second = app.Client(forwardedFor: "198.51.100.20");

        var firstAnswers = new[]
        {
            await SignInAsync(first, "nobody1@clinic.test"),
            await SignInAsync(first, "nobody2@clinic.test"),
            await SignInAsync(first, "nobody3@clinic.test"),
        };
        var secondAnswer = await SignInAsync(second, "nobody4@clinic.test");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstAnswers);
        Assert.Equal(HttpStatusCode.OK, secondAnswer);
    }

    [Fact]
    public async Task From_a_known_proxy_each_forwarded_client_gets_its_own_request_form_limit()
    {
        await using var app = KestrelApp.Start(new Dictionary<string, string?>
        {
            ["App:KnownProxies:0"] = "127.0.0.1",
            ["App:KnownProxies:1"] = "::1",
            ["Intake:MinimumFillSeconds"] = "0",
            ["Intake:FormPermitLimit"] = "1",
            ["Demo:Seed"] = "false",
        });
        using var people = new IntakeApp();
        var first = app.Client(forwardedFor: "203.0.113.10");
        var second = app.Client(forwardedFor: "198.51.100.20");

        var firstSent = await RequestForm.PostAsync(first, people.NewPerson());
        var firstAgain = await RequestForm.PostAsync(first, people.NewPerson());
        var secondSent = await RequestForm.PostAsync(second, people.NewPerson());

        Assert.StartsWith("/request/received", Redirect.PathOf(firstSent));
        Assert.Equal(HttpStatusCode.TooManyRequests, firstAgain.StatusCode);
        Assert.StartsWith("/request/received", Redirect.PathOf(secondSent));
    }

    [Fact]
    public async Task From_a_known_proxy_X_Forwarded_Proto_https_makes_the_request_https()
    {
        await using var app = KestrelApp.Start(new Dictionary<string, string?>
        {
            ["App:KnownProxies:0"] = "127.0.0.1",
            ["App:KnownProxies:1"] = "::1",
        });
        var client = app.Client(forwardedFor: "203.0.113.10", forwardedProto: "https");

        var response = await StaffSignIn.SignInAsync(client, "reception@clinic.test", TestApp.DemoPassword);

        Assert.Equal("/board", Redirect.PathOf(response));
        AssertHttpsAnswer(response, expected: true);
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("10.0.0.0/8")]
    [InlineData(null)]
    public async Task From_an_address_that_is_not_a_known_proxy_the_forwarded_headers_are_ignored(string? knownProxy)
    {
        var settings = new Dictionary<string, string?> { ["SignIn:PermitPerAddressPerMinute"] = "2" };
        if (knownProxy is not null)
        {
            settings["App:KnownProxies:0"] = knownProxy;
        }

        await using var app = KestrelApp.Start(settings);
        Assert.Equal(knownProxy is null ? [] : new[] { knownProxy }, app.Option<Web.Configuration.AppOptions>().KnownProxies);
        var forger = app.Client(forwardedFor: "203.0.113.10", forwardedProto: "https");
        var otherForger = app.Client(forwardedFor: "198.51.100.20", forwardedProto: "https");

        var signedIn = await StaffSignIn.SignInAsync(forger, "reception@clinic.test", TestApp.DemoPassword);
        var second = await SignInAsync(forger, "nobody1@clinic.test");
        var third = await SignInAsync(otherForger, "nobody2@clinic.test");

        AssertHttpsAnswer(signedIn, expected: false);
        Assert.Equal(HttpStatusCode.OK, second);
        // One real address, however many clients the headers claim: one limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, third);
    }

    [Theory]
    [InlineData("10.0.0.300")]
    [InlineData("10.1")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("proxy.internal")]
    [InlineData("")]
    public void A_known_proxy_that_is_not_an_address_or_network_stops_start_up_naming_the_key(string entry)
    {
        var message = StartupFailureMessage(new Dictionary<string, string?> { ["App:KnownProxies:0"] = "127.0.0.1", ["App:KnownProxies:1"] = entry });

        Assert.Contains($"App:KnownProxies '{entry}'", message);
    }

    [Theory]
    [InlineData("SignIn:PermitPerAddressPerMinute", "0")]
    [InlineData("SignIn:PermitPerAccountPerMinute", "-1")]
    [InlineData("SignIn:PermitPerAccountPerMinute", "1000000")]
    public void A_sign_in_limit_out_of_range_stops_start_up_naming_the_key(string key, string value)
    {
        var message = StartupFailureMessage(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key, message);
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string email) =>
        (await StaffSignIn.SignInAsync(client, email, "Wrong-Horse-Battery-Staple")).StatusCode;

    // What https means to the person: the sign-in cookie is sent only over https, and a redirect
    // that names the address names it with https.
    private static void AssertHttpsAnswer(HttpResponseMessage response, bool expected)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("LeadManager.Staff=", StringComparison.Ordinal));
        Assert.Equal(expected, cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
        if (response.Headers.Location is { IsAbsoluteUri: true } location)
        {
            Assert.Equal(expected ? "https" : "http", location.Scheme);
        }
    }

    private static string StartupFailureMessage(Dictionary<string, string?> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var app = new TestApp("Testing", settings);
            var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
            if (failure is not ObjectDisposedException || attempt == 3)
            {
                var messages = new List<string>();
                for (Exception? current = failure; current is not null; current = current.InnerException)
                {
                    messages.Add(current.Message);
                    if (current is AggregateException aggregate)
                    {
                        messages.AddRange(aggregate.InnerExceptions.Select(e => e.Message));
                    }
                }

                return string.Join(" | ", messages);
            }
        }
    }
}
