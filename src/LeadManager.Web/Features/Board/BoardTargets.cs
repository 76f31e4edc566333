using LeadManager.Data.Leads;
using LeadManager.Web.Configuration;

namespace LeadManager.Web.Features.Board;

/// <summary>The timer for each card: when its current target started and when it is due.</summary>
public sealed class BoardTargets(ClinicClock clock)
{
    public static readonly TimeSpan AssignWithin = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstContactWithin = TimeSpan.FromHours(1);

    public TimerState? For(BoardCardData card, DateTime nowUtc)
    {
        var (started, due) = card.Status switch
        {
            LeadStatus.New => (card.CreatedAtUtc, card.CreatedAtUtc + AssignWithin),
            LeadStatus.Assigned when card.AssignedAtUtc is { } assigned => (assigned, assigned + FirstContactWithin),
            LeadStatus.Scheduled when card.ScheduledCallAtUtc is { } at => (card.AssignedAtUtc ?? card.CreatedAtUtc, at),
            _ => ((DateTime?)null, (DateTime?)null),
        };
        return TargetTimer.For(card.Status, started, due, nowUtc, clock.ToClinicTime);
    }
}
