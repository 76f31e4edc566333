using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LeadManager.EndToEndTests.Intake;

/// <summary>
/// The public request form as a patient meets it: on a phone, in a real browser, with and
/// without JavaScript, ending in the database. Each test is a new patient (own email and
/// phone), so no request joins another as "asked again".
/// </summary>
public sealed class RequestFormTests(IntakeBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<IntakeBrowserFixture>
{
    private static readonly Regex ReferencePattern = new("^DC-[A-Z0-9]{6}$");
    private static readonly Regex ReceivedUrl = new("/request/received\\?t=");

    [Fact]
    public async Task Patient_fills_the_form_gets_an_error_corrects_it_and_reaches_the_confirmation()
    {
        var patient = fixture.NewPatient("Annabel");
        var page = await fixture.NewPhonePageAsync();
        await using var context = page.Context;
        var requested = RecordRequests(page);
        const string concern = "My neck has been stiff for three weeks and turning my head to reverse the car hurts.";

        await page.GotoAsync("/request");
        Assert.True(await FitsTheScreenAsync(page), "The form scrolls sideways on a 390 px wide phone.");
        await FillFormAsync(page, patient with { Email = "ann@" }, concern, site: "Riverside");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();

        var summary = page.GetByTestId("error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex("#email$"));
        await Expect(page.GetByLabel("Email address")).ToHaveAttributeAsync("aria-invalid", "true");
        // Everything typed is still there, not only the text boxes.
        await Expect(page.GetByLabel("First name of the patient")).ToHaveValueAsync(patient.FirstName);
        await Expect(page.GetByLabel("Last name of the patient")).ToHaveValueAsync(patient.LastName);
        await Expect(page.GetByLabel("What is going on?")).ToHaveValueAsync(concern);
        await Expect(page.GetByLabel("Email address")).ToHaveValueAsync("ann@");
        await Expect(page.GetByLabel("Which clinic would suit you?")).ToHaveValueAsync("Riverside");
        await Expect(page.GetByLabel("You may phone and email me about this request.")).ToBeCheckedAsync();
        Assert.True(await FitsTheScreenAsync(page), "The form with errors scrolls sideways on a 390 px wide phone.");

        await page.GetByLabel("Email address").FillAsync(patient.Email);
        var riverside = await SiteIdAsync("Riverside");
        var callBefore = await ExpectedCallAsync(riverside);
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();

        await Expect(page).ToHaveURLAsync(ReceivedUrl);
        await Expect(page.GetByTestId("request-received")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(ReferencePattern);
        var reference = await page.GetByTestId("reference").InnerTextAsync();
        var expectedCall = await page.GetByTestId("expected-call").InnerTextAsync();
        // Worked out either side of sending: if the clinic clock crossed a boundary (say, too near
        // closing to call today) in between, the page shows one of the two, never anything else.
        Assert.Contains(expectedCall, new[] { callBefore, await ExpectedCallAsync(riverside) });
        await Expect(page.GetByTestId("urgent-care-advice")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("clinician-review-notice")).ToHaveCountAsync(0);

        var lead = await LeadAsync(reference);
        Assert.Equal(patient.PhoneE164, lead.Phone);
        Assert.Equal(patient.Email, lead.Email);
        Assert.Equal(patient.FirstName, lead.FirstName);
        Assert.Equal(concern, lead.Concern);
        Assert.Equal(riverside, lead.PreferredSiteId);
        Assert.Equal(LeadChannel.Form, lead.Channel);
        Assert.Equal(TriageLevel.Routine, lead.Triage);
        var emails = await OutboxAsync(lead.Id);
        Assert.Equal(
            [(OutboundEmailKinds.PatientConfirmation, patient.Email), (OutboundEmailKinds.ReceptionNewRequest, "reception@clinic.test")],
            emails.Select(e => (e.Kind, e.Recipient)).Order().ToArray());

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.NotEmpty(requested);
        Assert.DoesNotContain(requested, url => url.Contains("/_blazor", StringComparison.Ordinal) || url.Contains("blazor.web.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Error_summary_link_takes_the_patient_to_the_field_and_keeps_what_they_typed()
    {
        var patient = fixture.NewPatient("Hal");
        var page = await fixture.NewPhonePageAsync();
        await using var context = page.Context;
        await page.GotoAsync("/request?utm_source=leaflet");
        await FillFormAsync(page, patient with { Email = "hal@example" }, "Wrist pain when typing.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();

        await page.GetByTestId("error-summary").GetByRole(AriaRole.Link, new() { Name = "Enter an email address like name@example.com." }).TapAsync();

        // A jump within the page: same address plus the field's fragment, not a new page.
        await Expect(page).ToHaveURLAsync(new Regex("/request\\?utm_source=leaflet#email$"));
        await Expect(page.GetByLabel("Email address")).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Email address")).ToBeInViewportAsync();
        await Expect(page.GetByLabel("First name of the patient")).ToHaveValueAsync(patient.FirstName);
    }

    [Fact]
    public async Task Form_submits_and_validates_with_JavaScript_disabled()
    {
        var patient = fixture.NewPatient("Bea");
        var page = await fixture.NewPhonePageAsync(javaScript: false);
        await using var context = page.Context;
        var requested = RecordRequests(page);

        await page.GotoAsync("/request");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();

        var summary = page.GetByTestId("error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter your first name." })).ToHaveAttributeAsync("href", new Regex("#firstName$"));
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter a phone number: a clinician will call you on it." })).ToHaveAttributeAsync("href", new Regex("#phone$"));
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "We need your permission to contact you about this request." })).ToHaveAttributeAsync("href", new Regex("#consentContact$"));

        await FillFormAsync(page, patient, "Lower back pain since lifting a sofa.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();

        await Expect(page).ToHaveURLAsync(ReceivedUrl);
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(ReferencePattern);
        await Expect(page.GetByTestId("expected-call")).Not.ToBeEmptyAsync();
        var lead = await LeadAsync(await page.GetByTestId("reference").InnerTextAsync());
        Assert.Equal(patient.PhoneE164, lead.Phone);
        Assert.Equal(patient.Email, lead.Email);
        Assert.Equal(2, (await OutboxAsync(lead.Id)).Count);

        Assert.NotEmpty(requested);
        Assert.DoesNotContain(requested, url => url.Contains("/_blazor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Emergency_answers_lead_with_urgent_care_advice()
    {
        var patient = fixture.NewPatient("Cal");
        var page = await fixture.NewPhonePageAsync();
        await using var context = page.Context;

        await page.GotoAsync("/request");
        await FillFormAsync(page, patient, "Headaches and neck pain.");
        await page.GetByLabel(Question(RedFlags.SuddenSevereHeadache), new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();

        var advice = page.GetByTestId("urgent-care-advice");
        await Expect(advice).ToBeVisibleAsync();
        await Expect(advice).ToHaveAttributeAsync("role", "alert");
        await Expect(advice).ToContainTextAsync("999");
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(ReferencePattern);
        var lead = await LeadAsync(await page.GetByTestId("reference").InnerTextAsync());
        Assert.Equal(TriageLevel.Emergency, lead.Triage);
        Assert.Equal(RedFlags.SuddenSevereHeadache, lead.RedFlags);
    }

    [Fact]
    public async Task Review_first_answers_say_a_clinician_reviews_first()
    {
        var patient = fixture.NewPatient("Dev");
        var page = await fixture.NewPhonePageAsync();
        await using var context = page.Context;

        await page.GotoAsync("/request");
        await FillFormAsync(page, patient, "Shoulder pain reaching up to shelves.");
        await page.GetByLabel(Question(RedFlags.NewNumbnessOrPinsAndNeedles), new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();

        await Expect(page.GetByTestId("clinician-review-notice")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("urgent-care-advice")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(ReferencePattern);
        var lead = await LeadAsync(await page.GetByTestId("reference").InnerTextAsync());
        Assert.Equal(TriageLevel.ReviewFirst, lead.Triage);
        Assert.Equal(RedFlags.NewNumbnessOrPinsAndNeedles, lead.RedFlags);
    }

    [Fact]
    public async Task Keyboard_alone_can_fill_and_send_the_form()
    {
        var patient = fixture.NewPatient("Eli");
        var page = await fixture.NewPhonePageAsync();
        await using var context = page.Context;
        var focused = new List<string>();
        await page.GotoAsync("/request");

        await TabToAsync(page, "#firstName", focused);
        await page.Keyboard.TypeAsync(patient.FirstName);
        await TabToAsync(page, "#lastName", focused);
        await page.Keyboard.TypeAsync(patient.LastName);
        await TabToAsync(page, "#phone", focused);
        await page.Keyboard.TypeAsync(patient.Phone);
        await TabToAsync(page, "#email", focused);
        await page.Keyboard.TypeAsync(patient.Email);
        await TabToAsync(page, "#preferredTimes-mornings", focused);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#bodyArea", focused);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#bodyArea")).ToHaveValueAsync("neck");
        await TabToAsync(page, "#concern", focused);
        await page.Keyboard.TypeAsync("Stiff neck every morning.");
        await TabToAsync(page, "#consentContact", focused);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#consentHealthData", focused);
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#preferredTimes-mornings")).ToBeCheckedAsync();
        await Expect(page.Locator("#consentContact")).ToBeCheckedAsync();
        await Expect(page.Locator("#consentHealthData")).ToBeCheckedAsync();
        await TabToAsync(page, "button[type=submit]", focused);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(ReceivedUrl);
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(ReferencePattern);
        var lead = await LeadAsync(await page.GetByTestId("reference").InnerTextAsync());
        Assert.Equal(patient.PhoneE164, lead.Phone);
        Assert.Equal(PreferredCallTimes.Mornings, lead.PreferredCallTimes);
        Assert.Equal(BodyArea.Neck, lead.BodyArea);
        // The honeypot is out of the tab order: a keyboard user never lands in it.
        Assert.DoesNotContain("leave_blank", focused);
    }

    [Fact]
    public async Task Request_form_has_no_axe_findings()
    {
        var findings = await AxeFindingsThroughTheFormAsync(ColorScheme.Light);

        Assert.True(findings.Count == 0, "Accessibility findings:\n" + string.Join("\n", findings));
    }

    [Fact]
    public async Task Request_form_in_dark_mode_has_no_axe_findings()
    {
        // The public pages follow the phone's dark mode (prefers-color-scheme), so they are checked in it too.
        var findings = await AxeFindingsThroughTheFormAsync(ColorScheme.Dark);

        Assert.True(findings.Count == 0, "Accessibility findings in dark mode:\n" + string.Join("\n", findings));
    }

    /// <summary>Runs axe on the empty form, the form with errors, and both kinds of confirmation with extra advice.</summary>
    private async Task<List<string>> AxeFindingsThroughTheFormAsync(ColorScheme scheme)
    {
        var page = await fixture.NewPhonePageAsync(colorScheme: scheme);
        await using var context = page.Context;
        var findings = new List<string>();

        await page.GotoAsync("/request");
        await Expect(page.GetByTestId("request-form")).ToBeVisibleAsync();
        findings.AddRange(await AxeFindingsAsync(page, "the empty form"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();
        await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        findings.AddRange(await AxeFindingsAsync(page, "the form with errors"));

        await FillFormAsync(page, fixture.NewPatient("Fay"), "Knee pain on stairs.");
        await page.GetByLabel(Question(RedFlags.SuddenSevereHeadache), new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();
        await Expect(page.GetByTestId("urgent-care-advice")).ToBeVisibleAsync();
        findings.AddRange(await AxeFindingsAsync(page, "the confirmation with urgent care advice"));

        await page.GotoAsync("/request");
        await FillFormAsync(page, fixture.NewPatient("Gus"), "Ankle sprain that is not getting better.");
        await page.GetByLabel(Question(RedFlags.RecentFallOrBlow), new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Request my call" }).TapAsync();
        await Expect(page.GetByTestId("clinician-review-notice")).ToBeVisibleAsync();
        findings.AddRange(await AxeFindingsAsync(page, "the confirmation with the clinician review notice"));
        return findings;
    }

    private static Task<bool> FitsTheScreenAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static string Question(RedFlags flag) => RedFlagScreening.Questions.Single(q => q.Flag == flag).Question;

    /// <summary>Fills every field a patient must, plus a site when given; leaves the red-flag questions unticked.</summary>
    private static async Task FillFormAsync(IPage page, Patient patient, string concern, string? site = null)
    {
        await page.GetByLabel("Me", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("First name of the patient").FillAsync(patient.FirstName);
        await page.GetByLabel("Last name of the patient").FillAsync(patient.LastName);
        await page.GetByLabel("Phone number", new() { Exact = true }).FillAsync(patient.Phone);
        await page.GetByLabel("Email address").FillAsync(patient.Email);
        if (site is not null)
        {
            await page.GetByLabel("Which clinic would suit you?").SelectOptionAsync(new SelectOptionValue { Label = site });
        }

        await page.GetByLabel("Which area of the body troubles you most?").SelectOptionAsync(new SelectOptionValue { Label = "Neck" });
        await page.GetByLabel("What is going on?").FillAsync(concern);
        await page.GetByLabel("You may phone and email me about this request.").CheckAsync();
        await page.GetByLabel("I agree that the clinic may use the health details I give here").CheckAsync();
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has focus, noting each element passed.</summary>
    private static async Task TabToAsync(IPage page, string selector, List<string> focused)
    {
        for (var press = 0; press < 80; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>(
                "s => { const e = document.activeElement; return [e?.id ?? '', e?.matches(s) ? 'yes' : 'no']; }", selector);
            focused.Add(focus[0]);
            if (focus[1] == "yes")
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached {selector}; focus went through: {string.Join(", ", focused)}");
    }

    /// <summary>Every address the page asks for, web sockets included (events arrive on Playwright's thread).</summary>
    private static ConcurrentQueue<string> RecordRequests(IPage page)
    {
        var urls = new ConcurrentQueue<string>();
        page.Request += (_, request) => urls.Enqueue(request.Url);
        page.WebSocket += (_, socket) => urls.Enqueue(socket.Url);
        return urls;
    }

    private async Task<IReadOnlyList<string>> AxeFindingsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        output.WriteLine($"axe {result.TestEngine?.Version} on {what}: {result.Passes.Length} rules passed, {result.Violations.Length} violated, {result.Incomplete.Length} need a person to check ({string.Join(", ", result.Incomplete.Select(i => i.Id))})");
        foreach (var violation in result.Violations)
        {
            output.WriteLine($"axe on {what}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join("; ", violation.Nodes.Select(n => n.Target))}");
        }

        return
        [
            .. result.Violations
                .Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} [{v.HelpUrl}] at\n  {string.Join("\n  ", v.Nodes.Select(n => $"{n.Target}: {string.Join(" ", n.Any.Select(c => c.Message))}"))}"),
        ];
    }

    private async Task<Lead> LeadAsync(string reference)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Reference == reference);
    }

    private async Task<List<OutboundEmail>> OutboxAsync(int leadId)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        return await db.OutboundEmails.AsNoTracking().Where(e => e.LeadId == leadId).ToListAsync();
    }

    private async Task<int> SiteIdAsync(string name)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        return await db.Sites.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    private async Task<string> ExpectedCallAsync(int? siteId)
    {
        using var scope = fixture.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ExpectedCallTime>().DescribeAsync(siteId, CancellationToken.None);
    }
}
