using System.Text;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Demo;
using LeadManager.Web.Features.Leads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace LeadManager.EndToEndTests.Leads;

/// <summary>
/// Agreeing and moving the call on the lead page, and what lands in the patient's and the
/// clinician's inboxes: an invite their calendar files, then an update to the same event.
/// </summary>
public sealed class CallInviteBrowserTests(CallInviteBrowserFixture browser) : IClassFixture<CallInviteBrowserFixture>
{
    private const string LondonZone = "Europe/London";
    private const string PatientLastName = "Featherstonehaugh";
    private const string Concern = "Knee hurts on stairs";

    [Fact]
    public async Task Agreeing_the_call_emails_the_patient_an_invite_and_moving_it_sends_an_update_to_the_same_calendar_event()
    {
        var patientEmail = $"robin.{Guid.NewGuid():N}@example.com";
        var reference = await TestRequests.CreateAsync(browser.App, PatientLastName, concern: Concern, arrange: (lead, _) =>
        {
            lead.Email = patientEmail;
            return Task.CompletedTask;
        });
        var clock = browser.App.Services.GetRequiredService<ClinicClock>();
        var callDay = clock.ClinicNow.Date.AddDays(3);
        var agreedAt = callDay.AddHours(10).AddMinutes(30);
        var movedTo = callDay.AddHours(11).AddMinutes(15);

        var page = await browser.NewPageAsync();
        await StaffPages.SignInAsync(page, DemoSeeder.ReceptionistEmail, $"/leads/{reference}");
        await AssignToPriyaAsync(page);
        await SaveCallTimeAsync(page, "action-Schedule", agreedAt, clock);

        var first = ReadInvite(await browser.Smtp.WaitForMessageAsync(m => IsCalendarEmailTo(m, patientEmail)));
        Assert.Equal("REQUEST", first.Method);
        Assert.Contains(reference, first.Uid, StringComparison.Ordinal);
        Assert.Equal(LondonZone, first.StartTimeZone);
        Assert.Equal(agreedAt, first.StartsAt);
        Assert.Equal("multipart/mixed", first.Message.Body?.ContentType.MimeType);
        Assert.Equal("REQUEST", first.CalendarPart.ContentType.Parameters["method"]);
        var attachment = Assert.Single(first.Message.Attachments.OfType<MimePart>());
        Assert.Equal("invite.ics", attachment.FileName);
        // The same invite as the calendar part: once the two are decoded only their line endings differ.
        Assert.Equal(first.Ics.ReplaceLineEndings(), Decoded(attachment).ReplaceLineEndings());
        Assert.DoesNotContain("moved", first.Message.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Concern, AllText(first.Message), StringComparison.OrdinalIgnoreCase);

        await SaveCallTimeAsync(page, "action-Reschedule", movedTo, clock);

        var moved = ReadInvite(await browser.Smtp.WaitForMessageAsync(m => IsCalendarEmailTo(m, patientEmail) && m.MessageId != first.Message.MessageId));
        Assert.Equal("REQUEST", moved.Method);
        Assert.Equal(first.Uid, moved.Uid);
        Assert.True(moved.Sequence > first.Sequence, $"The moved invite has SEQUENCE {moved.Sequence}, not above the first's {first.Sequence}.");
        Assert.Equal(LondonZone, moved.StartTimeZone);
        Assert.Equal(movedTo, moved.StartsAt);
        Assert.Contains("has moved", moved.Message.Subject, StringComparison.Ordinal);

        // Priya's own copy of the same event, with the new time; no copy she got names the patient.
        var clinicianCopy = ReadInvite(await browser.Smtp.WaitForMessageAsync(m =>
            IsCalendarEmailTo(m, DemoSeeder.ClinicianEmail) && ReadInvite(m) is var copy && copy.Uid == first.Uid && copy.StartsAt == movedTo));
        Assert.Equal("REQUEST", clinicianCopy.Method);
        Assert.True(clinicianCopy.Sequence > first.Sequence);
        var clinicianEmails = browser.Smtp.Messages.Where(m => IsCalendarEmailTo(m, DemoSeeder.ClinicianEmail) && ReadInvite(m).Uid == first.Uid).ToList();
        Assert.All(clinicianEmails, m => Assert.DoesNotContain(PatientLastName, AllText(m), StringComparison.OrdinalIgnoreCase));
    }

    private static async Task AssignToPriyaAsync(IPage page)
    {
        await page.GetByTestId("action-Assign").ClickAsync();
        await page.GetByTestId("assign-clinician").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Priya Shah" }).ClickAsync();
        await page.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-clinician")).ToHaveTextAsync("Priya Shah");
    }

    /// <param name="action">The lead page's button that opens the call-time form: Schedule the first time, Reschedule ("Move call") after.</param>
    private static async Task SaveCallTimeAsync(IPage page, string action, DateTime callAtClinicTime, ClinicClock clock)
    {
        await page.GetByTestId(action).ClickAsync();
        await page.Locator("[data-testid=call-time] input, input[data-testid=call-time]").FillAsync(LeadTimes.ToInput(callAtClinicTime));
        await page.GetByTestId("action-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-scheduled")).ToHaveTextAsync(clock.Format(clock.ToUtc(callAtClinicTime)));
    }

    private sealed record ReceivedInvite(MimeMessage Message, TextPart CalendarPart, string Ics, string Method, string Uid, int Sequence, string? StartTimeZone, DateTime StartsAt);

    private static bool IsCalendarEmailTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))
        && message.BodyParts.OfType<TextPart>().Any(IsCalendar);

    private static bool IsCalendar(TextPart part) => part.ContentType.IsMimeType("text", "calendar");

    private static ReceivedInvite ReadInvite(MimeMessage message)
    {
        var part = message.BodyParts.OfType<TextPart>().First(IsCalendar);
        var ics = part.Text;
        // Ical.Net's Calendar, not System.Globalization's.
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var call = Assert.Single(calendar.Events);
        var start = call.DtStart!;
        return new ReceivedInvite(message, part, ics, calendar.Method!, call.Uid!, call.Sequence, start.TzId, start.Value);
    }

    // Everything a reader of the email can see: subject, text, HTML, the calendar part and the attached invite.
    private static string AllText(MimeMessage message) =>
        string.Join("\n", [message.Subject, .. message.BodyParts.OfType<TextPart>().Select(p => p.Text), .. message.Attachments.OfType<MimePart>().Select(Decoded)]);

    private static string Decoded(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return Encoding.UTF8.GetString(content.ToArray());
    }
}
