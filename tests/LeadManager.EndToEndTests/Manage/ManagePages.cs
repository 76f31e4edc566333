using System.Globalization;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Manage;

/// <summary>Steps the manage-link browser tests share: the patient's pick on their page, and the clinician's list after it.</summary>
public static class ManagePages
{
    /// <summary>
    /// Ticks the first free time on the patient's open manage page, sends it with the button the
    /// patient sees (<paramref name="submitLabel"/>: "Book my call at this time" with no call agreed,
    /// "Move my call to this time" with one) and returns the picked time in UTC.
    /// </summary>
    public static async Task<DateTime> PickFirstFreeSlotAsync(IPage patient, string submitLabel)
    {
        var label = await patient.Locator("label[for=slot-0]").InnerTextAsync();
        var pickedUtc = DateTime.ParseExact(await patient.GetByTestId("free-slot").First.GetAttributeAsync("value") ?? "", "yyyy-MM-dd'T'HH:mm'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        await patient.GetByLabel(label).CheckAsync();
        await patient.GetByRole(AriaRole.Button, new() { Name = submitLabel }).ClickAsync();
        return pickedUtc;
    }

    /// <summary>Signs Priya in on a page of her own and checks her list shows the patient's call once, at <paramref name="callAtUtc"/>.</summary>
    public static async Task ExpectOnPriyasCallsAtAsync(BrowserFixture browser, string patientName, DateTime callAtUtc)
    {
        var clock = browser.App.Services.GetRequiredService<ClinicClock>();
        var callAt = clock.ToClinicTime(callAtUtc);
        var clinician = await browser.NewPageAsync();
        await StaffPages.SignInAsync(clinician, DemoSeeder.ClinicianEmail, "/my-calls");

        var today = callAt.Date == clock.ClinicNow.Date;
        var section = clinician.GetByTestId(today ? "section-today" : "section-coming");
        var card = section.GetByTestId("call-card").Filter(new() { HasText = patientName });
        await Assertions.Expect(card.Locator(".call-time")).ToHaveTextAsync(callAt.ToString(today ? "HH:mm" : "ddd d MMM, HH:mm", CultureInfo.CurrentCulture));
        await Assertions.Expect(clinician.GetByTestId("call-card").Filter(new() { HasText = patientName })).ToHaveCountAsync(1);
    }
}
