using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;

namespace LeadManager.IntegrationTests.Intake;

public sealed class IntakeApiTests(IntakeApp app) : IClassFixture<IntakeApp>
{
    private static int _people;

    private static object NewRequest(string? email = null, string? bodyArea = "knee", bool screened = true, string[]? redFlags = null)
    {
        var n = Interlocked.Increment(ref _people);
        return new
        {
            forWhom = "me",
            firstName = "Api",
            lastName = $"Patient {n}",
            email = email ?? $"api{n}-{Guid.NewGuid():N}@example.com",
            phone = $"+44 7911 {250000 + n:000000}",
            site = "Town Centre",
            bodyArea,
            concern = "Knee gave way playing football.",
            duration = "weeks",
            previousCare = new[] { "gp" },
            preferredTimes = new[] { "evenings", "saturday" },
            funding = new { type = "insurance", insurer = "AXA Health" },
            heardAbout = "Search engine",
            screened,
            redFlags = redFlags ?? [],
            consents = new { contact = true, healthData = true, marketing = false, privacyNoticeVersion = "2026-10" },
            utm = new { source = "website", medium = "article", campaign = "knee-pain" },
        };
    }

    private HttpClient ApiClient()
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);
        return client;
    }

    [Fact]
    public async Task A_valid_request_answers_201_with_the_reference_and_is_stored_like_a_form_request()
    {
        var request = NewRequest();

        var response = await ApiClient().PostAsJsonAsync("/api/leads", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var reference = json.RootElement.GetProperty("reference").GetString();
        Assert.Matches("^DC-[A-Z0-9]{6}$", reference);
        Assert.Equal("Routine", json.RootElement.GetProperty("triage").GetString());
        Assert.Equal($"/api/leads/{reference}", response.Headers.Location!.OriginalString);
        var lead = await app.FindLeadAsync(JsonSerializer.SerializeToElement(request).GetProperty("email").GetString()!);
        Assert.Equal(LeadChannel.Api, lead!.Channel);
        Assert.Equal(Funding.HealthInsurance, lead.Funding);
        Assert.Equal("AXA Health", lead.InsurerName);
        Assert.Equal("2026-10", lead.PrivacyNoticeVersion);
        Assert.Equal("knee-pain", lead.UtmCampaign);
        Assert.Equal(PreferredCallTimes.Evenings | PreferredCallTimes.Saturday, lead.PreferredCallTimes);
        Assert.Equal(2, (await app.OutboxForAsync(lead.Id)).Count);
    }

    [Fact]
    public async Task A_form_that_did_not_ask_the_red_flag_questions_is_NotScreened()
    {
        var response = await ApiClient().PostAsJsonAsync("/api/leads", NewRequest(screened: false));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NotScreened", json.RootElement.GetProperty("triage").GetString());
    }

    [Fact]
    public async Task Red_flags_through_the_api_are_screened_the_same_way()
    {
        var response = await ApiClient().PostAsJsonAsync("/api/leads", NewRequest(redFlags: ["weakness-face-speech-vision-swallowing"]));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Emergency", json.RootElement.GetProperty("triage").GetString());
    }

    [Fact]
    public async Task Unknown_values_answer_400_with_an_error_per_field()
    {
        var response = await ApiClient().PostAsJsonAsync("/api/leads", NewRequest(bodyArea: "spleen"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Contains("neck", errors.GetProperty("bodyArea")[0].GetString());
    }

    [Fact]
    public async Task Missing_consents_and_fields_are_named_with_their_json_paths()
    {
        var response = await ApiClient().PostAsync("/api/leads", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        foreach (var field in new[] { "forWhom", "firstName", "lastName", "email", "phone", "bodyArea", "concern", "consents.contact", "consents.healthData" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }
    }

    [Theory]
    [InlineData("{\"screened\": \"yes\"}")]
    [InlineData("{\"firstName\": 42}")]
    [InlineData("{\"previousCare\": \"gp\"}")]
    [InlineData("{\"consents\": []}")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    public async Task Wrong_types_and_broken_json_answer_400_never_500(string body)
    {
        var response = await ApiClient().PostAsync("/api/leads", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Posting_without_a_key_answers_401_and_stores_nothing()
    {
        var before = await app.CountLeadsAsync();

        var response = await app.CreateBrowserLikeClient().PostAsJsonAsync("/api/leads", NewRequest());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await app.CountLeadsAsync());
    }

    [Fact]
    public async Task A_ten_megabyte_body_answers_413()
    {
        var huge = "{\"concern\":\"" + new string('a', 10 * 1024 * 1024) + "\"}";

        var response = await ApiClient().PostAsync("/api/leads", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_repeat_through_the_api_with_the_same_email_returns_the_existing_reference()
    {
        var email = $"repeat-{Guid.NewGuid():N}@example.com";
        var first = await ApiClient().PostAsJsonAsync("/api/leads", NewRequest(email));
        var second = await ApiClient().PostAsJsonAsync("/api/leads", NewRequest(email));

        using var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(a.RootElement.GetProperty("reference").GetString(), b.RootElement.GetProperty("reference").GetString());
        var lead = await app.FindLeadAsync(email);
        Assert.Contains(await app.OutboxForAsync(lead!.Id), e => e.Kind == OutboundEmailKinds.ReceptionRepeatRequest);
    }
}
