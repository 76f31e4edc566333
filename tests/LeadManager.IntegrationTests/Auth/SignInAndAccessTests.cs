using System.Net;
using System.Text.Json;

namespace LeadManager.IntegrationTests.Auth;

public sealed class SignInAndAccessTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Anonymous_board_redirects_to_sign_in()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync("/board");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", Redirect.PathOf(response));
        Assert.Contains("ReturnUrl=%2Fboard", response.Headers.Location!.Query);
    }

    [Theory]
    [InlineData("/api/leads")]
    [InlineData("/api/leads/DC-7K3P9Q")]
    public async Task Api_without_a_key_answers_401_json_not_a_redirect(string path)
    {
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_with_a_wrong_key_answers_401()
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-right-key-at-all");

        var response = await client.GetAsync("/api/leads/DC-7K3P9Q");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_with_the_key_tells_where_a_request_stands_without_personal_details()
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);

        var unknown = await client.GetAsync("/api/leads/DC-7K3P9Q");
        var malformed = await client.GetAsync("/api/leads/hello");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("DC-7K3P9Q", await malformed.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("reception@clinic.test", "/board")]
    [InlineData("clinician@clinic.test", "/my-calls")]
    [InlineData("admin@clinic.test", "/board")]
    public async Task Each_demo_role_lands_on_its_home_after_sign_in(string email, string home)
    {
        var client = app.CreateBrowserLikeClient();

        var response = await StaffSignIn.SignInAsync(client, email, TestApp.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, Redirect.PathOf(response));
        var page = await client.GetAsync(home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(email, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_that_asked_for_it()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await StaffSignIn.SignInAsync(client, "clinician@clinic.test", TestApp.DemoPassword, returnUrl: "/leads");

        Assert.Equal("/leads", Redirect.PathOf(response));
    }

    [Fact]
    public async Task Sign_in_never_redirects_to_another_site()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await StaffSignIn.SignInAsync(client, "clinician@clinic.test", TestApp.DemoPassword, returnUrl: "//evil.example/");

        Assert.Equal("/my-calls", Redirect.PathOf(response));
    }

    [Theory]
    [InlineData("clinician@clinic.test", "/board")]
    [InlineData("reception@clinic.test", "/reports")]
    [InlineData("reception@clinic.test", "/admin")]
    [InlineData("admin@clinic.test", "/my-calls")]
    public async Task A_page_the_role_may_not_use_redirects_to_access_denied(string email, string path)
    {
        var client = app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(client, email, TestApp.DemoPassword);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Redirect.PathOf(response));
        var denied = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Not available for your role", denied);
    }

    [Fact]
    public async Task Navigation_shows_each_role_only_what_it_may_use()
    {
        var reception = app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(reception, "reception@clinic.test", TestApp.DemoPassword);
        var clinician = app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(clinician, "clinician@clinic.test", TestApp.DemoPassword);

        var receptionPage = await reception.GetStringAsync("/board");
        var clinicianPage = await clinician.GetStringAsync("/my-calls");

        Assert.Contains("href=\"/board\"", receptionPage);
        Assert.DoesNotContain("href=\"/my-calls\"", receptionPage);
        Assert.DoesNotContain("href=\"/reports\"", receptionPage);
        Assert.Contains("href=\"/my-calls\"", clinicianPage);
        Assert.DoesNotContain("href=\"/board\"", clinicianPage);
        Assert.DoesNotContain("href=\"/admin\"", clinicianPage);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_clear_message_and_keeps_the_email()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await StaffSignIn.SignInAsync(client, "clinician3@clinic.test", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("don&#x27;t match an account", html);
        Assert.Contains("value=\"clinician3@clinic.test\"", html);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var client = app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await StaffSignIn.SignInAsync(client, "reception2@clinic.test", $"wrong-password-{i}");
        }

        var response = await StaffSignIn.SignInAsync(client, "reception2@clinic.test", TestApp.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Lockout", Redirect.PathOf(response));
        var lockout = await client.GetStringAsync("/Account/Lockout");
        Assert.Contains("locked for 15 minutes", lockout);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/board")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(client, "clinician2@clinic.test", TestApp.DemoPassword);
        var page = await client.GetStringAsync("/my-calls");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryToken(page),
        }));

        Assert.Equal("/Account/SignedOut", Redirect.PathOf(response));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my-calls")).StatusCode);
    }

    [Fact]
    public async Task The_front_door_leads_to_sign_in_or_to_the_role_home()
    {
        var anonymous = app.CreateBrowserLikeClient();
        var clinician = app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(clinician, "clinician@clinic.test", TestApp.DemoPassword);

        Assert.Equal("/Account/Login", Redirect.PathOf(await anonymous.GetAsync("/")));
        Assert.Equal("/my-calls", Redirect.PathOf(await clinician.GetAsync("/")));
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/AccessDenied")]
    [InlineData("/Account/SignedOut")]
    [InlineData("/openapi/v1.json")]
    public async Task Public_pages_open_without_signing_in(string path)
    {
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_page_is_plain_html_with_no_live_connection()
    {
        var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/Account/Login");

        Assert.DoesNotMatch("<script[^>]*blazor\\.web", html);
        Assert.Contains("<form", html);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.Contains("autocomplete=\"current-password\"", html);
    }

    [Fact]
    public async Task Health_answers_healthy_when_the_database_answers()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
