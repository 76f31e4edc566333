using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace LeadManager.IntegrationTests.Auth;

/// <summary>
/// Every staff page × anonymous, clinician A, clinician B, receptionist and admin, over real
/// HTTP with real sign-in. The table is the rule; a new staff page with no row here fails
/// <see cref="Every_staff_page_has_a_row_in_the_table"/>.
/// </summary>
public sealed class PageAccessMatrixTests(TestApp app) : IClassFixture<TestApp>
{
    public const string Anonymous = "anonymous";
    private const string Admin = "admin@clinic.test";
    private const string Reception = "reception@clinic.test";
    private const string ClinicianA = "clinician@clinic.test";
    private const string ClinicianB = "clinician2@clinic.test";

    private static readonly string[] Everyone = [Anonymous, ClinicianA, ClinicianB, Reception, Admin];
    private static readonly string[] FrontDesk = [Reception, Admin];
    private static readonly string[] AllStaff = [ClinicianA, ClinicianB, Reception, Admin];

    // Route template → who may open it. (Which lead a clinician may open is the lead rule, tested with the handlers.)
    private static readonly Dictionary<string, (string Path, string[] Allowed)> Pages = new()
    {
        ["/board"] = ("/board", FrontDesk),
        ["/my-calls"] = ("/my-calls", [ClinicianA, ClinicianB]),
        ["/leads"] = ("/leads", AllStaff),
        ["/leads/{Reference}"] = ("/leads/DC-7K3P9Q", AllStaff),
        ["/reports"] = ("/reports", [Admin]),
        ["/admin"] = ("/admin", [Admin]),
        ["/admin/emails"] = ("/admin/emails", [Admin]),
        ["/admin/audit"] = ("/admin/audit", [Admin]),
        ["/admin/sites"] = ("/admin/sites", [Admin]),
    };

    private static readonly ConcurrentDictionary<string, Task<HttpClient>> Clients = new();

    [Fact]
    public void Every_staff_page_has_a_row_in_the_table()
    {
        var staffPages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Order()
            .ToList();

        Assert.Equal(Pages.Keys.Order().ToList(), staffPages);
    }

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in Pages.Keys)
        {
            foreach (var who in Everyone)
            {
                data.Add(page, who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_page_opens_only_for_the_roles_in_the_table(string page, string who)
    {
        var (path, allowed) = Pages[page];
        var client = await ClientForAsync(who);

        var response = await client.GetAsync(path);

        if (who == Anonymous)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", Redirect.PathOf(response));
        }
        else if (allowed.Contains(who))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", Redirect.PathOf(response));
        }
    }

    // The account pages an emailed link (an invite, a password reset) or the forced password change
    // opens: public, so they answer anyone themselves. Without a usable link they say so and show
    // no form; the change page sends an anonymous visitor to sign in.
    private static readonly string[] LinkPages = ["/Account/AcceptInvite", "/Account/ResetPassword"];

    public static TheoryData<string, string> AccountPageCells()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in LinkPages.Append("/Account/ChangePassword"))
        {
            foreach (var who in Everyone)
            {
                data.Add(page, who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AccountPageCells))]
    public async Task The_account_pages_for_emailed_links_and_changing_a_password_answer_everyone_themselves(string path, string who)
    {
        var client = await ClientForAsync(who);

        var response = await client.GetAsync(path);

        if (LinkPages.Contains(path))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"link-not-valid\"", html);
            Assert.DoesNotContain("name=\"Input.NewPassword\"", html);
        }
        else if (who == Anonymous)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", Redirect.PathOf(response));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("name=\"Input.CurrentPassword\"", await response.Content.ReadAsStringAsync());
        }
    }

    // The CSV export is the list's view: each person gets only the rows they may open.
    public static TheoryData<string, bool> ExportCells() => new()
    {
        { Anonymous, false },
        { ClinicianA, true },
        { ClinicianB, false },
        { Reception, true },
        { Admin, true },
    };

    [Theory]
    [MemberData(nameof(ExportCells))]
    public async Task The_csv_export_holds_a_request_only_for_those_who_may_open_it(string who, bool seesIt)
    {
        var lead = await Leads.LeadTestData.CreateLeadAsync(app, arrange: (l, db) =>
            l.Assign(Leads.LeadTestData.Staff(db, ClinicianA), LeadManager.Data.Leads.Actor.System, DateTime.UtcNow), lastName: "Exportmatrix");
        var client = await ClientForAsync(who);

        var response = await client.GetAsync($"/leads/export.csv?search={lead.Reference}");

        if (who == Anonymous)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", Redirect.PathOf(response));
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(seesIt, (await response.Content.ReadAsStringAsync()).Contains(lead.Reference, StringComparison.Ordinal));
    }

    public static TheoryData<string> People()
    {
        var data = new TheoryData<string>();
        foreach (var who in Everyone)
        {
            data.Add(who);
        }

        return data;
    }

    // The audit trail's CSV is the page's: admins only.
    [Theory]
    [MemberData(nameof(People))]
    public async Task The_audit_csv_is_for_admins_only(string who)
    {
        var client = await ClientForAsync(who);

        var response = await client.GetAsync("/admin/audit/export.csv");

        if (who == Admin)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("When (clinic time),Who,Area", (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(who == Anonymous ? "/Account/Login" : "/Account/AccessDenied", Redirect.PathOf(response));
    }

    private Task<HttpClient> ClientForAsync(string who) => Clients.GetOrAdd($"{app.Directory}|{who}", async _ =>
    {
        var client = app.CreateBrowserLikeClient();
        if (who != Anonymous)
        {
            var signedIn = await StaffSignIn.SignInAsync(client, who, TestApp.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        return client;
    });
}
