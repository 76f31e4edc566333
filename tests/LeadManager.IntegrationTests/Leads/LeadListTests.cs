using System.Net;
using System.Security.Claims;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Leads;

/// <summary>The list of requests: filters, search, visibility, the overdue rules on a moved clock, and the CSV export.</summary>
public sealed class LeadListTests(LeadListTests.ClockedApp app) : IClassFixture<LeadListTests.ClockedApp>
{
    /// <summary>Wednesday 25 November 2026, 10:00 in London (GMT): a working morning at every demo site.</summary>
    public static readonly DateTimeOffset Wednesday10am = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public sealed class ClockedApp() : TestApp("Testing", null, services: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)))
    {
        public static FakeTimeProvider Clock { get; } = new(Wednesday10am);
    }

    private async Task<LeadListPage> PageAsync(string who, LeadListFilter filter, int skip = 0, int take = 100)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LeadListQuery>().PageAsync(await PrincipalAsync(app, who), filter, skip, take))!;
    }

    private static List<string> Refs(LeadListPage page) => page.Rows.Select(r => r.Reference).ToList();

    [Fact]
    public async Task Search_finds_a_request_by_name_email_typed_phone_or_reference()
    {
        var lead = await CreateLeadAsync(app, lastName: "Quimby-Search", email: "quimby.search@example.com", phone: "+447911254321");

        foreach (var search in new[] { "quimby", "Robin Quimby", "QUIMBY.SEARCH@example.com", "07911 254321", "+44 7911 254321", lead.Reference.ToLowerInvariant(), lead.Reference[3..] })
        {
            var page = await PageAsync(Reception, new LeadListFilter { Search = search });
            Assert.True(Refs(page).Contains(lead.Reference), $"'{search}' did not find the request");
        }

        Assert.DoesNotContain(lead.Reference, Refs(await PageAsync(Reception, new LeadListFilter { Search = "nobody-like-this" })));
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_closed_requests_show_only_when_asked_for()
    {
        var flagged = await CreateLeadAsync(app, TriageLevel.ReviewFirst, lastName: "Filterflag");
        var assigned = await CreateLeadAsync(app, arrange: (l, db) => l.Assign(Staff(db, ClinicianB), Actor.System, DateTime.UtcNow), lastName: "Filterassigned");
        var closed = await CreateLeadAsync(app, arrange: (l, db) => l.MarkSpam(Actor.System, DateTime.UtcNow), lastName: "Filterclosed");
        var tom = (await StaffAsync(app, ClinicianB)).Id;

        var byTriage = Refs(await PageAsync(Reception, new LeadListFilter { Triage = TriageLevel.ReviewFirst }));
        var byClinician = Refs(await PageAsync(Reception, new LeadListFilter { ClinicianId = tom }));
        var byStatus = Refs(await PageAsync(Reception, new LeadListFilter { Status = LeadStatus.Assigned }));
        var defaultView = Refs(await PageAsync(Reception, new LeadListFilter { CreatedFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)) }));
        var closedView = Refs(await PageAsync(Reception, new LeadListFilter { Status = LeadStatus.Closed }));
        var byChannel = Refs(await PageAsync(Reception, new LeadListFilter { Channel = LeadChannel.Phone }));

        Assert.Contains(flagged.Reference, byTriage);
        Assert.DoesNotContain(assigned.Reference, byTriage);
        Assert.Contains(assigned.Reference, byClinician);
        Assert.DoesNotContain(flagged.Reference, byClinician);
        Assert.Contains(assigned.Reference, byStatus);
        Assert.DoesNotContain(closed.Reference, defaultView);
        Assert.Contains(flagged.Reference, defaultView);
        Assert.Contains(closed.Reference, closedView);
        Assert.DoesNotContain(flagged.Reference, byChannel);
    }

    [Fact]
    public async Task Pages_and_sorting_run_on_the_server()
    {
        var all = await PageAsync(Reception, new LeadListFilter { Sort = LeadListSort.PatientName }, 0, 200);
        var first = await PageAsync(Reception, new LeadListFilter { Sort = LeadListSort.PatientName }, 0, 5);
        var second = await PageAsync(Reception, new LeadListFilter { Sort = LeadListSort.PatientName }, 5, 5);

        Assert.Equal(all.Total, first.Total);
        Assert.Equal(5, first.Rows.Count);
        Assert.Equal(all.Rows.Take(10).Select(r => r.Reference), first.Rows.Concat(second.Rows).Select(r => r.Reference));
        var names = all.Rows.Select(r => r.LastName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), names);
    }

    [Fact]
    public async Task A_clinician_lists_only_their_requests_and_unreviewed_red_flags()
    {
        var mine = await CreateLeadAsync(app, arrange: (l, db) => l.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow), lastName: "Visiblemine");
        var theirs = await CreateLeadAsync(app, arrange: (l, db) => l.Assign(Staff(db, ClinicianB), Actor.System, DateTime.UtcNow), lastName: "Visibletheirs");
        var flagged = await CreateLeadAsync(app, TriageLevel.ReviewFirst, lastName: "Visibleflag");
        var unassigned = await CreateLeadAsync(app, lastName: "Visiblenobody");

        var seen = Refs(await PageAsync(ClinicianA, new LeadListFilter { Search = "Visible" }));

        Assert.Contains(mine.Reference, seen);
        Assert.Contains(flagged.Reference, seen);
        Assert.DoesNotContain(theirs.Reference, seen);
        Assert.DoesNotContain(unassigned.Reference, seen);
    }

    [Fact]
    public async Task Overdue_now_follows_the_targets_in_business_hours_as_the_clock_moves()
    {
        // All at 10:00 on Wednesday (fake clock), preferred site Riverside (Mon–Fri 08:00–20:00 in the demo data).
        var now = ClockedApp.Clock.GetUtcNow().UtcDateTime;
        int riverside;
        await using (var db = await NewDbAsync(app))
        {
            riverside = db.Sites.Single(s => s.Name == "Riverside").Id;
        }

        var fresh = await CreateAt(now, null, "Overduenew", riverside);
        var assigned = await CreateAt(now, (l, db) => l.Assign(Staff(db, ClinicianA), Actor.System, now), "Overdueassigned", riverside);
        var scheduled = await CreateAt(now, (l, db) =>
        {
            l.Assign(Staff(db, ClinicianA), Actor.System, now);
            l.Schedule(now.AddMinutes(30), Actor.System, now);
        }, "Overduescheduled", riverside);
        var filter = new LeadListFilter { OverdueOnly = true, Search = "Overdue" };

        var at10 = Refs(await PageAsync(Reception, filter));
        ClockedApp.Clock.Advance(TimeSpan.FromMinutes(16));
        var at1016 = Refs(await PageAsync(Reception, filter));
        ClockedApp.Clock.Advance(TimeSpan.FromMinutes(20));
        var at1036 = Refs(await PageAsync(Reception, filter));
        ClockedApp.Clock.Advance(TimeSpan.FromMinutes(30));
        var at1106 = Refs(await PageAsync(Reception, filter));

        Assert.Empty(at10);
        Assert.Equal([fresh.Reference], at1016);
        Assert.Equal(new[] { fresh.Reference, scheduled.Reference }.Order(), at1036.Order());
        Assert.Equal(new[] { fresh.Reference, assigned.Reference, scheduled.Reference }.Order(), at1106.Order());
    }

    [Fact]
    public async Task The_first_contact_target_does_not_count_the_hours_the_clinic_is_closed()
    {
        var mondayEvening = new DateTime(2026, 11, 23, 19, 30, 0, DateTimeKind.Utc);
        int riverside;
        await using (var db = await NewDbAsync(app))
        {
            riverside = db.Sites.Single(s => s.Name == "Riverside").Id;
        }

        var lead = await CreateAt(mondayEvening, (l, db) => l.Assign(Staff(db, ClinicianA), Actor.System, mondayEvening), "Overnightcase", riverside);
        await using var scope = app.Services.CreateAsyncScope();
        var calendars = await scope.ServiceProvider.GetRequiredService<WorkflowTargets>().CalendarsAsync();
        var target = calendars.TargetFor(LeadStatus.Assigned, riverside, mondayEvening, null)!;

        // 30 minutes on Monday evening, the other 30 on Tuesday morning after opening.
        var tuesdayOpens = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 24, 8, 0, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        Assert.Equal(tuesdayOpens.AddMinutes(30), target.DueUtc);
        Assert.NotNull(lead);
    }

    [Fact]
    public async Task A_row_is_marked_and_filtered_as_escalated_for_its_current_stage_only_and_a_reassignment_clears_it()
    {
        var toldAt = DateTime.UtcNow.AddMinutes(-20);
        var escalated = await CreateLeadAsync(app, arrange: (l, db) => l.Assign(Staff(db, ClinicianB), Actor.System, DateTime.UtcNow.AddHours(-2)), lastName: "Listescalated");
        var earlier = await CreateLeadAsync(app, lastName: "Listearlier");
        await AddStepAsync(app, escalated.Id, FollowUpKinds.FirstContactOverdue, FollowUpStatus.Done, l => l.StageStartedAt, toldAt);
        // Escalated while it waited to be assigned; it has been assigned since.
        await AddStepAsync(app, earlier.Id, FollowUpKinds.AssignOverdue, FollowUpStatus.Done, l => l.StageStartedAt, toldAt);
        await ChangeAsync(app, earlier.Id, (l, db) => l.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow));
        var search = new LeadListFilter { Search = "List" };

        var rows = (await PageAsync(Reception, search)).Rows;
        var onlyEscalated = Refs(await PageAsync(Reception, search with { EscalatedOnly = true }));

        Assert.Equal(new EscalationMark(FollowUpKinds.FirstContactOverdue, toldAt), rows.Single(r => r.Id == escalated.Id).Escalation);
        Assert.Null(rows.Single(r => r.Id == earlier.Id).Escalation);
        Assert.Equal([escalated.Reference], onlyEscalated);
        Assert.Contains("escalated=true", (search with { EscalatedOnly = true }).ToQuery());

        // Given to another clinician: the first-contact target counts again from now, so the mark goes.
        await ChangeAsync(app, escalated.Id, (l, db) => l.Assign(Staff(db, ClinicianA), Actor.System, DateTime.UtcNow));

        Assert.Null((await PageAsync(Reception, search)).Rows.Single(r => r.Id == escalated.Id).Escalation);
        Assert.Empty(Refs(await PageAsync(Reception, search with { EscalatedOnly = true })));
    }

    [Fact]
    public async Task The_export_is_the_current_view_as_csv_with_formulas_neutralised()
    {
        var lead = await CreateLeadAsync(app, lastName: "=HYPERLINK(\"http://evil.example\")", email: "csv.case@example.com");
        var client = app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(client, Reception, TestApp.DemoPassword);

        var response = await client.GetAsync($"/leads/export.csv?search={Uri.EscapeDataString("csv.case@example.com")}");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Reference,Received,Status", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith(lead.Reference + ",", row);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", row);
        Assert.DoesNotContain("Knee hurts", csv);
    }

    [Fact]
    public async Task The_export_follows_who_may_see_what()
    {
        var theirs = await CreateLeadAsync(app, arrange: (l, db) => l.Assign(Staff(db, ClinicianB), Actor.System, DateTime.UtcNow), lastName: "Exporttheirs");
        var anonymous = app.CreateBrowserLikeClient();
        var clinician = app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(clinician, ClinicianA, TestApp.DemoPassword);

        var refused = await anonymous.GetAsync("/leads/export.csv");
        var clinicianCsv = await clinician.GetStringAsync("/leads/export.csv?search=Exporttheirs");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/Login", Redirect.PathOf(refused));
        Assert.DoesNotContain(theirs.Reference, clinicianCsv);
    }

    private Task<Created> CreateAt(DateTime at, Action<Lead, Data.LeadDbContext>? arrange, string lastName, int siteId) =>
        CreateLeadAtAsync(app, at, arrange: arrange, lastName: lastName, siteId: siteId);
}
