using System.Net;
using System.Net.Http.Json;

namespace LeadManager.IntegrationTests.Intake;

/// <summary>Each test runs its own app, because each sets a limit the others must not feel.</summary>
public sealed class IntakeLimitTests
{
    [Fact]
    public async Task A_form_sent_faster_than_a_person_can_fill_it_is_answered_like_a_success_and_stored_nowhere()
    {
        await using var app = new TestApp("Testing", new Dictionary<string, string?> { ["Intake:MinimumFillSeconds"] = "60", ["Demo:Seed"] = "false" });
        var client = app.CreateBrowserLikeClient();
        var person = new IntakeApp().NewPerson();

        var response = await RequestForm.PostAsync(client, person);

        Assert.StartsWith("/request/received", Redirect.PathOf(response));
        Assert.Equal(0, await CountAsync(app));
    }

    [Fact]
    public async Task Form_posts_over_the_limit_get_a_friendly_429_page()
    {
        await using var app = new TestApp("Testing", new Dictionary<string, string?>
        {
            ["Intake:MinimumFillSeconds"] = "0",
            ["Intake:FormPermitLimit"] = "2",
            ["Intake:FormWindowSeconds"] = "600",
            ["Demo:Seed"] = "false",
        });
        var client = app.CreateBrowserLikeClient();
        var people = new IntakeApp();

        var first = await RequestForm.PostAsync(client, people.NewPerson());
        var second = await RequestForm.PostAsync(client, people.NewPerson());
        var third = await RequestForm.PostAsync(client, people.NewPerson());

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter is not null);
        var page = await third.Content.ReadAsStringAsync();
        Assert.Contains("Please wait a few minutes", page);
        Assert.Contains("999", page);
        Assert.Equal(2, await CountAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/request")).StatusCode);
    }

    [Fact]
    public async Task Api_posts_over_the_limit_get_429_problem_json()
    {
        await using var app = new TestApp("Testing", new Dictionary<string, string?>
        {
            ["Intake:ApiPermitLimit"] = "1",
            ["Intake:ApiWindowSeconds"] = "600",
            ["Demo:Seed"] = "false",
        });
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);

        await client.PostAsJsonAsync("/api/leads", new { });
        var second = await client.PostAsJsonAsync("/api/leads", new { });

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_form_post_over_the_size_limit_gets_a_friendly_413_page()
    {
        await using var app = new TestApp("Testing", new Dictionary<string, string?> { ["Intake:MinimumFillSeconds"] = "0", ["Demo:Seed"] = "false" });
        var client = app.CreateBrowserLikeClient();
        var person = new IntakeApp().NewPerson(("concern", new string('x', 200_000)));

        var response = await RequestForm.PostAsync(client, person);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too much to send", await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var db = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.LeadDbContext>>(app.Services).CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Leads);
    }
}
