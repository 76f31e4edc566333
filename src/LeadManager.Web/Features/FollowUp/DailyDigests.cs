using System.Data;
using LeadManager.Data;
using LeadManager.Data.Outbox;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FollowUpStep = LeadManager.Data.Outbox.FollowUp;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>
/// Writes each working clinician's digest steps: one for today (while Workflow:DigestAt has not
/// passed) and one for tomorrow, for every active clinician with working hours on that weekday
/// whose sites are not all shut that day (a closure or a bank holiday; one linked to no site goes
/// by their working hours alone). Every sweep calls it, but it does the work once per clinic day:
/// what it planned is remembered here, so an idle sweep reads nothing. Two processes may both plan a day: the check for an existing step and the
/// insert share one transaction, and a step is known by its clinician and its day
/// (<see cref="FollowUpStep.MadeFor"/> = the day's clinic midnight, UTC).
/// </summary>
public sealed class DailyDigests(ClinicClock clock, IOptionsMonitor<WorkflowOptions> options, WriteGate writeGate, ILogger<DailyDigests> logger)
{
    private volatile PlannedFor? _planned;

    private sealed record PlannedFor(DateOnly Day, TimeOnly DigestAt);

    /// <returns>How many digest steps it wrote.</returns>
    public async Task<int> PlanAsync(LeadDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.ToClinicTime(nowUtc));
        var digestAt = options.CurrentValue.DigestAt;
        var wanted = new PlannedFor(today, digestAt);
        if (_planned == wanted)
        {
            return 0;
        }

        var days = new[] { today, today.AddDays(1) }.Where(day => DueAt(day, digestAt) > nowUtc).ToList();
        var staff = await StaffDirectory.LoadAsync(db, today, cancellationToken);
        int written;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            // Through the execution strategy: SQL Server's retries on failure refuse a transaction begun outside it.
            written = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                var added = 0;
                // Serializable: on SQLite the write lock is taken at once, on SQL Server the range read is held, so a second process waits and then finds the steps.
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var madeFor = days.Select(MadeFor).ToList();
                var existing = await db.FollowUps
                    .Where(f => f.Kind == FollowUpKinds.DailyDigest && f.LeadId == null && madeFor.Contains(f.MadeFor))
                    .ToListAsync(cancellationToken);
                foreach (var day in days)
                {
                    var dueAt = DueAt(day, digestAt);
                    foreach (var clinician in staff.People.Where(p => p.IsActive && p.IsClinician && p.WorksOn(day)))
                    {
                        if (clinician.SiteIds.Count > 0 && !staff.HasOpenSiteOn(clinician, day))
                        {
                            continue; // every site of theirs is shut that day
                        }

                        var step = existing.FirstOrDefault(f => f.StaffMemberId == clinician.Id && f.MadeFor == MadeFor(day));
                        if (step is null)
                        {
                            db.FollowUps.Add(new FollowUpStep
                            {
                                StaffMemberId = clinician.Id,
                                Kind = FollowUpKinds.DailyDigest,
                                DueAt = dueAt,
                                MadeFor = MadeFor(day),
                                Status = FollowUpStatus.Pending,
                                CreatedAt = nowUtc,
                            });
                            added++;
                        }
                        else if (step.Status == FollowUpStatus.Pending && step.DueAt != dueAt)
                        {
                            step.DueAt = dueAt; // Workflow:DigestAt changed since it was planned
                        }
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return added;
            });
        }

        _planned = wanted;
        if (written > 0)
        {
            logger.LogInformation("Planned {Count} daily digests for {Days}", written, string.Join(", ", days));
        }

        return written;
    }

    private DateTime MadeFor(DateOnly day) => clock.ToUtc(day.ToDateTime(TimeOnly.MinValue));

    private DateTime DueAt(DateOnly day, TimeOnly digestAt) => clock.ToUtc(day.ToDateTime(digestAt));
}
