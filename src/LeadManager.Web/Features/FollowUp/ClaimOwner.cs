using System.Diagnostics;
using System.Globalization;
using LeadManager.Data;
using LeadManager.Data.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Who holds a claim on an outbox email or a follow-up step: this machine, this process and when
/// it started. A restarted app releases at once the claims its dead predecessor on the same
/// machine held, instead of waiting for them to expire (FollowUp:ClaimSeconds, then a sweep:
/// about 160 seconds for a confirmation claimed just before a kill -9). A claim held by a live
/// process, or by another machine, is left to expire: it may be a send in flight.
/// </summary>
public sealed class ClaimOwner
{
    private readonly string _machinePrefix = Environment.MachineName + "/";

    public ClaimOwner()
    {
        using var self = Process.GetCurrentProcess();
        Id = Describe(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime());
    }

    /// <summary>This process, as claims record it.</summary>
    public string Id { get; }

    /// <summary>Releases every live claim held by a process of this machine that is no longer running.</summary>
    public async Task<int> ReleaseClaimsOfDeadProcessesAsync(LeadDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var holders = await db.OutboundEmails.Where(e => e.ClaimedUntil >= nowUtc && e.ClaimedBy != null).Select(e => e.ClaimedBy!)
            .Union(db.FollowUps.Where(f => f.ClaimedUntil >= nowUtc && f.ClaimedBy != null).Select(f => f.ClaimedBy!))
            .ToListAsync(cancellationToken);
        var dead = holders.Where(IsDeadProcessOfThisMachine).ToList();
        if (dead.Count == 0)
        {
            return 0;
        }

        var released = await db.OutboundEmails.Where(e => e.ClaimedBy != null && dead.Contains(e.ClaimedBy))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ClaimedUntil, (DateTime?)null).SetProperty(e => e.ClaimedBy, (string?)null), cancellationToken);
        released += await db.FollowUps.Where(f => f.ClaimedBy != null && dead.Contains(f.ClaimedBy))
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.ClaimedUntil, (DateTime?)null).SetProperty(f => f.ClaimedBy, (string?)null), cancellationToken);
        return released;
    }

    internal bool IsDeadProcessOfThisMachine(string holder)
    {
        if (holder == Id || !holder.StartsWith(_machinePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = holder[_machinePrefix.Length..].Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var processId)
            || !DateTime.TryParseExact(parts[1], StartFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var started))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            // The same id for a process started at another time means the holder is gone. Linux
            // gives another process's start time only to within a few milliseconds.
            return (process.StartTime.ToUniversalTime() - started).Duration() > StartTolerance;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // it exited while we looked
        }
    }

    private const string StartFormat = "yyyyMMddHHmmss";
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(5);

    private static string Describe(string machine, int processId, DateTime startedUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{machine}/{processId}/{startedUtc.ToString(StartFormat, CultureInfo.InvariantCulture)}");
}
