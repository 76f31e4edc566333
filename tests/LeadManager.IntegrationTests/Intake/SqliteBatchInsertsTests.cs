using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.Intake;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Intake;

/// <summary>
/// Intake writes its new rows on SQLite with its own prepared statements (ADR-011). Whatever
/// the model says (a new column, a value converter), those rows must be the ones EF Core's
/// SaveChanges writes, or staff pages would read something else than the patient sent.
/// </summary>
public sealed class SqliteBatchInsertsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_request_written_by_the_intake_inserts_is_stored_exactly_as_EF_Core_stores_it()
    {
        var now = new DateTime(2026, 11, 27, 9, 41, 17, 123, DateTimeKind.Utc).AddTicks(4567);
        int siteId;
        await using (var db = await NewDbAsync(app))
        {
            siteId = await db.Sites.Select(s => s.Id).FirstAsync();
        }

        var byEf = await WriteAsync(NewRequest(now, siteId), useBatchInserts: false);
        var byIntake = await WriteAsync(NewRequest(now, siteId), useBatchInserts: true);

        // Everything but the keys and the (unique) reference.
        string[] keys = ["Id", "LeadId", "Reference"];
        Assert.Equal(await RowsAsync("Leads", "Id", byEf, keys), await RowsAsync("Leads", "Id", byIntake, keys));
        Assert.Equal(await RowsAsync("LeadEvents", "LeadId", byEf, keys), await RowsAsync("LeadEvents", "LeadId", byIntake, keys));
        Assert.Equal(await RowsAsync("OutboundEmails", "LeadId", byEf, keys), await RowsAsync("OutboundEmails", "LeadId", byIntake, keys));
        Assert.Equal(await RowsAsync("FollowUps", "LeadId", byEf, keys), await RowsAsync("FollowUps", "LeadId", byIntake, keys));

        // And read back through EF, the keys join up.
        await using var check = await NewDbAsync(app);
        var lead = await check.Leads.Include(l => l.Events).SingleAsync(l => l.Id == byIntake);
        Assert.Single(lead.Events);
        Assert.Equal(2, await check.OutboundEmails.CountAsync(e => e.LeadId == byIntake));
        Assert.Equal(1, await check.FollowUps.CountAsync(f => f.LeadId == byIntake && f.Kind == FollowUpKinds.AssignOverdue));
        Assert.Equal(PreferredCallTimes.Mornings | PreferredCallTimes.Saturday, lead.PreferredCallTimes);
        Assert.Equal(RedFlags.NewNumbnessOrPinsAndNeedles | RedFlags.ConstantNightPain, lead.RedFlags);
        Assert.Equal(now, lead.CreatedAt);
    }

    [Fact]
    public async Task A_reference_already_taken_fails_as_SaveChanges_would_fail_and_stores_nothing()
    {
        var now = DateTime.UtcNow;
        var first = NewRequest(now, siteId: null);
        await WriteAsync(first, useBatchInserts: true);

        var clash = NewRequest(now, siteId: null, reference: first.Reference, email: "clash@example.com");
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => WriteAsync(clash, useBatchInserts: true));

        Assert.Contains("Leads.Reference", failure.InnerException!.Message, StringComparison.Ordinal);
        await using var db = await NewDbAsync(app);
        Assert.False(await db.Leads.AnyAsync(l => l.Email == "clash@example.com"));
    }

    private static Lead NewRequest(DateTime now, int? siteId, string? reference = null, string email = "same.row@example.com")
    {
        var lead = Lead.Create(reference ?? LeadReference.New(), LeadChannel.Embed, TriageLevel.ReviewFirst, Actor.Patient, now);
        lead.CallFor = CallFor.SomeoneElse;
        lead.ContactPersonName = "Sam Carer";
        lead.FirstName = "Ada";
        lead.LastName = "O'Neil – ü 😀";
        lead.Email = email;
        lead.Phone = "+447911123456";
        lead.PreferredSiteId = siteId;
        lead.PreferredCallTimes = PreferredCallTimes.Mornings | PreferredCallTimes.Saturday;
        lead.BodyArea = BodyArea.LowerBack;
        lead.Concern = "Line one\nline two, with \"quotes\" and <b>markup</b>.";
        lead.SymptomDuration = SymptomDuration.Months;
        lead.PreviousCare = PreviousCare.GP | PreviousCare.Scan;
        lead.RedFlags = RedFlags.NewNumbnessOrPinsAndNeedles | RedFlags.ConstantNightPain;
        lead.HeardAbout = "A friend";
        lead.Funding = Funding.HealthInsurance;
        lead.InsurerName = "Bupa";
        lead.ContactConsentAt = now;
        lead.HealthDataConsentAt = now;
        lead.MarketingConsent = true;
        lead.MarketingConsentAt = now;
        lead.PrivacyNoticeVersion = "2026-11";
        lead.ConsentMethod = ConsentMethod.Online;
        lead.UtmSource = "google";
        lead.UtmMedium = "cpc";
        lead.UtmCampaign = "back-pain";
        lead.UtmTerm = "physio near me";
        lead.UtmContent = "ad-2";
        return lead;
    }

    /// <returns>The new lead's id.</returns>
    private async Task<int> WriteAsync(Lead lead, bool useBatchInserts)
    {
        await using var db = await NewDbAsync(app);
        await using var transaction = await db.Database.BeginTransactionAsync();
        OutboundEmail[] emails =
        [
            OutboundEmailKinds.Due(lead, OutboundEmailKinds.PatientConfirmation, lead.Email, lead.CreatedAt),
            OutboundEmailKinds.Due(lead, OutboundEmailKinds.ReceptionNewRequest, "reception@clinic.test", lead.CreatedAt),
        ];
        Data.Outbox.FollowUp[] steps =
        [
            new() { Lead = lead, Kind = FollowUpKinds.AssignOverdue, DueAt = lead.CreatedAt.AddMinutes(15), MadeFor = lead.StageStartedAt, MadeForVersion = lead.Version, CreatedAt = lead.CreatedAt },
        ];
        if (useBatchInserts)
        {
            using var inserts = new SqliteBatchInserts(db);
            inserts.Insert(lead, emails, steps);
            Assert.All(emails, e => Assert.Equal(lead.Id, e.LeadId));
            Assert.All(steps, s => Assert.Equal(lead.Id, s.LeadId));
            Assert.All(lead.Events, e => Assert.Equal(lead.Id, e.LeadId));
        }
        else
        {
            db.Leads.Add(lead);
            db.OutboundEmails.AddRange(emails);
            db.FollowUps.AddRange(steps);
            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();
        return lead.Id;
    }

    /// <summary>The stored rows as SQLite holds them (type and value of each column), in id order.</summary>
    private async Task<List<string>> RowsAsync(string table, string keyColumn, int key, string[] except)
    {
        await using var db = await NewDbAsync(app);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = $key ORDER BY \"Id\"";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("; ", Enumerable.Range(0, reader.FieldCount)
                .Where(i => !except.Contains(reader.GetName(i)))
                .Select(i => $"{reader.GetName(i)}={reader.GetDataTypeName(i)}:{(reader.IsDBNull(i) ? "NULL" : reader.GetString(i))}")));
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
