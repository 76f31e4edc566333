using System.Net;
using System.Text.RegularExpressions;
using LeadManager.IntegrationTests.Intake;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadManager.IntegrationTests.Operations;

/// <summary>
/// The Content Security Policy and the other security headers each kind of page answers with,
/// over real HTTP from the real app (Operations/SecurityHeaders.cs). Whether a browser finds a
/// violation on the pages themselves is the browser tests' job (BrowserFixture's CSP watch).
/// </summary>
public sealed partial class SecurityHeaderTests(IntakeApp app) : IClassFixture<IntakeApp>
{
    private const string Strict = "default-src 'self'; object-src 'none'; form-action 'self'; base-uri 'self'";

    private HttpClient Cookieless() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Theory]
    [InlineData("/request")]
    [InlineData("/privacy")]
    [InlineData("/Account/Login")]
    [InlineData("/Account/AccessDenied")]
    [InlineData("/manage/not-a-token")]
    [InlineData("/no-such-page")]
    public async Task Public_pages_run_no_inline_script_or_style_and_refuse_to_be_framed(string path)
    {
        var response = await Cookieless().GetAsync(path);

        Assert.Equal($"{Strict}; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task The_confirmation_page_is_as_strict_as_the_form()
    {
        var client = app.CreateBrowserLikeClient();
        var posted = await RequestForm.PostAsync(client, app.NewPerson());

        var confirmation = await client.GetAsync(Redirect.PathOf(posted));

        Assert.StartsWith("/request/received?t=", Redirect.PathOf(posted));
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Equal($"{Strict}; frame-ancestors 'none'", Header(confirmation, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/embed/request")]
    [InlineData("/embed/no-such-page")] // the not-found page shown inside the clinic website's frame
    public async Task The_embed_is_as_strict_and_may_be_framed_only_by_the_clinic_website_without_cookies(string path)
    {
        var response = await Cookieless().GetAsync(path);

        Assert.Equal($"{Strict}; frame-ancestors 'self' {IntakeApp.ClinicWebsite}", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Staff_pages_run_only_this_apps_scripts_and_the_import_map_carrying_the_responses_nonce()
    {
        var client = await SignedInAsync("reception@clinic.test");

        var response = await client.GetAsync("/board");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Directives(Header(response, "Content-Security-Policy"));
        var nonce = Assert.Single(csp["script-src"], s => s.StartsWith("'nonce-", StringComparison.Ordinal))["'nonce-".Length..^1];
        Assert.Equal(["'self'", $"'nonce-{nonce}'"], csp["script-src"]);
        Assert.Equal(["'self'", "'unsafe-inline'"], csp["style-src"]); // MudBlazor's style attributes and theme
        Assert.Equal(["'self'", "data:"], csp["img-src"]);
        Assert.Equal(["'self'"], csp["connect-src"]); // the circuit's WebSocket to this host
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'self'"], csp["form-action"]);
        Assert.Equal(["'self'"], csp["base-uri"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        AssertCommonHeaders(response);

        // Every script on the page carries that nonce, the inline import map above all.
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.Contains(scripts, s => s.Contains("type=\"importmap\"", StringComparison.Ordinal));
        Assert.All(scripts, s => Assert.Equal(nonce, WebUtility.HtmlDecode(NonceAttribute().Match(s).Groups[1].Value)));
    }

    [Fact]
    public async Task Each_response_has_a_fresh_nonce()
    {
        var client = await SignedInAsync("reception@clinic.test");

        var nonces = new List<string>();
        foreach (var path in new[] { "/board", "/board", "/leads" })
        {
            var response = await client.GetAsync(path);
            nonces.Add(Assert.Single(Directives(Header(response, "Content-Security-Policy"))["script-src"], s => s.StartsWith("'nonce-", StringComparison.Ordinal)));
        }

        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public async Task Public_pages_carry_no_inline_script_for_a_nonce_to_allow()
    {
        var html = await Cookieless().GetStringAsync("/request");

        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.All(scripts, s => Assert.Matches("src=\"[^\"]+\"", s));
        Assert.DoesNotContain("nonce=", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);
    }

    [Fact]
    public async Task The_jobs_dashboard_may_write_inline_styles_but_runs_only_its_own_scripts()
    {
        var client = await SignedInAsync("admin@clinic.test");

        var response = await client.GetAsync("/hangfire");

        // Served by Hangfire where SecurityHeaders.JobsDashboardPath says (else this is the not-found page's strict policy).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("LeadManager jobs", await response.Content.ReadAsStringAsync());
        var csp = Directives(Header(response, "Content-Security-Policy"));
        Assert.False(csp.ContainsKey("script-src")); // default-src 'self'
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal(["'self'", "'unsafe-inline'"], csp["style-src"]);
        Assert.Equal(["'self'", "data:"], csp["img-src"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/health")]
    [InlineData("/api/leads/DC-NOSUCH")]
    public async Task Documents_that_are_not_pages_get_the_strict_policy_and_the_common_headers(string path)
    {
        var response = await Cookieless().GetAsync(path);

        Assert.Equal($"{Strict}; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        AssertCommonHeaders(response);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        var permissions = Header(response, "Permissions-Policy").Split(", ");
        foreach (var feature in new[] { "camera", "microphone", "geolocation", "payment", "usb", "display-capture" })
        {
            Assert.Contains($"{feature}=()", permissions);
        }
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        var signIn = await StaffSignIn.SignInAsync(client, email, TestApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? Assert.Single(contentValues)
        : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: no {name} header.");

    private static Dictionary<string, string[]> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

    [GeneratedRegex("<script\\b[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("\\bnonce=\"([^\"]*)\"")]
    private static partial Regex NonceAttribute();
}
