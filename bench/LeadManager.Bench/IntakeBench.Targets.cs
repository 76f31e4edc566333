using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.Bench;

internal static partial class IntakeBench
{
    internal static Dictionary<string, object?> ApiBody(int n) => new()
    {
        ["forWhom"] = "me",
        ["firstName"] = "Bench",
        ["lastName"] = $"Patient {n}",
        ["email"] = $"bench{n}@example.com",
        ["phone"] = $"07911 {100000 + (n % 400000):000000}",
        ["bodyArea"] = "lower-back",
        ["concern"] = "Lower back pain for three months after moving house; stiff every morning.",
        ["screened"] = true,
        ["redFlags"] = Array.Empty<string>(),
        ["consents"] = new { contact = true, healthData = true },
    };

    [GeneratedRegex("name=\"(__RequestVerificationToken|ticket)\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenField();

    private static class AppTargets
    {
        private static int _accepted;

        public static int Accepted => Volatile.Read(ref _accepted);

        public static bool Count(bool accepted)
        {
            if (accepted)
            {
                Interlocked.Increment(ref _accepted);
            }

            return accepted;
        }
    }

    private interface ITarget
    {
        Task<bool> SubmitAsync(int n);
    }

    private sealed class ApiTarget(Uri address) : ITarget
    {
        private readonly HttpClient _client = new() { BaseAddress = address, DefaultRequestHeaders = { { "X-Api-Key", BenchApp.ApiKey } } };

        public async Task<bool> SubmitAsync(int n)
        {
            using var response = await _client.PostAsJsonAsync("/api/leads", ApiBody(n));
            return AppTargets.Count(response.StatusCode == HttpStatusCode.Created);
        }
    }

    private sealed class FormTarget(Uri address) : ITarget
    {
        // One browser-like client per worker would be more faithful; a shared cookie jar is
        // enough here because the antiforgery token is per client, not per post.
        private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };
        private readonly SemaphoreSlim _firstVisit = new(1, 1);
        private Dictionary<string, string>? _hidden;

        public async Task<bool> SubmitAsync(int n)
        {
            if (_hidden is null)
            {
                // Once, not by every worker at the same time: each first visit sets a new
                // antiforgery cookie, and the jar keeps only the last, so a token taken from
                // another visit would not match it.
                await _firstVisit.WaitAsync();
                try
                {
                    _hidden ??= HiddenField().Matches(await _client.GetStringAsync("/request"))
                        .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
                }
                finally
                {
                    _firstVisit.Release();
                }
            }

            var form = new Dictionary<string, string>(_hidden)
            {
                ["_handler"] = "request",
                ["forWhom"] = "me",
                ["firstName"] = "Bench",
                ["lastName"] = $"Form {n}",
                ["email"] = $"form{n}@example.com",
                ["phone"] = $"07911 {100000 + (n % 400000):000000}",
                ["bodyArea"] = "neck",
                ["concern"] = "Neck pain with headaches most afternoons.",
                ["consentContact"] = "yes",
                ["consentHealthData"] = "yes",
            };
            using var response = await _client.PostAsync("/request", new FormUrlEncodedContent(form));
            return AppTargets.Count(response.StatusCode == HttpStatusCode.Redirect);
        }
    }

    /// <summary>The handler alone, as the API calls it: what is left once HTTP, JSON and middleware are taken away.</summary>
    private sealed class DirectTarget(IServiceProvider services) : ITarget
    {
        public async Task<bool> SubmitAsync(int n)
        {
            await using var scope = services.CreateAsyncScope();
            var submit = scope.ServiceProvider.GetRequiredService<LeadManager.Web.Features.Intake.SubmitLeadRequest>();
            var body = ApiBody(n);
            var (accepted, _) = await submit.SubmitAsync(
                new LeadManager.Web.Features.Intake.LeadSubmission
                {
                    ForWhom = "me",
                    FirstName = (string)body["firstName"]!,
                    LastName = (string)body["lastName"]!,
                    Email = (string)body["email"]!,
                    Phone = (string)body["phone"]!,
                    BodyArea = (string)body["bodyArea"]!,
                    Concern = (string)body["concern"]!,
                    Screened = true,
                    ConsentContact = true,
                    ConsentHealthData = true,
                },
                LeadManager.Data.Leads.LeadChannel.Api,
                CancellationToken.None);
            return AppTargets.Count(accepted is not null);
        }
    }

    private sealed class FloorTarget(Uri address, string path) : ITarget
    {
        private readonly HttpClient _client = new() { BaseAddress = address };

        public async Task<bool> SubmitAsync(int n)
        {
            using var response = await _client.PostAsJsonAsync(path, ApiBody(n));
            return response.StatusCode == HttpStatusCode.Created;
        }
    }
}
