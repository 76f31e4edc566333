using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.IntegrationTests.Intake;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Leads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Operations;

/// <summary>
/// Hangfire keeps its log provider in a static, so while other apps start in the same process its
/// lines can go to their loggers. This class runs alone, after the parallel ones, so that every
/// line its own app writes (Hangfire's included) comes to its own provider.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WholeLogCollection
{
    public const string Name = "Reads every log line";
}

/// <summary>
/// The app at Debug in every category, on a fake clock (business hours, whatever the real time), with a real SMTP
/// server and its job server running; every line it writes is kept by <see cref="Lines"/>.
/// </summary>
/// <remarks>
/// Debug and not Trace: Trace is, by .NET's own definition, the level that "may contain sensitive
/// application data" and is never to be on in production. Debug is what an operator turns on to
/// look into a problem, so it must be as clean as Information. The levels are set the way an
/// operator would (Logging:LogLevel), so a category the app caps in code stays capped here too.
/// </remarks>
public sealed class DebugLoggingApp() : ClockedWorkflowApp(NextMondayMorning(), new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Debug",
    ["Logging:LogLevel:Microsoft"] = "Debug",
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Debug",
    ["Logging:LogLevel:Hangfire"] = "Debug",
    ["FollowUp:ProcessJobs"] = "true",
    ["FollowUp:RetryDelaysSeconds:0"] = "1",
    ["Intake:MinimumFillSeconds"] = "0",
    ["Intake:FormPermitLimit"] = "1000",
    ["App:PublicUrl"] = "http://localhost",
})
{
    public LogLines Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // In place of the console (thousands of Debug lines in the test output), not beside it.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Lines));
    }

    // Ahead of the real clock (sign-in lockout and signed links keep real time), in business hours.
    private static DateTimeOffset NextMondayMorning()
    {
        var day = DateTime.UtcNow.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(ToUtc(day.AddHours(9)), TimeSpan.Zero);
    }
}

[Collection(WholeLogCollection.Name)]
public sealed partial class CleanLogsTests(ITestOutputHelper output)
{
    // Distinctive values, so that a match in a log line can only be this patient's.
    private const string FirstName = "Zebedee";
    private const string LastName = "Quixleworth";
    private const string TypedPhone = "07911 185 274";
    private const string Phone = "+447911185274";
    private const string Concern = "Sharp twinges in my left ankle since the Glimmerfold fell race, worse on stairs";

    private const string ApiFirstName = "Ottoline";
    private const string ApiLastName = "Vexbury";
    private const string ApiContactName = "Barnabus Flinchcombe";
    private const string ApiTypedPhone = "+44 7911 185 296";
    private const string ApiPhone = "+447911185296";
    private const string ApiConcern = "Cranchlemoor ache through my right wrist after pruning";

    private const string LockedOutStaff = "clinician3@clinic.test";

