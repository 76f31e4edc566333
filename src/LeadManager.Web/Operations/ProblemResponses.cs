using Microsoft.AspNetCore.WebUtilities;

namespace LeadManager.Web.Operations;

/// <summary>
/// An RFC 9457 problem written straight to the response, for the places that answer outside
/// an endpoint (authentication challenges, rate-limit and size rejections), so /api clients
/// get the same shape everywhere.
/// </summary>
internal static class ProblemResponses
{
    public static Task WriteAsync(HttpContext http, int status, string detail, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(
            new { type = "about:blank", title = ReasonPhrases.GetReasonPhrase(status), status, detail },
            (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json",
            cancellationToken);
    }
}
