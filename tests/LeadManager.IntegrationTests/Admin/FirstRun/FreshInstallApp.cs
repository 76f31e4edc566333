using System.Globalization;
using System.Security.Claims;
using LeadManager.Data;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Operations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Admin.FirstRun;

/// <summary>
/// The app as a clinic first starts it in Production: no demo data, the bootstrap admin from
/// configuration, mail through a real SMTP server on 127.0.0.1. The staff and sites the admin
/// pages will create are written straight to the database here (those pages are built apart).
/// </summary>
public sealed class FreshInstallApp : TestApp
{
    public const string BootstrapAdmin = "manager@clinic.test";
    public const string BootstrapPassword = "Bootstrap-Start-2026";
    public const string ReceptionAddress = "front-desk@clinic.test";

    /// <summary>The password of every account <see cref="AddStaffAsync"/> makes.</summary>
    public const string StaffPassword = "Staff-Member-Pass-2026";

    public FreshInstallApp(int smtpPort, string receptionAddress = ReceptionAddress)
        : base("Production", new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "false",
            ["Bootstrap:AdminEmail"] = BootstrapAdmin,
            ["Bootstrap:AdminPassword"] = BootstrapPassword,
            ["Clinic:Name"] = "Harbour Physio",
            ["App:PublicUrl"] = "https://calls.harbour-physio.test",
            ["Email:Delivery"] = "Smtp",
            ["Email:From"] = "Harbour Physio <hello@harbour-physio.test>",
            ["Email:ReceptionAddress"] = receptionAddress,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
            ["FollowUp:RetryDelaysSeconds:0"] = "1",
        })
    {
    }

    public async Task<LeadDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();

    public Task<SetUpProgress.State> ProgressAsync() => Services.GetRequiredService<SetUpProgress>().MeasureAsync(CancellationToken.None);

    public Task<ClaimsPrincipal> PrincipalAsync(string email) => LeadTestData.PrincipalAsync(this, email);

    /// <summary>A site as /admin/sites will save it: Monday to Friday 09:00–17:00 unless <paramref name="withHours"/> is false.</summary>
    public async Task<Site> AddSiteAsync(string name, bool withHours = true, bool active = true)
    {
        await using var db = await DbAsync();
        var site = new Site { Name = name, Address = "1 Quay Street", Phone = "+441632960001", IsActive = active };
        if (withHours)
        {
            site.OpeningHours = [.. Weekdays.Select(day => new SiteOpeningHours { Day = day, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0) })];
        }

        db.Sites.Add(site);
        await db.SaveChangesAsync();
        return site;
    }

    /// <summary>A signed-up staff member (Identity user with <see cref="StaffPassword"/>, role, staff record) as /admin/staff and the invite will leave one.</summary>
    public async Task<StaffMember> AddStaffAsync(string email, string role, string displayName, bool withHours = false, bool active = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, StaffPassword));
        Check(await users.AddToRoleAsync(user, role));
        await using var db = await DbAsync();
        var member = new StaffMember { UserId = user.Id, DisplayName = displayName, IsActive = active, DeactivatedAt = active ? null : DateTime.UtcNow };
        if (withHours)
        {
            member.WorkingHours = [.. Weekdays.Select(day => new StaffWorkingHours { Day = day, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(13, 0) })];
        }

        db.StaffMembers.Add(member);
        await db.SaveChangesAsync();
        return member;
    }

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}
