using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.Leads;

/// <summary>
/// GET /api/leads/{reference}: where a request stands, for the clinic website. No health
/// details and no contact details: only what the reference already implies.
/// </summary>
internal sealed class LeadStatusQuery(IDbContextFactory<LeadDbContext> dbFactory)
{
    public sealed record LeadStatusResponse(string Reference, string Status, string? CloseReason, DateTime CreatedAt, DateTime? ScheduledCallAt, DateTime? ClosedAt);

    public async Task<LeadStatusResponse?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Leads.AsNoTracking()
            .Where(l => l.Reference == reference)
            .Select(l => new LeadStatusResponse(
                l.Reference,
                l.Status.ToString(),
                l.CloseReason == null ? null : l.CloseReason.ToString(),
                l.CreatedAt,
                l.ScheduledCallAt,
                l.ClosedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

internal static class LeadStatusApi
{
    public static void MapLeadStatusApi(this RouteGroupBuilder api) =>
        api.MapGet("/leads/{reference}", async (string reference, LeadStatusQuery query, CancellationToken cancellationToken) =>
        {
            var normalised = LeadReference.Normalise(reference);
            if (normalised is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"'{reference}' is not a request reference (they look like DC-7K3P9Q).");
            }

            var found = await query.FindAsync(normalised, cancellationToken);
            return found is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No request has the reference {normalised}.")
                : Results.Ok(found);
        })
        .WithName("GetLeadStatus")
        .WithSummary("Where a discovery-call request stands, by its reference.");
}
