using System.Net;
using System.Text.RegularExpressions;
using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Intake;

/// <summary>The app with intake limits opened up, so tests of the form itself are not throttled or slowed.</summary>
public sealed class IntakeApp() : TestApp("Testing", new Dictionary<string, string?>
{
    ["Intake:MinimumFillSeconds"] = "0",
    ["Intake:FormPermitLimit"] = "100000",
    ["Intake:ApiPermitLimit"] = "100000",
    ["Intake:EmbedOrigins:0"] = IntakeApp.ClinicWebsite,
})
{
    public const string ClinicWebsite = "https://www.clinic-site.test";

    private int _people;

    /// <summary>A valid form post for a new person each time (distinct email and phone, so no repeat rule).</summary>
    public Dictionary<string, string> NewPerson(params (string Field, string Value)[] overrides)
    {
        var n = Interlocked.Increment(ref _people);
        var fields = new Dictionary<string, string>
        {
            ["forWhom"] = "me",
            ["firstName"] = "Test",
            ["lastName"] = $"Patient {n}",
            ["phone"] = $"07911 {200000 + n:000000}",
            ["email"] = $"patient{n}-{Guid.NewGuid():N}@example.com",
            ["bodyArea"] = "neck",
            ["concern"] = "Neck pain and headaches for three months.",
            ["consentContact"] = "yes",
            ["consentHealthData"] = "yes",
        };
        foreach (var (field, value) in overrides)
        {
            fields[field] = value;
        }

        return fields;
    }

    public async Task<Lead?> FindLeadAsync(string email)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        return await db.Leads.AsNoTracking().Include(l => l.Events).Include(l => l.Notes)
            .SingleOrDefaultAsync(l => l.Email == email.ToLowerInvariant());
    }

    public async Task<int> CountLeadsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        return await db.Leads.CountAsync();
    }

    public async Task<List<Data.Outbox.OutboundEmail>> OutboxForAsync(int leadId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        return await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == leadId).OrderBy(e => e.Id).ToListAsync();
    }
}

/// <summary>Posts the public form the way a browser does: antiforgery cookie and token, the form ticket, then the fields.</summary>
public static partial class RequestForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, IDictionary<string, string> fields, Action<Dictionary<string, string>>? tamper = null, string path = "/request", string? origin = null)
    {
        var page = await client.GetStringAsync(path);
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "request",
            ["ticket"] = WebUtility.HtmlDecode(TicketPattern().Match(page).Groups[1].Value),
        };
        if (page.Contains("__RequestVerificationToken", StringComparison.Ordinal))
        {
            form["__RequestVerificationToken"] = StaffSignIn.AntiforgeryToken(page);
        }

        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        tamper?.Invoke(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts, follows the redirect to the confirmation page, and returns its HTML.</summary>
    public static async Task<string> SubmitAndReadConfirmationAsync(HttpClient client, IDictionary<string, string> fields)
    {
        var response = await PostAsync(client, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect to the confirmation, got {(int)response.StatusCode}: {Errors(await response.Content.ReadAsStringAsync())}");
        var location = Redirect.PathOf(response);
        Assert.StartsWith("/request/received?t=", location);
        return await client.GetStringAsync(location);
    }

    public static string? Reference(string confirmationHtml)
    {
        var match = ReferencePattern().Match(confirmationHtml);
        return match.Success ? match.Groups[1].Value : null;
    }

    public static string Errors(string html) =>
        string.Join(" | ", ErrorLinkPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));

    [GeneratedRegex("name=\"ticket\" value=\"([^\"]*)\"")]
    private static partial Regex TicketPattern();

    [GeneratedRegex("data-testid=\"reference\">(DC-[A-Z0-9]{6})<")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("<li><a href=\"[^\"#]*#[^\"]+\">([^<]*)</a></li>")]
    private static partial Regex ErrorLinkPattern();
}
