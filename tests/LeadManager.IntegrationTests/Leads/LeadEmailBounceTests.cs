using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Data.SqlServer;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.Web.Features.Board;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Features.MyCalls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Leads;

/// <summary>
/// "Email bounced — phone them": a request whose email to the patient failed for good is marked
/// on the board, in the clinician's list and in the list (<see cref="LeadEmailBounces"/>), until an
/// email to that address goes through or the address is corrected.
/// </summary>
public sealed class LeadEmailBounceTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Marker = "Bouncematrix";

    [Fact]
    public async Task A_failed_patient_email_marks_the_request_on_the_board_in_the_clinician_s_list_and_in_the_list()
    {
        var bounced = await CreateLeadAsync(app, arrange: AssignedToClinicianA, lastName: "Bouncefailed");
        var delivered = await CreateLeadAsync(app, arrange: AssignedToClinicianA, lastName: "Bouncedelivered");
        var at = DateTime.UtcNow.AddMinutes(-20);
        await AddEmailAsync(bounced.Id, To.Patient, OutboundEmailStatus.Failed, at);
        await AddEmailAsync(delivered.Id, To.Patient, OutboundEmailStatus.Sent, at);

        var marks = await MarksAsync(bounced, delivered);

        Assert.Equal(new Marks(Board: true, MyCalls: true, List: true), marks[bounced.Id]);
        Assert.Equal(new Marks(Board: false, MyCalls: false, List: false), marks[delivered.Id]);
    }

    [Fact]
    public async Task A_failed_email_to_reception_or_to_a_staff_member_marks_nothing()
    {
        var toReception = await CreateLeadAsync(app, arrange: AssignedToClinicianA, lastName: "Bouncereception");
        var toStaff = await CreateLeadAsync(app, arrange: AssignedToClinicianA, lastName: "Bouncestaff");
        var at = DateTime.UtcNow.AddMinutes(-20);
        await AddEmailAsync(toReception.Id, To.Reception, OutboundEmailStatus.Failed, at);
        // Even at the patient's own address: an email to a staff member is not the patient's.
        await AddEmailAsync(toStaff.Id, To.StaffAtPatientAddress, OutboundEmailStatus.Failed, at);

        var marks = await MarksAsync(toReception, toStaff);

        Assert.All(marks.Values, m => Assert.Equal(new Marks(false, false, false), m));
    }

    [Fact]
    public async Task A_later_email_delivered_to_the_same_address_clears_the_mark_but_an_earlier_or_unsent_one_does_not()
    {
        var lead = await CreateLeadAsync(app, arrange: AssignedToClinicianA, lastName: "Bouncelater");
        var failedAt = DateTime.UtcNow.AddMinutes(-30);
        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Sent, failedAt.AddMinutes(-10));
        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Failed, failedAt);
        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Pending, failedAt.AddMinutes(5));
        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Retrying, failedAt.AddMinutes(6));

        Assert.Equal(new Marks(true, true, true), (await MarksAsync(lead))[lead.Id]);

        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Sent, failedAt.AddMinutes(10));

        Assert.Equal(new Marks(false, false, false), (await MarksAsync(lead))[lead.Id]);
    }

    [Fact]
    public async Task A_corrected_address_clears_the_mark_until_an_email_to_the_new_address_fails_too()
    {
        var lead = await CreateLeadAsync(app, arrange: AssignedToClinicianA, lastName: "Bouncecorrected");
        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Failed, DateTime.UtcNow.AddMinutes(-30));
        Assert.Equal(new Marks(true, true, true), (await MarksAsync(lead))[lead.Id]);

        await ChangeAsync(app, lead.Id, (l, _) => l.Email = $"robin.corrected.{Guid.NewGuid():N}@example.com");

        Assert.Equal(new Marks(false, false, false), (await MarksAsync(lead))[lead.Id]);

        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Failed, DateTime.UtcNow.AddMinutes(-1));

        Assert.Equal(new Marks(true, true, true), (await MarksAsync(lead))[lead.Id]);
    }

    [Fact]
    public async Task A_closed_request_is_not_marked_in_the_list()
    {
        var lead = await CreateLeadAsync(app, arrange: AssignedToClinicianA, lastName: "Bounceclosed");
        await AddEmailAsync(lead.Id, To.Patient, OutboundEmailStatus.Failed, DateTime.UtcNow.AddMinutes(-30));
        await ChangeAsync(app, lead.Id, (l, db) => l.RecordOutcome(CloseReason.NotInterested, Staff(db, ClinicianA), Actor.System, DateTime.UtcNow));

        // A search lists closed requests too: it is there, with nobody to phone.
        var row = (await ListAsync(lead.Reference)).Single(r => r.Id == lead.Id);

        Assert.False(row.EmailBounced);
    }

    /// <summary>
    /// Every failed email × later email on an open and a closed request: what SQL returns (the
    /// rule in a Where and projected) is what the same expression returns run in memory over the
    /// stored rows, and that is the rule as written out here.
    /// </summary>
    [Fact]
    public async Task Sql_and_the_rule_run_in_memory_agree_on_every_email_history()
    {
        var stored = await StoreEveryHistoryAsync();
        var ids = stored.Keys.ToList();
        await using var db = await NewDbAsync(app);
        var leads = await db.Leads.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync();
        var emails = await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId != null && ids.Contains(e.LeadId.Value)).ToListAsync();
        var inMemory = LeadEmailBounces.HasBounced(emails.AsQueryable()).Compile();
        IReadOnlyList<History> Of(IEnumerable<int> leadIds) => leadIds.Select(id => stored[id]).ToList();

        var expected = Of(ids.Where(id => Expected(stored[id])));
        var inSql = Of(await db.Leads.Where(l => ids.Contains(l.Id)).Where(LeadEmailBounces.HasBounced(db.OutboundEmails)).Select(l => l.Id).ToListAsync());
        var projected = await db.Leads.Where(l => ids.Contains(l.Id))
            .WithEmailBounced(db.OutboundEmails, l => l, (l, bounced) => new { l.Id, Bounced = bounced }).ToListAsync();

        Assert.True(expected.Count > 0 && expected.Count < ids.Count);
        AssertSame("in memory", expected, Of(leads.Where(inMemory).Select(l => l.Id)));
        AssertSame("in a Where in SQL", expected, inSql);
        AssertSame("projected in SQL", expected, Of(projected.Where(p => p.Bounced).Select(p => p.Id)));
    }

    [Fact]
    public void On_SQL_Server_the_board_s_marks_translate_to_one_statement_that_parses()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var sql = db.Leads.Where(l => l.Status != LeadStatus.Closed)
            .Select(LeadVisibility.WithNeedsClinicalReview((l, needsReview) => new { Lead = l, NeedsReview = needsReview }))
            .WithEmailBounced(db.OutboundEmails, x => x.Lead, (x, bounced) => new { x.Lead, x.NeedsReview, EmailBounced = bounced })
            .WithEscalation(db.FollowUps, x => x.Lead, (x, escalation) => new { x.Lead.Id, x.NeedsReview, x.EmailBounced, escalation })
            .ToQueryString();

        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);

        Assert.True(errors.Count == 0, $"{string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}"))}\n{sql}");
        Assert.Single(((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).OfType<SelectStatement>());
        Assert.Contains("NOT EXISTS", sql);
        Assert.Contains("[OutboundEmails]", sql);
    }

    private enum To
    {
        Patient,
        Reception,
        StaffAtPatientAddress,
        OldAddress,
    }

    private enum Later
    {
        Nothing,
        DeliveredToPatient,
        DeliveredEarlierToPatient,
        PendingToPatient,
        DeliveredToStaffAtPatientAddress,
        DeliveredToOldAddress,
        DeliveredToReception,
    }

    private sealed record History(bool Open, To FailedTo, OutboundEmailStatus Status, Later Later);

    private sealed record Marks(bool Board, bool MyCalls, bool List);

    private static readonly History[] Histories =
        (from open in new[] { true, false }
         from to in Enum.GetValues<To>()
         from status in Enum.GetValues<OutboundEmailStatus>()
         from later in Enum.GetValues<Later>()
         select new History(open, to, status, later)).ToArray();

    // The rule as the clinic states it, so a change to the shared rule fails here too.
    private static bool Expected(History h) =>
        h.Open && h.FailedTo == To.Patient && h.Status == OutboundEmailStatus.Failed && h.Later != Later.DeliveredToPatient;

    private static void AssignedToClinicianA(Lead lead, Data.LeadDbContext db) => lead.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow.AddHours(-1));

    private static void AssertSame(string what, IReadOnlyList<History> expected, IReadOnlyList<History> actual)
    {
        var missing = expected.Except(actual).Select(h => $"\n  missing {h}");
        var extra = actual.Except(expected).Select(h => $"\n  extra   {h}");
        Assert.True(expected.Count == actual.Count && !missing.Any() && !extra.Any(),
            $"{what} ({actual.Count} requests, expected {expected.Count}):{string.Concat(missing.Concat(extra))}");
    }

    private async Task<IReadOnlyDictionary<int, History>> StoreEveryHistoryAsync()
    {
        await using var db = await NewDbAsync(app);
        var clinician = Staff(db, ClinicianA).Id;
        var now = DateTime.UtcNow;
        var failedAt = now.AddMinutes(-30);
        var stored = new List<(Lead Lead, History History)>();
        foreach (var history in Histories)
        {
            var lead = Lead.Create(LeadReference.New(), LeadChannel.Form, TriageLevel.Routine, Actor.Patient, now.AddHours(-1));
            lead.FirstName = "Robin";
            lead.LastName = Marker;
            lead.Email = $"robin.{Guid.NewGuid():N}@example.com";
            lead.Phone = "+447911" + Random.Shared.Next(100000, 299999);
            if (!history.Open)
            {
                lead.MarkSpam(Actor.System, now.AddMinutes(-50));
            }

            OutboundEmail Email(To to, OutboundEmailStatus status, DateTime at) => EmailRow(lead, clinician, to, status, at);
            db.Leads.Add(lead);
            db.OutboundEmails.Add(Email(history.FailedTo, history.Status, failedAt));
            var later = history.Later switch
            {
                Later.DeliveredToPatient => Email(To.Patient, OutboundEmailStatus.Sent, failedAt.AddMinutes(5)),
                Later.DeliveredEarlierToPatient => Email(To.Patient, OutboundEmailStatus.Sent, failedAt.AddMinutes(-5)),
                Later.PendingToPatient => Email(To.Patient, OutboundEmailStatus.Pending, failedAt.AddMinutes(5)),
                Later.DeliveredToStaffAtPatientAddress => Email(To.StaffAtPatientAddress, OutboundEmailStatus.Sent, failedAt.AddMinutes(5)),
                Later.DeliveredToOldAddress => Email(To.OldAddress, OutboundEmailStatus.Sent, failedAt.AddMinutes(5)),
                Later.DeliveredToReception => Email(To.Reception, OutboundEmailStatus.Sent, failedAt.AddMinutes(5)),
                _ => null,
            };
            if (later is not null)
            {
                db.OutboundEmails.Add(later);
            }

            stored.Add((lead, history));
        }

        await db.SaveChangesAsync();
        return stored.ToDictionary(s => s.Lead.Id, s => s.History);
    }

    /// <summary>An outbox row as the send job leaves it: to the patient, to reception's shared address, or to a staff member.</summary>
    private static OutboundEmail EmailRow(Lead lead, int clinicianId, To to, OutboundEmailStatus status, DateTime at) => new()
    {
        Lead = lead,
        Kind = to is To.Reception ? OutboundEmailKinds.ReceptionNewRequest : OutboundEmailKinds.PatientConfirmation,
        Recipient = to switch
        {
            To.Reception => "reception@clinic.test",
            To.OldAddress => "old." + lead.Email,
            _ => lead.Email,
        },
        StaffMemberId = to is To.StaffAtPatientAddress ? clinicianId : null,
        Status = status,
        Attempts = status is OutboundEmailStatus.Pending ? 0 : 1,
        NextAttemptAt = at,
        SentAt = status is OutboundEmailStatus.Sent ? at : null,
        LastError = status is OutboundEmailStatus.Failed ? "550 5.1.1 Mailbox unavailable" : null,
        CreatedAt = at,
    };

    private async Task AddEmailAsync(int leadId, To to, OutboundEmailStatus status, DateTime at)
    {
        await using var db = await NewDbAsync(app);
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        db.OutboundEmails.Add(EmailRow(lead, Staff(db, ClinicianA).Id, to, status, at));
        await db.SaveChangesAsync();
    }

    /// <summary>Each request's mark as reception's board, clinician A's list and reception's list show it.</summary>
    private async Task<IReadOnlyDictionary<int, Marks>> MarksAsync(params Created[] leads)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var board = await scope.ServiceProvider.GetRequiredService<BoardQuery>().LoadAsync(await PrincipalAsync(app, Reception), null);
        var myCalls = await scope.ServiceProvider.GetRequiredService<MyCallsQuery>().LoadAsync(await PrincipalAsync(app, ClinicianA));
        var calls = myCalls!.NeedsReview.Concat(myCalls.Today).Concat(myCalls.ToArrange).Concat(myCalls.OverdueFromEarlier).Concat(myCalls.ComingDays).ToList();
        var marks = new Dictionary<int, Marks>();
        foreach (var lead in leads)
        {
            var row = (await ListAsync(lead.Reference)).Single(r => r.Id == lead.Id);
            marks[lead.Id] = new Marks(board.Cards.Single(c => c.LeadId == lead.Id).EmailBounced, calls.Single(c => c.LeadId == lead.Id).EmailBounced, row.EmailBounced);
        }

        return marks;
    }

    private async Task<IReadOnlyList<LeadListRow>> ListAsync(string reference)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<LeadListQuery>().PageAsync(await PrincipalAsync(app, Reception), new LeadListFilter { Search = reference }, 0, 25);
        return page!.Rows;
    }
}

