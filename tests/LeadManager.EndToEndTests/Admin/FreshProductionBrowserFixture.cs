using System.Globalization;
using LeadManager.Data;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.EndToEndTests.Admin;

/// <summary>
/// The app as a clinic first starts it: Production, no demo data, the bootstrap admin from
/// configuration, and mail through a real SMTP server on 127.0.0.1.
/// </summary>
public sealed class FreshProductionBrowserFixture : BrowserFixture, IAsyncLifetime
{
    public const string BootstrapAdmin = "manager@clinic.test";
    public const string BootstrapPassword = "Bootstrap-Start-2026";
    public const string ReceptionAddress = "front-desk@clinic.test";
    public const string StaffPassword = "Staff-Member-Pass-2026";

    public FreshProductionBrowserFixture()
        : this(new SmtpTestServer())
    {
    }

    private FreshProductionBrowserFixture(SmtpTestServer smtp)
        : base("Production", new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "false",
            ["Bootstrap:AdminEmail"] = BootstrapAdmin,
            ["Bootstrap:AdminPassword"] = BootstrapPassword,
            ["Clinic:Name"] = "Harbour Physio",
            ["Email:Delivery"] = "Smtp",
            ["Email:From"] = "Harbour Physio <hello@harbour-physio.test>",
            ["Email:ReceptionAddress"] = ReceptionAddress,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
        })
    {
        Smtp = smtp;
    }

    /// <summary>Every email the app has sent, as reception's mail server would get it.</summary>
    public SmtpTestServer Smtp { get; }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    // Until /admin/sites and /admin/staff are merged, what they save is written straight to the database.

    public async Task AddSiteAsync(string name)
    {
        await using var db = await DbAsync();
        db.Sites.Add(new Site
        {
            Name = name,
            Address = "1 Quay Street",
            Phone = "+441632960001",
            OpeningHours = [.. Weekdays.Select(day => new SiteOpeningHours { Day = day, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0) })],
        });
        await db.SaveChangesAsync();
    }

    public async Task AddStaffAsync(string email, string role, string displayName, bool withHours)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, StaffPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        await using var db = await DbAsync();
        db.StaffMembers.Add(new StaffMember
        {
            UserId = user.Id,
            DisplayName = displayName,
            WorkingHours = withHours ? [.. Weekdays.Select(day => new StaffWorkingHours { Day = day, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(13, 0) })] : [],
        });
        await db.SaveChangesAsync();
    }

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private Task<LeadDbContext> DbAsync() => App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
}
