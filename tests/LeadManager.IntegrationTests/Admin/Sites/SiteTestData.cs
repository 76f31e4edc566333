using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.Admin.Sites;
using LeadManager.Web.Features.FollowUp;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>The sites page's handlers called as a signed-in admin would call them, and what they leave in the database.</summary>
internal static class SiteTestData
{
    /// <summary>In Ofcom's drama range for London, which libphonenumber accepts (the demo's 01632 numbers it does not).</summary>
    public const string Phone = "020 7946 0001";

    public const string SecondAdmin = "admin2@clinic.test";

    public static Task<ClaimsPrincipal> AdminAsync(TestApp app) => LeadTestData.PrincipalAsync(app, LeadTestData.Admin);

    /// <summary>Another admin (the demo has one), made once per app: two admins editing one site.</summary>
    public static async Task<ClaimsPrincipal> SecondAdminAsync(TestApp app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByEmailAsync(SecondAdmin) is null)
            {
                var user = new IdentityUser { UserName = SecondAdmin, Email = SecondAdmin, EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, TestApp.DemoPassword)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, StaffRoles.Admin)).Succeeded);
                await using var db = await LeadTestData.NewDbAsync(app);
                db.StaffMembers.Add(new StaffMember { UserId = user.Id, DisplayName = "Ada Second" });
                await db.SaveChangesAsync();
            }
        }

        return await LeadTestData.PrincipalAsync(app, SecondAdmin);
    }

    public static async Task<int> SiteIdAsync(TestApp app, string name)
    {
        await using var db = await LeadTestData.NewDbAsync(app);
        return await db.Sites.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    /// <summary>The site as the edit dialog opens it.</summary>
    public static async Task<SiteEditView> OpenAsync(TestApp app, ClaimsPrincipal admin, string name)
    {
        var id = await SiteIdAsync(app, name);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SiteAdministration>().LoadAsync(admin, id) ?? throw new InvalidOperationException($"No site {name}.");
    }

    /// <summary>The dialog's form as opened, with a phone number libphonenumber accepts and <paramref name="change"/> applied.</summary>
    public static SiteForm Edited(SiteEditView view, Action<SiteForm>? change = null)
    {
        var form = new SiteForm
        {
            Name = view.Form.Name,
            Address = view.Form.Address,
            Phone = Phone,
            IsActive = view.Form.IsActive,
            BankHolidayRegion = view.Form.BankHolidayRegion,
            DutyClinicianId = view.Form.DutyClinicianId,
            Hours = view.Form.Hours.Select(h => new DayHours { Day = h.Day, IsOpen = h.IsOpen, Opens = h.Opens, Closes = h.Closes }).ToList(),
            Version = view.Form.Version,
        };
        change?.Invoke(form);
        return form;
    }

    public static async Task<SiteSaveResult> SaveAsync(TestApp app, ClaimsPrincipal admin, SiteEditView view, SiteForm form)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SiteAdministration>().SaveAsync(admin, view.SiteId!.Value, form);
    }

    /// <summary>Opens the site, changes it and saves it; the save must succeed.</summary>
    public static async Task<SiteSaveResult> ChangeAsync(TestApp app, string name, Action<SiteForm> change, ClaimsPrincipal? admin = null)
    {
        admin ??= await AdminAsync(app);
        var view = await OpenAsync(app, admin, name);
        var result = await SaveAsync(app, admin, view, Edited(view, change));
        Assert.True(result.Succeeded, $"{result.Status}: {result.Message} {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        return result;
    }

    public static async Task<SiteSaveResult> AddClosureAsync(TestApp app, ClaimsPrincipal admin, string siteName, ClosureForm closure, int? seenVersion = null)
    {
        var id = await SiteIdAsync(app, siteName);
        await using var scope = app.Services.CreateAsyncScope();
        var closures = scope.ServiceProvider.GetRequiredService<SiteClosures>();
        var version = seenVersion ?? (await closures.LoadAsync(admin, id))!.Version;
        return await closures.AddAsync(admin, id, version, closure);
    }

    /// <summary>Everything a save could change about a site, and the audit trail's length: equal before and after means nothing was saved.</summary>
    public static async Task<string> StateAsync(TestApp app, string name)
    {
        await using var db = await LeadTestData.NewDbAsync(app);
        var site = await db.Sites.AsNoTracking().Include(s => s.OpeningHours).Include(s => s.Closures).AsSplitQuery().SingleAsync(s => s.Name == name);
        var audits = await db.AuditEntries.CountAsync();
        return $"{site.Name}|{site.Address}|{site.Phone}|{site.IsActive}|{site.BankHolidayRegion}|{site.DutyClinicianId}|v{site.Version}|"
            + string.Join(",", site.OpeningHours.OrderBy(h => h.Day).Select(h => $"{h.Day}{h.Opens}-{h.Closes}")) + "|"
            + string.Join(",", site.Closures.OrderBy(c => c.FirstDay).Select(c => $"{c.FirstDay}-{c.LastDay}:{c.Reason}")) + $"|audit {audits}"
            + $"|sites {await db.Sites.CountAsync()}";
    }

    public static Task<LeadDbContext> DbAsync(TestApp app) => LeadTestData.NewDbAsync(app);

    /// <summary>Plans a stored request the way intake plans a new one.</summary>
    public static async Task PlanAsync(TestApp app, int leadId, DateTime nowUtc)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await LeadTestData.NewDbAsync(app);
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        await scope.ServiceProvider.GetRequiredService<FollowUpPlanner>().PlanAsync(db, lead, nowUtc, null, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    public static DayHours Day(SiteForm form, DayOfWeek day) => form.Hours.Single(h => h.Day == day);
}
