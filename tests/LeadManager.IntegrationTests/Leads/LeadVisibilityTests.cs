using System.Security.Claims;
using LeadManager.Data.Leads;
using LeadManager.Web.Auth;
using LeadManager.Web.Features.Board;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Features.MyCalls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Leads;

/// <summary>
/// The two rules about a lead's health details, on one stored lead for every status × triage ×
/// reviewed × assignment: "needs clinical review", and who may open it. For each viewer, what
/// SQL returns (the shared expressions, and the list, my-calls and board reads built on them)
/// is what the compiled rule accepts in memory (the lead page's permission check), and that is
/// the rule as written out here.
/// </summary>
public sealed class LeadVisibilityTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Marker = "Visibilitymatrix";

    /// <summary>Who the lead is assigned to, from clinician A's side.</summary>
    private enum Assignment
    {
        Nobody,
        ClinicianA,
        ClinicianB,
    }

    private sealed record Combination(LeadStatus Status, TriageLevel Triage, bool Reviewed, Assignment Assignment);

    private sealed record Viewer(string Email, ClaimsPrincipal Principal, StaffIdentity Who);

    private static readonly Combination[] Combinations =
        (from status in Enum.GetValues<LeadStatus>()
         from triage in Enum.GetValues<TriageLevel>()
         from reviewed in new[] { false, true }
         from assignment in Enum.GetValues<Assignment>()
         select new Combination(status, triage, reviewed, assignment)).ToArray();

    // The rules as the clinic states them, so a change to the shared rule fails here too.
    private static bool ExpectedNeedsReview(Combination c) =>
        c.Triage is TriageLevel.ReviewFirst or TriageLevel.Emergency && !c.Reviewed;

    private static bool ExpectedVisible(Viewer viewer, Combination c) => viewer.Email switch
    {
        Reception => true,
        ClinicianA => c.Assignment == Assignment.ClinicianA || (ExpectedNeedsReview(c) && c.Status != LeadStatus.Closed),
        ClinicianB => c.Assignment == Assignment.ClinicianB || (ExpectedNeedsReview(c) && c.Status != LeadStatus.Closed),
        _ => throw new ArgumentOutOfRangeException(nameof(viewer)),
    };

    [Fact]
    public async Task Sql_and_the_compiled_rule_agree_on_every_lead_for_every_viewer()
    {
        var stored = await StoreEveryCombinationAsync();
        var ids = stored.Keys.ToList();
        Assert.Equal(Enum.GetValues<LeadStatus>().Length * Enum.GetValues<TriageLevel>().Length * 2 * 3, ids.Count);

        await using var db = await NewDbAsync(app);
        var leads = await db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync();
        var byId = leads.ToDictionary(l => l.Id);
        var open = leads.Where(l => l.IsOpen).Select(l => l.Id).ToHashSet();
        IReadOnlyList<Combination> Ours(IEnumerable<int> leadIds) => leadIds.Where(stored.ContainsKey).Select(id => stored[id]).ToList();
        IReadOnlyList<Combination> Accepted(Func<int, bool> rule) => Ours(ids.Where(rule));

        // Needs clinical review.
        var needsReview = Accepted(id => byId[id].NeedsClinicalReview);
        AssertSameLeads("the rule as stated", Accepted(id => ExpectedNeedsReview(stored[id])), needsReview);
        AssertSameLeads("NeedsClinicalReview in SQL", needsReview,
            Ours(await db.Leads.Where(l => ids.Contains(l.Id)).Where(LeadVisibility.NeedsClinicalReview).Select(l => l.Id).ToListAsync()));
        var projected = await db.Leads.Where(l => ids.Contains(l.Id))
            .Select(LeadVisibility.WithNeedsClinicalReview((l, needs) => new { l.Id, Needs = needs })).ToListAsync();
        AssertSameLeads("NeedsClinicalReview projected in SQL", needsReview, Ours(projected.Where(p => p.Needs).Select(p => p.Id)));
        AssertSameLeads("the permission facts", needsReview, Accepted(id => LeadAccessFacts.Of(byId[id]).NeedsClinicalReview));

        // The board (front desk, open requests) flags the same leads.
        var viewers = new[] { await ViewerAsync(Reception), await ViewerAsync(ClinicianA), await ViewerAsync(ClinicianB) };
        var board = await WithScope(s => s.GetRequiredService<BoardQuery>().LoadAsync(viewers[0].Principal, null));
        AssertSameLeads("the board's cards", Accepted(open.Contains), Ours(board.Cards.Select(c => c.LeadId)));
        AssertSameLeads("the board's review flags", Accepted(id => open.Contains(id) && byId[id].NeedsClinicalReview),
            Ours(board.Cards.Where(c => c.NeedsReview).Select(c => c.LeadId)));

        // Who may open it.
        foreach (var viewer in viewers)
        {
            var who = viewer.Who;
            var visible = Accepted(id => byId[id].IsVisibleTo(who.StaffMemberId, who.IsFrontDesk, who.IsClinician));
            AssertSameLeads($"{viewer.Email}: the rule as stated", Accepted(id => ExpectedVisible(viewer, stored[id])), visible);

            var sql = await db.Leads.Where(l => ids.Contains(l.Id))
                .Where(LeadVisibility.VisibleTo(who.StaffMemberId, who.IsFrontDesk, who.IsClinician)).Select(l => l.Id).ToListAsync();
            AssertSameLeads($"{viewer.Email}: VisibleTo in SQL", visible, Ours(sql));
            AssertSameLeads($"{viewer.Email}: the lead page's permission", visible,
                Accepted(id => LeadPermissions.Allows(who, LeadAction.View, LeadAccessFacts.Of(byId[id]))));

            // No action is allowed on a request the person may not open.
            var actedOnUnseen = Accepted(id => !visible.Contains(stored[id])
                && Enum.GetValues<LeadAction>().Any(action => LeadPermissions.Allows(who, action, LeadAccessFacts.Of(byId[id]))));
            AssertSameLeads($"{viewer.Email}: actions on requests they may not open", [], actedOnUnseen);

            // A typed search lists closed requests too, so this is the whole visible set.
            var list = await WithScope(s => s.GetRequiredService<LeadListQuery>().PageAsync(viewer.Principal, new LeadListFilter { Search = Marker }, 0, 200));
            AssertSameLeads($"{viewer.Email}: the list", visible, Ours(list!.Rows.Select(r => r.Id)));

            var myCalls = await WithScope(s => s.GetRequiredService<MyCallsQuery>().LoadAsync(viewer.Principal));
            if (!who.IsClinician)
            {
                Assert.Null(myCalls);
                continue;
            }

            var calls = myCalls!.NeedsReview.Concat(myCalls.Today).Concat(myCalls.ToArrange).Concat(myCalls.OverdueFromEarlier).Concat(myCalls.ComingDays)
                .Where(c => stored.ContainsKey(c.LeadId)).ToList();
            AssertSameLeads($"{viewer.Email}: my calls",
                Accepted(id => open.Contains(id) && byId[id].IsVisibleTo(who.StaffMemberId, isFrontDesk: false, isClinician: true)), Ours(calls.Select(c => c.LeadId)));
            AssertSameLeads($"{viewer.Email}: my calls' review queue",
                Accepted(id => open.Contains(id) && byId[id].NeedsClinicalReview), Ours(myCalls.NeedsReview.Select(c => c.LeadId)));
            AssertSameLeads($"{viewer.Email}: my calls' review flags",
                Ours(calls.Where(c => byId[c.LeadId].NeedsClinicalReview).Select(c => c.LeadId)), Ours(calls.Where(c => c.NeedsClinicalReview).Select(c => c.LeadId)));
        }
    }

    /// <summary>Names every lead one side has and the other lacks, so a failure says which combinations differ.</summary>
    private static void AssertSameLeads(string what, IReadOnlyList<Combination> expected, IReadOnlyList<Combination> actual)
    {
        var missing = expected.Except(actual).Select(c => $"\n  missing {c}");
        var extra = actual.Except(expected).Select(c => $"\n  extra   {c}");
        Assert.True(
            expected.Count == actual.Count && !missing.Any() && !extra.Any(),
            $"{what} ({actual.Count} leads, expected {expected.Count}):{string.Concat(missing.Concat(extra))}");
    }

    /// <summary>
    /// One lead per combination. The state is written straight to the columns (not through the
    /// lifecycle), so that combinations the lifecycle never makes are stored too: the rule must
    /// agree with itself on any row.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, Combination>> StoreEveryCombinationAsync()
    {
        await using var db = await NewDbAsync(app);
        var clinicianA = Staff(db, ClinicianA).Id;
        var clinicianB = Staff(db, ClinicianB).Id;
        var now = DateTime.UtcNow;
        var stored = new List<(Lead Lead, Combination Combination)>();
        foreach (var combination in Combinations)
        {
            var lead = Lead.Create(LeadReference.New(), LeadChannel.Form, combination.Triage, Actor.Patient, now.AddHours(-1));
            lead.FirstName = "Robin";
            lead.LastName = Marker;
            lead.Email = $"robin.{Guid.NewGuid():N}@example.com";
            lead.Phone = "+447911" + Random.Shared.Next(100000, 299999);
            db.Leads.Add(lead);
            var entry = db.Entry(lead);
            entry.Property(l => l.Status).CurrentValue = combination.Status;
            entry.Property(l => l.AssignedClinicianId).CurrentValue = combination.Assignment switch
            {
                Assignment.ClinicianA => clinicianA,
                Assignment.ClinicianB => clinicianB,
                _ => null,
            };
            entry.Property(l => l.AssignedAt).CurrentValue = combination.Assignment == Assignment.Nobody ? null : now.AddMinutes(-50);
            entry.Property(l => l.ScheduledCallAt).CurrentValue = combination.Status == LeadStatus.Scheduled ? now.AddDays(1) : null;
            entry.Property(l => l.ClinicallyReviewedAt).CurrentValue = combination.Reviewed ? now.AddMinutes(-40) : null;
            entry.Property(l => l.ReviewDecision).CurrentValue = combination.Reviewed ? ClinicalReviewDecision.SafeToProceed : null;
            entry.Property(l => l.CloseReason).CurrentValue = combination.Status == LeadStatus.Closed ? CloseReason.Spam : null;
            entry.Property(l => l.ClosedAt).CurrentValue = combination.Status == LeadStatus.Closed ? now.AddMinutes(-30) : null;
            stored.Add((lead, combination));
        }

        await db.SaveChangesAsync();
        return stored.ToDictionary(s => s.Lead.Id, s => s.Combination);
    }

    private async Task<Viewer> ViewerAsync(string email)
    {
        var principal = await PrincipalAsync(app, email);
        var who = await WithScope(s => s.GetRequiredService<CurrentStaff>().FindAsync(principal, CancellationToken.None));
        return new Viewer(email, principal, who ?? throw new InvalidOperationException($"{email} is not active staff."));
    }

    private async Task<T> WithScope<T>(Func<IServiceProvider, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider);
    }
}
