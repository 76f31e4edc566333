using System.Text.RegularExpressions;
using LeadManager.Data.Leads;
using LeadManager.EndToEndTests.Leads;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using MimeKit;

namespace LeadManager.EndToEndTests.Manage;

/// <summary>
/// The no-answer sequence end to end: the clinician's unanswered call on her phone, the patient's
/// "we tried" email through a real SMTP server, their pick from its link with JavaScript off, and
/// the clinician's list afterwards.
/// </summary>
public sealed partial class NoAnswerBrowserTests(CallInviteBrowserFixture browser) : IClassFixture<CallInviteBrowserFixture>
{
    private const string PatientLastName = "Unanswered";
    private const string Concern = "Sharp ache in my left shoulder when I reach up";
    private const string AndroidChrome = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

    [Fact]
    public async Task After_no_answer_on_the_phone_call_sheet_the_patient_picks_a_time_from_the_we_tried_email_with_JavaScript_off_and_the_clinician_s_list_shows_it()
    {
        var patientEmail = $"robin.{Guid.NewGuid():N}@example.com";
        var reference = await TestRequests.CreateAsync(browser.App, PatientLastName, bodyArea: BodyArea.Shoulder, concern: Concern, arrange: async (lead, db) =>
        {
            lead.Email = patientEmail;
            var userId = await db.Users.Where(u => u.Email == DemoSeeder.ClinicianEmail).Select(u => u.Id).SingleAsync();
            lead.Assign(await db.StaffMembers.SingleAsync(s => s.UserId == userId), Actor.System, DateTime.UtcNow.AddHours(-1));
        });

        var clinician = await browser.NewPageAsync(o =>
        {
            o.ViewportSize = new() { Width = 390, Height = 844 };
            o.DeviceScaleFactor = 3;
            o.IsMobile = true;
            o.HasTouch = true;
            o.UserAgent = AndroidChrome;
        });
        await StaffPages.SignInAsync(clinician, DemoSeeder.ClinicianEmail, $"/leads/{reference}");
        await clinician.GetByTestId("call-sheet").GetByTestId("outcome-NoAnswer").ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("attempt-result")).ToContainTextAsync("no answer");
        await clinician.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("lead-status")).ToHaveTextAsync("Tried calling");

        var clinic = browser.App.Services.GetRequiredService<IOptions<ClinicOptions>>().Value;
        var triedEmail = await browser.Smtp.WaitForMessageAsync(m => IsTo(m, patientEmail) && m.Subject?.StartsWith("We tried to call you", StringComparison.Ordinal) == true);
        Assert.Equal($"We tried to call you: {clinic.Name}", triedEmail.Subject);
        var text = triedEmail.TextBody ?? "";
        var everything = string.Join("\n", triedEmail.Subject, text, triedEmail.HtmlBody);
        Assert.DoesNotContain(Concern, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("shoulder", everything, StringComparison.OrdinalIgnoreCase);
        // A retry is planned, so the email names it ("tomorrow morning", "Monday afternoon"), not the "soon" kept for when none is.
        Assert.Matches(NamedRetry(), text);
        Assert.Contains(reference, text, StringComparison.Ordinal);
        var link = Assert.Single(ManageLink().Matches(text)).Value;

        // Only the link's path is used: the email names the clinic's public address, the test's server is elsewhere.
        var patient = await browser.NewPageAsync(o => o.JavaScriptEnabled = false);
        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(patient.GetByTestId("reference")).ToHaveTextAsync(reference);
        await Assertions.Expect(patient.GetByTestId("manage-status")).ToContainTextAsync("We tried to call you");
        var pickedUtc = await ManagePages.PickFirstFreeSlotAsync(patient, "Book my call at this time");
        await Assertions.Expect(patient.GetByTestId("manage-done")).ToContainTextAsync("your call is at its new time");

        await using var db = await TestRequests.NewDbAsync(browser.App);
        var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Reference == reference);
        Assert.Equal(LeadStatus.Scheduled, lead.Status);
        Assert.Equal(pickedUtc, lead.ScheduledCallAt);
        await ManagePages.ExpectOnPriyasCallsAtAsync(browser, $"Robin {PatientLastName}", pickedUtc);
    }

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"We will try again (tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)( \d{1,2} [A-Z][a-z]+)? (morning|afternoon|evening)\.")]
    private static partial Regex NamedRetry();

    [GeneratedRegex(@"https?://\S+/manage/\S+")]
    private static partial Regex ManageLink();
}
