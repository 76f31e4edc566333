using System.Net;
using LeadManager.Data.Leads;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadManager.IntegrationTests.Intake;

public sealed class EmbedFormTests(IntakeApp app) : IClassFixture<IntakeApp>
{
    private HttpClient CookielessClient() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task The_embedded_form_posts_with_no_cookies_at_all_from_the_clinic_website()
    {
        var client = CookielessClient();
        var person = app.NewPerson();

        var response = await RequestForm.PostAsync(client, person, path: "/embed/request", origin: IntakeApp.ClinicWebsite);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/embed/request/received?t=", Redirect.PathOf(response));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False((await client.GetAsync("/embed/request")).Headers.Contains("Set-Cookie"));
        var confirmation = await client.GetStringAsync(Redirect.PathOf(response));
        var lead = await app.FindLeadAsync(person["email"]);
        Assert.Equal(LeadChannel.Embed, lead!.Channel);
        Assert.Contains(lead.Reference, confirmation);
    }

    [Fact]
    public async Task A_post_from_another_site_is_refused_and_stores_nothing()
    {
        var person = app.NewPerson();

        var response = await RequestForm.PostAsync(CookielessClient(), person, path: "/embed/request", origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("can't be sent from here", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.FindLeadAsync(person["email"]));
    }

    [Fact]
    public async Task Only_the_embed_may_be_framed_and_only_by_the_clinic_website()
    {
        var client = CookielessClient();

        var embed = await client.GetAsync("/embed/request");
        var form = await client.GetAsync("/request");
        var signIn = await client.GetAsync("/Account/Login");

        Assert.Equal($"frame-ancestors 'self' {IntakeApp.ClinicWebsite}", FrameAncestors(embed));
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", FrameAncestors(form));
        Assert.Equal("frame-ancestors 'none'", FrameAncestors(signIn));
        Assert.Equal("DENY", signIn.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_embedded_form_has_no_app_chrome()
    {
        var html = await CookielessClient().GetStringAsync("/embed/request");

        Assert.DoesNotContain("public-header", html);
        Assert.Contains("data-testid=\"request-form\"", html);
        Assert.DoesNotContain("__RequestVerificationToken", html);
    }

    private static string FrameAncestors(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split("; ").Single(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal));
}