    [Fact]
    public async Task The_whole_journey_writes_no_patient_detail_in_any_log_line_at_Debug()
    {
        var email = $"quixleworth-{Guid.NewGuid():N}"[..24] + "@example.org";
        var apiEmail = $"vexbury-{Guid.NewGuid():N}"[..20] + "@example.org";
        var app = new DebugLoggingApp();
        string manageToken;
        try
        {
            manageToken = await JourneyAsync(app, email, apiEmail);
        }
        finally
        {
            // Shutdown lines too: the host stopping, Hangfire's server, the last jobs.
            await app.DisposeAsync();
        }

        var lines = app.Lines.Lines;
        // To read them all yourself: LEADMANAGER_LOG_DUMP=/tmp/journey.log dotnet test --filter CleanLogsTests
        if (Environment.GetEnvironmentVariable("LEADMANAGER_LOG_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllLinesAsync(dump, lines);
        }

        var secrets = new List<Secret>
        {
            new("first name", FirstName),
            new("last name", LastName),
            new("email", email),
            new("email's local part (URL-encoded or not)", email.Split('@')[0]),
            new("symptoms as typed", Concern),
            new("a word only the symptoms have", "Glimmerfold"),
            new("body area typed in the symptoms", "left ankle"),
            new("body area picked (its key, name and label)", "ankle"),
            new("the manage link's token (the key to the patient's page)", manageToken),
            new("API patient's first name", ApiFirstName),
            new("API patient's last name", ApiLastName),
            new("API contact's name", ApiContactName),
            new("API contact's surname", "Flinchcombe"),
            new("API email", apiEmail),
            new("API symptoms as typed", ApiConcern),
            new("a word only the API symptoms have", "Cranchlemoor"),
            new("API body area typed in the symptoms", "right wrist"),
            new("API red flag (key)", "constant-night-pain"),
            new("API red flag (name)", "ConstantNightPain"),
            new("API red flag (words)", "Constant pain at night"),
            new("API patient's triage (their red flag, in a word)", "ReviewFirst"),
        };
        secrets.AddRange(LogLeaks.Phone("patient", TypedPhone, Phone));
        secrets.AddRange(LogLeaks.Phone("API patient", ApiTypedPhone, ApiPhone));

        var found = LogLeaks.Find(lines, secrets);

        var categories = lines.Select(Category).GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"{lines.Count} log lines read; by category: {string.Join("; ", categories.Take(40))}");
        foreach (var line in lines.Where(l => l.Contains(LockedOutStaff, StringComparison.OrdinalIgnoreCase)).Take(10))
        {
            output.WriteLine($"names the staff member who failed to sign in: {line}");
        }

        foreach (var leak in found.GroupBy(f => (f.Secret.What, Category: Category(f.Line))))
        {
            output.WriteLine($"LEAK {leak.Key.What} in {leak.Count()} line(s) of {leak.Key.Category}, e.g.: {leak.First().Line}");
        }

        Assert.True(found.Count == 0, $"{found.Count} log line(s) carry a patient's details:{Environment.NewLine}{LogLeaks.Describe(found)}");
        // Not vacuous: the lines were read, from every part of the journey.
        Assert.True(lines.Count > 500, $"Only {lines.Count} log lines were read.");
        // EF Core's commands with their parameters, whose values show as '?' (sensitive-data logging is off).
        Assert.Contains(lines, l => Category(l) == "Microsoft.EntityFrameworkCore.Database.Command" && l.Contains("[Parameters=[@", StringComparison.Ordinal) && l.Contains("='?'", StringComparison.Ordinal));
        Assert.Contains(lines, l => Category(l).StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
        Assert.Contains(lines, l => Category(l).StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal));
        Assert.Contains(lines, l => Category(l).StartsWith("Hangfire", StringComparison.Ordinal));
        Assert.Contains(lines, l => Category(l) == typeof(SendEmailJob).FullName && l.Contains("is Retrying", StringComparison.Ordinal));
        Assert.Contains(lines, l => Category(l) == typeof(SendEmailJob).FullName && l.Contains("is Sent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("locked out", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, l => l.Contains("exported", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("from the patient's manage link", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scanner_catches_a_detail_in_a_message_a_scope_a_named_value_or_an_exception()
    {
        using var lines = new LogLines();
        using (var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(lines)))
        {
            var logger = factory.CreateLogger("Leaky");
            logger.LogInformation("Sent to zebedee.quixleworth@example.org");
            using (logger.BeginScope(new Dictionary<string, object?> { ["Patient"] = "Glimmerfold" }))
            {
                logger.LogInformation("Nothing here");
            }

            logger.LogDebug("Searched for {Term}", new[] { "07911-185-274" });
            logger.LogError(new InvalidOperationException("bad row", new FormatException("left ankle")), "Saving failed");
            logger.LogInformation("Request {Reference} is clean", "DC-ABC123");
        }

        var found = LogLeaks.Find(lines.Lines,
        [
            new("email", "zebedee.quixleworth@example.org"),
            new("health word", "Glimmerfold"),
            .. LogLeaks.Phone("patient", TypedPhone, Phone),
            new("body area", "left ankle"),
        ]);

        Assert.Equal(5, lines.Lines.Count);
        // The message, the scope's value, the named value (a number typed with dashes) and the inner exception; not the clean line.
        Assert.Equal(lines.Lines.Take(4), found.Select(f => f.Line).Distinct());
        Assert.Equal(["email", "health word", "body area"], found.Select(f => f.Secret.What).Where(w => !w.Contains("phone", StringComparison.Ordinal)));
        Assert.Contains(found, f => f.Secret.What == "patient's phone (its digits, in any spacing)");
    }

    /// <summary>The journey; returns the patient's manage-link token (a secret the logs must not hold either).</summary>
    private async Task<string> JourneyAsync(DebugLoggingApp app, string email, string apiEmail)
    {
        // The public form, as a browser posts it (antiforgery cookie and token, the form ticket).
        var patient = app.CreateBrowserLikeClient();
        var confirmation = await RequestForm.SubmitAndReadConfirmationAsync(patient, new Dictionary<string, string>
        {
            ["forWhom"] = "me",
            ["firstName"] = FirstName,
            ["lastName"] = LastName,
            ["phone"] = TypedPhone,
            ["email"] = email,
            ["site"] = "Riverside",
            ["bodyArea"] = "ankle-foot",
            ["concern"] = Concern,
            ["duration"] = "weeks",
            ["preferredTimes"] = "afternoons",
            ["consentContact"] = "yes",
            ["consentHealthData"] = "yes",
        });
        var reference = RequestForm.Reference(confirmation) ?? throw new InvalidOperationException("No reference on the confirmation page.");

        // The clinic website's server, through the API, for someone else, with a red flag.
        var website = app.CreateBrowserLikeClient();
        website.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);
        var created = await website.PostAsJsonAsync("/api/leads", new
        {
            forWhom = "someone-else",
            contactName = ApiContactName,
            firstName = ApiFirstName,
            lastName = ApiLastName,
            email = apiEmail,
            phone = ApiTypedPhone,
            bodyArea = "wrist-hand",
            concern = ApiConcern,
            screened = true,
            redFlags = new[] { "constant-night-pain" },
            consents = new { contact = true, healthData = true },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            Assert.Equal("ReviewFirst", json.RootElement.GetProperty("triage").GetString());
        }

        int leadId;
        await using (var db = await NewDbAsync(app))
        {
            leadId = await db.Leads.Where(l => l.Reference == reference).Select(l => l.Id).SingleAsync();
            Assert.Equal(Phone, await db.Leads.Where(l => l.Id == leadId).Select(l => l.Phone).SingleAsync());
        }

        var confirmationEmail = await app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(t => t.Address == email));
        var manageLink = ManageLink().Match(confirmationEmail.TextBody ?? "").Value;
        Assert.NotEmpty(manageLink);
        var managePath = new Uri(manageLink).AbsolutePath;

        // Reception assigns it; the clinician agrees a call for this afternoon.
        var clinician = await StaffAsync(app, ClinicianA);
        await app.ActAsync(leadId, (actions, who, id, version) => actions.AssignAsync(who, id, version, clinician.Id));
        await app.ActAsync(leadId, (actions, who, id, version) => actions.ScheduleAsync(who, id, version, app.Today(15, 0)), by: ClinicianA);
        await app.AfterTheGraceAsync(leadId);

        // The patient opens their link and says they will be there.
        var page = await patient.GetStringAsync(managePath);
        Assert.Contains(reference, page);
        var available = await patient.PostAsync(managePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSignIn.AntiforgeryToken(page),
            ["_handler"] = ManageAvailable.FormName,
        }));
        Assert.Equal(HttpStatusCode.Redirect, available.StatusCode);

