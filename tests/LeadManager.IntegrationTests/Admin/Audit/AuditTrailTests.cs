using System.Net;
using System.Security.Claims;
using LeadManager.Data.Audit;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Admin.FirstRun;
using LeadManager.Web.Audit;
using LeadManager.Web.Auth;
using LeadManager.Web.Features.Admin.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadManager.IntegrationTests.Admin.Audit;

/// <summary>A fresh install with two admins and a receptionist, shared by the audit trail's tests; each test writes entries of its own.</summary>
public sealed class AuditTrailApp : IAsyncLifetime
{
    public const string AliceEmail = "alice.admin@clinic.test";
    public const string BobEmail = "bob.admin@clinic.test";
    public const string ReceptionEmail = "rae.reception@clinic.test";

    public SmtpTestServer Smtp { get; } = new();

    public FreshInstallApp App { get; private set; } = null!;

    public StaffIdentity Alice { get; private set; } = null!;

    public StaffIdentity Bob { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new FreshInstallApp(Smtp.Port);
        var alice = await App.AddStaffAsync(AliceEmail, StaffRoles.Admin, "Alice Admin");
        var bob = await App.AddStaffAsync(BobEmail, StaffRoles.Admin, "Bob Admin");
        await App.AddStaffAsync(ReceptionEmail, StaffRoles.Receptionist, "Rae Reception");
        Alice = new StaffIdentity(alice.UserId, alice.Id, alice.DisplayName, IsFrontDesk: true, IsClinician: false);
        Bob = new StaffIdentity(bob.UserId, bob.Id, bob.DisplayName, IsFrontDesk: true, IsClinician: false);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Writes through the one writer, as an admin page would, with its clock set to <paramref name="atUtc"/>.</summary>
    public async Task RecordAsync(DateTime atUtc, StaffIdentity? actor, string area, string subjectId, string subjectName, string action, params (string Field, string? From, string? To)[] changes)
    {
        await using var db = await App.DbAsync();
        new AuditTrail(new FakeTimeProvider(new DateTimeOffset(atUtc, TimeSpan.Zero)))
            .Record(db, actor, area, subjectId, subjectName, action, AuditTrail.Changes(changes));
        await db.SaveChangesAsync();
    }

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await StaffSignIn.SignInAsync(client, email, FreshInstallApp.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}

/// <summary>/admin/audit's query and its CSV: newest first, each filter, paging in SQL, clinic time, admins only.</summary>
public sealed class AuditTrailTests(AuditTrailApp fixture) : IClassFixture<AuditTrailApp>
{
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (summer time): the trail's days are the clinic's.
    private static readonly DateTime LateOnFirstJulyUtc = new(2026, 7, 1, 23, 30, 0, DateTimeKind.Utc);

    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];

    private async Task<(ClaimsPrincipal Admin, AuditLogQuery Query, AsyncServiceScope Scope)> QueryAsync()
    {
        var scope = fixture.App.Services.CreateAsyncScope();
        return (await fixture.App.PrincipalAsync(AuditTrailApp.AliceEmail), scope.ServiceProvider.GetRequiredService<AuditLogQuery>(), scope);
    }

    /// <summary>Four changes of this test's own: a person invited by Alice, a site changed by Bob, a clinic change by Alice, one by LeadManager itself.</summary>
    private async Task WriteTrailAsync()
    {
        await fixture.RecordAsync(LateOnFirstJulyUtc, fixture.Alice, AuditAreas.Staff, "41", $"Zanele Okoro {_tag}", "Invited",
            ("Email", null, "zanele@clinic.test"), ("Role", null, StaffRoles.Clinician));
        await fixture.RecordAsync(new DateTime(2026, 7, 3, 10, 0, 0, DateTimeKind.Utc), fixture.Bob, AuditAreas.Site, "7", $"Harbourside {_tag}", "Opening hours changed",
            ("Monday", "09:00–17:00", "08:00–18:00"));
        await fixture.RecordAsync(new DateTime(2026, 7, 4, 9, 0, 0, DateTimeKind.Utc), null, AuditAreas.Staff, "1", $"Clinic manager {_tag}", "Created at start-up");
        await fixture.RecordAsync(new DateTime(2026, 7, 5, 8, 15, 0, DateTimeKind.Utc), fixture.Alice, AuditAreas.Clinic, "ReceptionAddress", $"Reception email address {_tag}", "Test email sent",
            ("To", null, "front-desk@clinic.test"));
    }

    [Fact]
    public async Task The_trail_lists_newest_first_in_clinic_time_with_who_what_and_from_to()
    {
        await WriteTrailAsync();
        var (admin, query, scope) = await QueryAsync();
        await using var _ = scope;

        var page = await query.PageAsync(admin, new AuditFilter { Subject = _tag }, 0, 50);

        Assert.Equal(5, page.Total);
        Assert.Equal(
            ["Test email sent", "Created at start-up", "Opening hours changed", "Invited", "Invited"],
            page.Rows.Select(r => r.Action));
        var monday = page.Rows[2];
        Assert.Equal(("Bob Admin", AuditAreas.Site, $"Harbourside {_tag}", "Monday", "09:00–17:00", "08:00–18:00"),
            (monday.ActorName, monday.Area, monday.SubjectName, monday.Field, monday.From, monday.To));
        Assert.Equal(new DateTime(2026, 7, 3, 11, 0, 0), monday.AtClinicTime);
        Assert.Equal(new DateTime(2026, 7, 2, 0, 30, 0), page.Rows[3].AtClinicTime);
        Assert.Equal("LeadManager", page.Rows[1].ActorName);
    }

    [Fact]
    public async Task Each_filter_narrows_the_trail()
    {
        await WriteTrailAsync();
        var (admin, query, scope) = await QueryAsync();
        await using var _ = scope;
        var mine = new AuditFilter { Subject = _tag };
        async Task<IReadOnlyList<AuditRow>> Rows(AuditFilter filter) => (await query.PageAsync(admin, filter, 0, 200)).Rows;

        // Clinic days: the invite at 00:30 on 2 July clinic time is on the 2nd, not the 1st.
        Assert.Equal(["Invited", "Invited"], (await Rows(mine with { From = new DateOnly(2026, 7, 2), To = new DateOnly(2026, 7, 2) })).Select(r => r.Action));
        Assert.Empty(await Rows(mine with { To = new DateOnly(2026, 7, 1) }));
        Assert.Equal(["Test email sent", "Created at start-up"], (await Rows(mine with { From = new DateOnly(2026, 7, 4) })).Select(r => r.Action));

        Assert.Equal(["Opening hours changed"], (await Rows(mine with { Area = AuditAreas.Site })).Select(r => r.Action));
        Assert.Equal(["Test email sent"], (await Rows(mine with { Area = AuditAreas.Clinic })).Select(r => r.Action));
        Assert.Equal(["Test email sent", "Invited", "Invited"], (await Rows(mine with { ActorId = fixture.Alice.StaffMemberId })).Select(r => r.Action));
        Assert.Equal(["Created at start-up"], (await Rows(mine with { ActorId = AuditFilter.LeadManagerItself })).Select(r => r.Action));
        Assert.Equal(["Email", "Role"], (await Rows(mine with { Action = "Invited" })).Select(r => r.Field).Order());

        // The subject search is a case-insensitive part of the name, with LIKE's wildcards taken literally.
        Assert.Equal([$"Harbourside {_tag}"], (await Rows(new AuditFilter { Subject = $"HARBOURSIDE {_tag}" })).Select(r => r.SubjectName));
        Assert.Empty(await Rows(new AuditFilter { Subject = $"Harbour%{_tag}" }));

        // The filters' choices come from the trail itself.
        var actors = await query.ActorsAsync(admin);
        Assert.Contains(new AuditActor(fixture.Alice.StaffMemberId, "Alice Admin"), actors);
        Assert.Contains(new AuditActor(fixture.Bob.StaffMemberId, "Bob Admin"), actors);
        Assert.Contains(new AuditActor(AuditFilter.LeadManagerItself, "LeadManager itself"), actors);
        Assert.DoesNotContain(actors, a => a.Name == "Rae Reception");
        Assert.Contains("Opening hours changed", await query.ActionsAsync(admin));
    }

    [Fact]
    public async Task The_trail_is_paged_in_the_database_newest_first()
    {
        for (var i = 0; i < 30; i++)
        {
            await fixture.RecordAsync(new DateTime(2026, 8, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(i), fixture.Bob, AuditAreas.Staff, $"{100 + i}", $"Paged person {i:00} {_tag}", "Changed", ("Display name", "Old", $"New {i}"));
        }

        var (admin, query, scope) = await QueryAsync();
        await using var _ = scope;
        var filter = new AuditFilter { Subject = _tag };

        var first = await query.PageAsync(admin, filter, 0, 25);
        var second = await query.PageAsync(admin, filter, 25, 25);

        Assert.Equal(30, first.Total);
        Assert.Equal(30, second.Total);
        Assert.Equal(Enumerable.Range(5, 25).Reverse().Select(i => $"Paged person {i:00} {_tag}"), first.Rows.Select(r => r.SubjectName));
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"Paged person {i:00} {_tag}"), second.Rows.Select(r => r.SubjectName));
    }

