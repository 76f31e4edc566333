using System.Text.Json;
using System.Text.Json.Serialization;
using LeadManager.Data.Leads;
using Microsoft.AspNetCore.RateLimiting;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// POST /api/leads: the clinic website's own form (server to server) through the same
/// validation, screening, duplicate rule and outbox as the public form. docs/api.md lists
/// every field and value.
/// </summary>
public static class IntakeApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        MaxDepth = 8,
    };

    public sealed record FundingJson(string? Type, string? Insurer);

    public sealed record ConsentsJson(bool Contact, bool HealthData, bool Marketing, string? PrivacyNoticeVersion);

    public sealed record UtmJson(string? Source, string? Medium, string? Campaign);

    public sealed record LeadRequestJson(
        string? ForWhom,
        string? ContactName,
        string? FirstName,
        string? LastName,
        string? Email,
        string? Phone,
        string? Site,
        string? BodyArea,
        string? Concern,
        string? Duration,
        List<string>? PreviousCare,
        List<string>? PreferredTimes,
        FundingJson? Funding,
        string? HeardAbout,
        bool? Screened,
        List<string>? RedFlags,
        ConsentsJson? Consents,
        UtmJson? Utm);

    public sealed record LeadCreatedJson(string? Reference, string Triage);

    public static void MapIntakeApi(this RouteGroupBuilder api) =>
        api.MapPost("/leads", async (HttpContext context, SubmitLeadRequest submit, CancellationToken cancellationToken) =>
            {
                LeadRequestJson? body;
                try
                {
                    body = await JsonSerializer.DeserializeAsync<LeadRequestJson>(context.Request.Body, Json, cancellationToken);
                }
                catch (JsonException exception)
                {
                    var where = string.IsNullOrEmpty(exception.Path) ? "the body" : exception.Path;
                    return Results.ValidationProblem(
                        new Dictionary<string, string[]> { [where] = [$"This is not valid JSON for a request at {where}: check the type of the value (text, true/false or a list)."] },
                        title: "The request body could not be read.");
                }

                if (body is null)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the request as a JSON object."] });
                }

                var (accepted, errors) = await submit.SubmitAsync(ToSubmission(body), LeadChannel.Api, cancellationToken);
                if (accepted is null)
                {
                    return Results.ValidationProblem(
                        errors.GroupBy(e => JsonField(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                        title: "Some fields need attention.");
                }

                var created = new LeadCreatedJson(accepted.Reference, accepted.Triage.ToString());
                return accepted.Reference is null ? Results.Json(created, statusCode: StatusCodes.Status201Created) : Results.Created($"/api/leads/{accepted.Reference}", created);
            })
            .Accepts<LeadRequestJson>("application/json")
            .Produces<LeadCreatedJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(IntakeRateLimits.ApiPolicy)
            .WithName("SubmitLead")
            .WithSummary("Submit a discovery-call request from the clinic's website.");

    private static LeadSubmission ToSubmission(LeadRequestJson body) => new()
    {
        ForWhom = body.ForWhom,
        ContactName = body.ContactName,
        FirstName = body.FirstName,
        LastName = body.LastName,
        Email = body.Email,
        Phone = body.Phone,
        Site = body.Site,
        BodyArea = body.BodyArea,
        Concern = body.Concern,
        Duration = body.Duration,
        PreviousCare = body.PreviousCare ?? [],
        PreferredTimes = body.PreferredTimes ?? [],
        Funding = body.Funding?.Type,
        Insurer = body.Funding?.Insurer,
        HeardAbout = body.HeardAbout,
        Screened = body.Screened ?? false,
        RedFlags = body.RedFlags ?? [],
        ConsentContact = body.Consents?.Contact ?? false,
        ConsentHealthData = body.Consents?.HealthData ?? false,
        ConsentMarketing = body.Consents?.Marketing ?? false,
        PrivacyNoticeVersion = body.Consents?.PrivacyNoticeVersion,
        UtmSource = body.Utm?.Source,
        UtmMedium = body.Utm?.Medium,
        UtmCampaign = body.Utm?.Campaign,
    };

    private static string JsonField(string field) => field switch
    {
        "Funding" => "funding.type",
        "Insurer" => "funding.insurer",
        "ConsentContact" => "consents.contact",
        "ConsentHealthData" => "consents.healthData",
        "PrivacyNoticeVersion" => "consents.privacyNoticeVersion",
        "UtmSource" => "utm.source",
        "UtmMedium" => "utm.medium",
        "UtmCampaign" => "utm.campaign",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };
}
