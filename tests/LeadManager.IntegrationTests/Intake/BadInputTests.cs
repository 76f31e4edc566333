using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace LeadManager.IntegrationTests.Intake;

/// <summary>Nasty input in every field: never a 500, and patient text is never rendered unencoded.</summary>
public sealed class BadInputTests(IntakeApp app) : IClassFixture<IntakeApp>
{
    private const string Marker = "<script>alert('xss')</script>";

    public static TheoryData<string> Corpus() =>
    [
        Marker,
        "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE Leads; --",
        "1 OR 1=1",
        "line one\r\nBcc: victim@example.com\r\n",
        "nul\0byte",
        "\u202Eevil right-to-left override\u202C",
        "مرحبا بالعالم — עברית",
        "😀🦵🏽🧠 emoji",
        new string('W', 5000),
        "{{7*7}} ${7*7} <%= 7*7 %>",
        "%00%0d%0a",
    ];

    public static TheoryData<string> Fields() =>
        ["contactName", "firstName", "lastName", "phone", "email", "site", "bodyArea", "concern", "duration", "funding", "insurer", "heardAbout", "preferredTimes", "previousCare", "redFlags", "forWhom", "utmSource"];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Every_form_field_survives_nasty_input_without_a_500_or_raw_markup(string nasty)
    {
        var client = app.CreateBrowserLikeClient();
        foreach (var field in Fields())
        {
            var response = await RequestForm.PostAsync(client, app.NewPerson((field, nasty), ("forWhom", field == "forWhom" ? nasty : "someone-else"), ("contactName", field == "contactName" ? nasty : "Carer")));

            Assert.True((int)response.StatusCode < 500, $"{field} with {Describe(nasty)} answered {(int)response.StatusCode}");
            var html = response.StatusCode == HttpStatusCode.Redirect
                ? await client.GetStringAsync(Redirect.PathOf(response))
                : await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Marker, html);
            Assert.DoesNotContain("<img src=x", html);
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Every_api_field_survives_nasty_input_without_a_500(string nasty)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);
        foreach (var field in new[] { "forWhom", "contactName", "firstName", "lastName", "email", "phone", "site", "bodyArea", "concern", "duration", "heardAbout" })
        {
            var body = new Dictionary<string, object?>
            {
                ["forWhom"] = "me", ["firstName"] = "A", ["lastName"] = "B", ["email"] = $"n{Guid.NewGuid():N}@example.com",
                ["phone"] = "07911 123456", ["bodyArea"] = "neck", ["concern"] = "x", ["screened"] = true,
                ["consents"] = new { contact = true, healthData = true },
                [field] = nasty,
            };

            var response = await client.PostAsJsonAsync("/api/leads", body);

            Assert.True((int)response.StatusCode < 500, $"{field} with {Describe(nasty)} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Stored_text_comes_back_cleaned_and_the_timeline_never_holds_it()
    {
        var person = app.NewPerson(("firstName", "Ann\r\nBcc: x@example.com"), ("concern", "Pain\u0007 after " + Marker));

        await RequestForm.SubmitAndReadConfirmationAsync(app.CreateBrowserLikeClient(), person);

        var lead = await app.FindLeadAsync(person["email"]);
        Assert.Equal("Ann Bcc: x@example.com", lead!.FirstName);
        Assert.Equal("Pain after " + Marker, lead.Concern);
        Assert.DoesNotContain(lead.Events, e => e.Details.Contains("Pain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_at_all_is_refused_without_a_500()
    {
        var client = app.CreateBrowserLikeClient();

        var response = await client.PostAsync("/request", new ByteArrayContent(Encoding.UTF8.GetBytes("\0\0\0garbage")));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"Answered {(int)response.StatusCode}");
    }

    private static string Describe(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