/// <summary>The mark from a real refusal: the app sends through a mail server that answers 550 for some addresses.</summary>
public sealed class LeadEmailBounceDeliveryTests
{
    [Fact]
    public async Task A_patient_address_the_mail_server_refuses_marks_the_card_and_a_refused_reception_address_does_not()
    {
        await using var smtp = new SmtpTestServer(acceptsRecipient: address => !address.StartsWith("refused", StringComparison.Ordinal) && address != "reception@clinic.test");
        await using var app = OutboxEmailTests.SmtpApp(smtp.Port);

        var refused = await OutboxEmailTests.SubmitAsync(app, "refused.patient@example.com");
        var accepted = await OutboxEmailTests.SubmitAsync(app, "accepted.patient@example.com");
        await OutboxEmailTests.WaitForEmailAsync(app, smtp, m => m.To.Mailboxes.Any(t => t.Address == "accepted.patient@example.com"));
        await OutboxEmailTests.WaitForAsync(app, async db =>
        {
            var rows = await db.OutboundEmails.AsNoTracking().Where(e => e.Lead!.Reference == refused || e.Lead!.Reference == accepted).ToListAsync();
            return rows.Count >= 4 && rows.All(e => e.Status is OutboundEmailStatus.Sent or OutboundEmailStatus.Failed) ? rows : null;
        });
        await using var scope = app.Services.CreateAsyncScope();

        var board = await scope.ServiceProvider.GetRequiredService<BoardQuery>().LoadAsync(await PrincipalAsync(app, Reception), null);

        Assert.True(board.Cards.Single(c => c.Reference == refused).EmailBounced);
        Assert.False(board.Cards.Single(c => c.Reference == accepted).EmailBounced);
    }
}