    [Fact]
    public async Task The_csv_has_the_filtered_trail_in_clinic_time_and_cells_a_spreadsheet_would_run_are_made_text()
    {
        await WriteTrailAsync();
        await fixture.RecordAsync(new DateTime(2026, 7, 6, 12, 0, 0, DateTimeKind.Utc), fixture.Alice, AuditAreas.Staff, "42", $"=HYPERLINK(\"http://evil.test\",\"Click\") {_tag}", "Changed",
            ("Display name", "+44 formula", "@SUM(A1)"));
        var client = await fixture.SignedInAsync(AuditTrailApp.AliceEmail);

        var response = await client.GetAsync($"/admin/audit/export.csv?{new AuditFilter { Subject = _tag, From = new DateOnly(2026, 7, 3) }.ToQuery()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("audit-trail-", response.Content.Headers.ContentDisposition?.FileName);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("When (clinic time),Who,Area,Subject,Subject id,Action,Field,From,To", lines[0]);
        Assert.Equal(5, lines.Length); // the header, the formula row, the test email, the start-up entry and the hours: the invite of the 2nd is before the 3rd
        Assert.Equal($"2026-07-06 13:00:00,Alice Admin,Staff,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"Click\"\") {_tag}\",42,Changed,Display name,'+44 formula,'@SUM(A1)", lines[1]);
        Assert.Equal($"2026-07-03 11:00:00,Bob Admin,Site,Harbourside {_tag},7,Opening hours changed,Monday,09:00–17:00,08:00–18:00", lines[4]);
        Assert.DoesNotContain("Zanele", csv);
    }

    [Fact]
    public async Task Only_an_admin_may_read_the_trail_even_over_the_circuit()
    {
        var scope = fixture.App.Services.CreateAsyncScope();
        await using var _ = scope;
        var query = scope.ServiceProvider.GetRequiredService<AuditLogQuery>();
        var reception = await fixture.App.PrincipalAsync(AuditTrailApp.ReceptionEmail);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => query.PageAsync(reception, new AuditFilter(), 0, 25));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => query.ActorsAsync(reception));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => query.ActionsAsync(reception));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(async () =>
        {
            await foreach (var row in query.AllAsync(reception, new AuditFilter()))
            {
                Assert.Fail($"Reception read {row.Action}.");
            }
        });

        var client = await fixture.SignedInAsync(AuditTrailApp.ReceptionEmail);
        var csv = await client.GetAsync("/admin/audit/export.csv");
        Assert.Equal(HttpStatusCode.Redirect, csv.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", Redirect.PathOf(csv));
    }
}
