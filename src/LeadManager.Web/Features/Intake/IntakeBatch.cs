using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Stages one submission's changes in the batch: a new request (<see cref="IntakeBatch.AddNew"/>)
/// or changes to a loaded one, and returns what to answer once they are committed. It may run
/// twice (see <see cref="IntakeWriter"/>), so it changes nothing outside the batch.
/// </summary>
public delegate Func<T> IntakeStage<T>(IntakeBatch batch);

/// <summary>Who a submission is from, for the duplicate rule: normalised email and E.164 phone.</summary>
public readonly record struct IntakeContact(string Email, string Phone);

/// <summary>One batch's context, with every open request the batch's submissions could be repeating already loaded.</summary>
public sealed class IntakeBatch(LeadDbContext db, DateTime now, int duplicateWindowDays, WorkflowTargets.Calendars calendars)
{
    private readonly List<NewRequest> _newRequests = [];
    private readonly Dictionary<int, List<Data.Outbox.FollowUp>> _stepsOfCandidates = [];

    public LeadDbContext Db { get; } = db;

    /// <summary>The time the batch is written at, for every row it stages.</summary>
    public DateTime Now { get; } = now;

    /// <summary>The new requests staged with <see cref="AddNew"/>, in order.</summary>
    internal IReadOnlyList<NewRequest> NewRequests => _newRequests;

    /// <summary>
    /// Stages a new request, with the events <see cref="Lead.Create"/> gave it and the follow-up
    /// steps it needs. Not added to <see cref="Db"/>: on SQLite the writer inserts these rows
    /// itself (ADR-011).
    /// </summary>
    public void AddNew(Lead lead) =>
        _newRequests.Add(new NewRequest(lead, [], [.. FollowUpPlanner.Reconcile(lead, [], calendars, Now)]));

    /// <summary>Plans the follow-up steps again for a stored request this batch changed (asked again, maybe with a raised triage).</summary>
    public void PlanAgain(Lead lead)
    {
        if (_newRequests.Find(r => r.Lead == lead) is { } newRequest)
        {
            // New in this batch and asked again: its steps are still only staged.
            newRequest.Steps.AddRange(FollowUpPlanner.Reconcile(lead, newRequest.Steps, calendars, Now));
            return;
        }

        var steps = _stepsOfCandidates.GetValueOrDefault(lead.Id) ?? [];
        var added = FollowUpPlanner.Reconcile(lead, steps, calendars, Now);
        Db.FollowUps.AddRange(added);
        steps.AddRange(added);
        _stepsOfCandidates[lead.Id] = steps;
    }

    /// <summary>Stages an outbox email for its lead, whether that lead is stored or new in this batch.</summary>
    public void AddEmail(OutboundEmail email)
    {
        if (_newRequests.Find(r => r.Lead == email.Lead) is { } newRequest)
        {
            newRequest.Emails.Add(email);
        }
        else
        {
            Db.OutboundEmails.Add(email);
        }
    }

    /// <summary>
    /// This person's newest open request from the last Intake:DuplicateWindowDays, stored or
    /// staged earlier in this batch; null when there is none and a new request is made.
    /// </summary>
    public Lead? OpenRequestFor(IntakeContact who)
    {
        if (duplicateWindowDays == 0)
        {
            return null;
        }

        var since = Now.AddDays(-duplicateWindowDays);
        // Tracked leads are this batch's candidates (loaded in one query); new ones are staged here.
        return Db.ChangeTracker.Entries<Lead>()
            .Select(e => e.Entity)
            .Concat(_newRequests.Select(r => r.Lead))
            .Where(l => l.Status != LeadStatus.Closed && l.CreatedAt >= since && (l.Email == who.Email || l.Phone == who.Phone))
            .MaxBy(l => l.CreatedAt);
    }

    internal async Task LoadCandidatesAsync(IReadOnlyCollection<IntakeContact> contacts)
    {
        if (duplicateWindowDays == 0)
        {
            return;
        }

        var emails = contacts.Select(c => c.Email).Distinct().ToArray();
        var phones = contacts.Select(c => c.Phone).Distinct().ToArray();
        if (Db.Database.IsSqlite() && !await AnyRequestEverFromAsync(emails, phones))
        {
            return;
        }

        var candidateIds = new List<int>();
        await foreach (var candidate in OpenRequestsFrom(Db, Now.AddDays(-duplicateWindowDays), emails, phones))
        {
            // Loading is the point: the tracked leads are what OpenRequestFor chooses from.
            candidateIds.Add(candidate.Id);
        }

        if (candidateIds.Count > 0)
        {
            // A repeat is planned again (PlanAgain), against the steps it already has.
            foreach (var group in (await Db.FollowUps.Where(f => f.LeadId != null && candidateIds.Contains(f.LeadId.Value)).ToListAsync()).GroupBy(f => f.LeadId!.Value))
            {
                _stepsOfCandidates[group.Key] = [.. group];
            }
        }
    }

    /// <summary>
    /// Whether any request, open or not, of any age, has one of these emails or phones. Most
    /// batches are all new people, and this look-up on the two indexes costs a tenth of the EF
    /// query that applies the rule, which then runs only when it could find something. It
    /// finds a superset of what the rule does, so it cannot hide a repeat.
    /// </summary>
    private async Task<bool> AnyRequestEverFromAsync(string[] emails, string[] phones)
    {
        await using var command = Db.Database.GetDbConnection().CreateCommand();
        command.Transaction = Db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText =
            $"SELECT EXISTS (SELECT 1 FROM \"Leads\" WHERE \"Email\" IN ({Parameters(command, "e", emails)}) OR \"Phone\" IN ({Parameters(command, "p", phones)}))";
        return Convert.ToBoolean(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        static string Parameters(System.Data.Common.DbCommand command, string prefix, string[] values) => string.Join(", ", values.Select((value, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@{prefix}{i}";
            parameter.Value = value;
            command.Parameters.Add(parameter);
            return parameter.ParameterName;
        }));
    }

    // Compiled once: otherwise EF finds the query in its cache by walking the expression tree for every batch.
    private static readonly Func<LeadDbContext, DateTime, string[], string[], IAsyncEnumerable<Lead>> OpenRequestsFrom =
        EF.CompileAsyncQuery((LeadDbContext db, DateTime since, string[] emails, string[] phones) =>
            db.Leads.Where(l => l.Status != LeadStatus.Closed && l.CreatedAt >= since && (emails.Contains(l.Email) || phones.Contains(l.Phone))));

    internal sealed record NewRequest(Lead Lead, List<OutboundEmail> Emails, List<Data.Outbox.FollowUp> Steps);
}