        // Reception signs in, looks the patient up by name, opens the request and exports the list.
        var reception = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSignIn.SignInAsync(reception, Reception, TestApp.DemoPassword)).StatusCode);
        var search = "?search=" + Uri.EscapeDataString($"{FirstName} {LastName}");
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync("/leads" + search)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync($"/leads/{reference}")).StatusCode);
        var export = await reception.GetAsync("/leads/export.csv" + search);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(LastName, await export.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync("/leads/export.csv?search=" + Uri.EscapeDataString(email))).StatusCode);

        // The call goes unanswered; the patient is told.
        app.MoveTo(ClockedWorkflowApp.ToUtc(app.Today(15, 1)));
        await app.ActAsync(leadId, (actions, who, id, version) => actions.RecordAttemptAsync(who, id, version, CallAttemptResult.NoAnswer, "Rang at 15:00, no answer"), by: ClinicianA);
        await app.AfterTheGraceAsync(leadId);
        await SentAsync(app, leadId, FollowUpKinds.TriedToReach);

        // The next call books an assessment, while the mail server refuses everything: the send fails and waits.
        app.Smtp.TemporaryRefusals = int.MaxValue;
        int siteId;
        await using (var db = await NewDbAsync(app))
        {
            siteId = await db.Sites.Where(s => s.IsActive).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }

        app.MoveTo(ClockedWorkflowApp.ToUtc(app.Today(16, 0)));
        await app.ActAsync(leadId, (actions, who, id, version) => actions.RecordOutcomeAsync(who, id, version, CloseReason.BookedAssessment,
            new BookingInput(app.Tomorrow(10, 0), siteId, "PX-99"), emailPatient: true), by: ClinicianA);
        await app.ProcessAsync(leadId);
        var refused = await OutboxEmailTests.WaitForAsync(app, async db => await db.OutboundEmails.AsNoTracking()
            .FirstOrDefaultAsync(e => e.LeadId == leadId && e.Kind == OutboundEmailKinds.PatientAssessmentBooked && e.Status == OutboundEmailStatus.Retrying));
        Assert.Contains("452", refused.LastError);

        // The server takes mail again: the retry goes.
        app.Smtp.TemporaryRefusals = 0;
        app.MoveTo(refused.NextAttemptAt.AddSeconds(1));
        await app.ProcessAsync(leadId);
        await SentAsync(app, leadId, OutboundEmailKinds.PatientAssessmentBooked);

        // A refused sign-in, then a lockout.
        var stranger = app.CreateBrowserLikeClient();
        var wrong = await StaffSignIn.SignInAsync(stranger, LockedOutStaff, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        HttpResponseMessage? locked = null;
        for (var i = 0; i < 10 && locked is null; i++)
        {
            var response = await StaffSignIn.SignInAsync(stranger, LockedOutStaff, i < 5 ? $"wrong-{i}" : TestApp.DemoPassword);
            locked = response.StatusCode == HttpStatusCode.Redirect && Redirect.PathOf(response) == "/Account/Lockout" ? response : null;
        }

        Assert.NotNull(locked);

        // Every email that is due has gone, so no send is cut short by the shutdown.
        await OutboxEmailTests.WaitForAsync(app, async db =>
        {
            var now = app.Now;
            return await db.OutboundEmails.AnyAsync(e => (e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying) && e.NextAttemptAt <= now)
                ? null
                : "settled";
        });
        return managePath["/manage/".Length..];
    }

    // The job server runs too, so an email may go from its run rather than the test's: wait for it either way.
    private static async Task SentAsync(DebugLoggingApp app, int leadId, string kind)
    {
        var sent = await OutboxEmailTests.WaitForAsync(app, async db => await db.OutboundEmails.AsNoTracking()
            .FirstOrDefaultAsync(e => e.LeadId == leadId && e.Kind == kind && e.Status == OutboundEmailStatus.Sent));
        await app.Smtp.WaitForMessageAsync(m => m.MessageId == sent.SmtpMessageId);
    }

    private static string Category(string line)
    {
        var start = line.IndexOf(": ", StringComparison.Ordinal) + 2;
        return line[start..line.IndexOf('[', start)];
    }

    [GeneratedRegex(@"http://localhost/manage/[^\s]+")]
    private static partial Regex ManageLink();
}
