using System.Net;
using LeadManager.Data.Audit;
using LeadManager.Data.Leads;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Admin.FirstRun;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Audit;
using LeadManager.Web.Features.Admin.FirstRun;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Admin.Audit;

/// <summary>
/// The trail is read by people who may not see health data and is sent around as a file: a
/// realistic one, written while passwords, an invite token and a patient's request were in play,
/// holds none of them.
/// </summary>
public sealed class AuditCsvSecretsTests(AuditTrailApp fixture) : IClassFixture<AuditTrailApp>
{
    private const string ClinicianPassword = "Kittiwake-Harbour-77!";

    [Fact]
    public async Task The_csv_of_a_realistic_trail_holds_no_password_invite_token_or_patient_detail()
    {
        var app = fixture.App;
        // A clinician joins: an account with a password of her own, and the one-time token an invite link carries.
        var clinician = await app.AddStaffAsync("joy.mensah@clinic.test", StaffRoles.Clinician, "Joy Mensah", withHours: true);
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByEmailAsync("joy.mensah@clinic.test"))!;
            token = await users.GeneratePasswordResetTokenAsync(user);
            Assert.True((await users.ResetPasswordAsync(user, token, ClinicianPassword)).Succeeded);
        }

        // She signs in with it, and a patient's request is given to her.
        var joy = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSignIn.SignInAsync(joy, "joy.mensah@clinic.test", ClinicianPassword)).StatusCode);
        var lead = await LeadTestData.CreateLeadAsync(app, TriageLevel.ReviewFirst, lastName: "Featherstonehaugh",
            arrange: (l, db) => l.Assign(db.StaffMembers.Single(s => s.Id == clinician.Id), Actor.System, DateTime.UtcNow));

        // What the admin pages record meanwhile, through the one writer, worded as they word it.
        var now = DateTime.UtcNow;
        await fixture.RecordAsync(now, fixture.Alice, AuditAreas.Staff, $"{clinician.Id}", "Joy Mensah", "Invited",
            ("Email", null, "joy.mensah@clinic.test"), ("Role", null, StaffRoles.Clinician));
        await fixture.RecordAsync(now, fixture.Alice, AuditAreas.Staff, $"{clinician.Id}", "Joy Mensah", "Changed",
            ("Sites", "", "Harbourside"), ("Specialties", "", "Knee, Back"), ("Working hours", "", "Mon–Fri 09:00–13:00"), ("Daily call capacity", "8", "10"));
        await fixture.RecordAsync(now, fixture.Bob, AuditAreas.Staff, $"{clinician.Id}", "Joy Mensah", "Leave added", ("Leave", null, "Mon 3 Aug – Fri 7 Aug"));
        await fixture.RecordAsync(now, fixture.Bob, AuditAreas.Staff, $"{clinician.Id}", "Joy Mensah", "Password reset link sent");
        await fixture.RecordAsync(now, fixture.Bob, AuditAreas.Staff, $"{clinician.Id}", "Joy Mensah", "Deactivated",
            ("Open requests", null, "1 returned to Unassigned"));
        await fixture.RecordAsync(now, fixture.Alice, AuditAreas.Site, "3", "Harbourside", "Closure added", ("Closure", null, "Thu 24 Dec – Fri 1 Jan: Christmas"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReceptionTestEmails>().SendAsync(await app.PrincipalAsync(AuditTrailApp.BobEmail), CancellationToken.None);
        }

        var admin = await fixture.SignedInAsync(AuditTrailApp.AliceEmail);
        var response = await admin.GetAsync("/admin/audit/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsStringAsync();

        // The trail is there...
        Assert.Contains("Joy Mensah,Invited,Role,,Clinician", csv.Replace($",{clinician.Id},", ",", StringComparison.Ordinal));
        Assert.Contains("Password reset link sent", csv);
        Assert.Contains("Test email sent", csv);
        // ...and no secret and no patient is in it.
        var stored = await LeadTestData.ReadAsync(app, lead.Id);
        foreach (var secret in new[]
        {
            ClinicianPassword, FreshInstallApp.StaffPassword, FreshInstallApp.BootstrapPassword,
            token, Uri.EscapeDataString(token), WebUtility.UrlEncode(token),
            stored.FirstName + " " + stored.LastName, stored.LastName, stored.Email, stored.Phone, stored.Concern!, stored.Reference,
        })
        {
            Assert.DoesNotContain(secret, csv, StringComparison.OrdinalIgnoreCase);
        }
    }
}
