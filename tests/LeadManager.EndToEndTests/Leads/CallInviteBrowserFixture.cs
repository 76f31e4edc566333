using System.Globalization;

namespace LeadManager.EndToEndTests.Leads;

/// <summary>
/// The browser fixture for the call invites: the app sends its email through a real SMTP server
/// on 127.0.0.1 that the tests read, with no grace before an invite goes (a test does not wait
/// two minutes) and quiet hours that never hold a patient's email while the tests run.
/// </summary>
public sealed class CallInviteBrowserFixture : BrowserFixture, IAsyncLifetime
{
    public CallInviteBrowserFixture()
        : this(new SmtpTestServer())
    {
    }

    private CallInviteBrowserFixture(SmtpTestServer smtp)
        : base(Settings(smtp.Port))
    {
        Smtp = smtp;
    }

    /// <summary>Every email the app has sent, as the recipients' mail servers would get them.</summary>
    public SmtpTestServer Smtp { get; }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(int smtpPort)
    {
        // Quiet hours are a daily minute half a day from now on London's clock, so whatever hour
        // CI runs at, the patient's invite is never held for the morning.
        var londonNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var quietStart = TimeOnly.FromDateTime(londonNow.AddHours(12));
        return new Dictionary<string, string?>
        {
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:TimeoutSeconds"] = "5",
            ["Workflow:PatientEmailGrace"] = "00:00:00",
            ["Workflow:QuietHoursStart"] = quietStart.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Workflow:QuietHoursEnd"] = quietStart.AddMinutes(1).ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }
}
