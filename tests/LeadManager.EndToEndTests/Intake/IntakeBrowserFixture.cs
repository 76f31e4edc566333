using Microsoft.Playwright;

namespace LeadManager.EndToEndTests.Intake;

/// <summary>
/// The browser fixture for the public request form: no minimum fill time (a test fills the
/// form faster than a person) and a form post limit no test run reaches.
/// </summary>
public sealed class IntakeBrowserFixture() : BrowserFixture(new Dictionary<string, string?>
{
    ["Intake:MinimumFillSeconds"] = "0",
    ["Intake:FormPermitLimit"] = "1000",
})
{
    private int _people;

    /// <summary>A patient with an email and phone number no other test in the class uses, so no request is an "asked again".</summary>
    public Patient NewPatient(string firstName = "Ann")
    {
        var n = Interlocked.Increment(ref _people);
        var subscriber = 123456 + n;
        return new Patient(firstName, $"Patient{n}", $"patient{n}.{Guid.NewGuid():N}@example.com", $"07911 {subscriber}", $"+447911{subscriber}");
    }

    /// <summary>A phone-sized touch screen, where most patients fill the form.</summary>
    public Task<IPage> NewPhonePageAsync(bool javaScript = true, ColorScheme colorScheme = ColorScheme.Light) => NewPageAsync(options =>
    {
        options.ColorScheme = colorScheme;
        options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
        options.DeviceScaleFactor = 3;
        options.IsMobile = true;
        options.HasTouch = true;
        options.JavaScriptEnabled = javaScript;
    });
}

public sealed record Patient(string FirstName, string LastName, string Email, string Phone, string PhoneE164);
