using System.Net;
using LeadManager.Data.Leads;
using LeadManager.Data.Outbox;

namespace LeadManager.IntegrationTests.Intake;

public sealed class RequestFormTests(IntakeApp app) : IClassFixture<IntakeApp>
{
    [Fact]
    public async Task A_valid_request_is_stored_with_its_first_event_and_two_outbox_emails_then_confirmed()
    {
        var client = app.CreateBrowserLikeClient();
        var person = app.NewPerson(("site", "Riverside"), ("preferredTimes", "mornings"), ("utmSource", "newsletter"));

        var confirmation = await RequestForm.SubmitAndReadConfirmationAsync(client, person);

        var reference = RequestForm.Reference(confirmation);
        Assert.NotNull(reference);
        var lead = await app.FindLeadAsync(person["email"]);
        Assert.NotNull(lead);
        Assert.Equal(reference, lead.Reference);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(LeadChannel.Form, lead.Channel);
        Assert.Equal(TriageLevel.Routine, lead.Triage);
        Assert.StartsWith("+447911", lead.Phone);
        Assert.Equal("2026-11", lead.PrivacyNoticeVersion);
        Assert.NotNull(lead.HealthDataConsentAt);
        Assert.Equal("newsletter", lead.UtmSource);
        Assert.Equal(LeadEventKind.Created, Assert.Single(lead.Events, e => e.Kind < LeadEventKind.EmailSent).Kind);
        var outbox = await app.OutboxForAsync(lead.Id);
        Assert.Equal([OutboundEmailKinds.PatientConfirmation, OutboundEmailKinds.ReceptionNewRequest], outbox.Select(e => e.Kind));
        // Both go out at once through the outbox (written to the pickup folder in tests).
        await Eventually.TrueAsync(
            async () => (outbox = await app.OutboxForAsync(lead.Id)).All(e => e.Status == OutboundEmailStatus.Sent),
            "Both emails being sent",
            TimeSpan.FromSeconds(30),
            () => FollowUp.OutboxEmailTests.HangfireState(app));

        Assert.True(outbox.All(e => e.Status == OutboundEmailStatus.Sent), FollowUp.OutboxEmailTests.HangfireState(app));
        Assert.Contains("data-testid=\"expected-call\"", confirmation);
    }

    [Theory]
    [InlineData("/request")]
    [InlineData("/embed/request")]
    public async Task A_stored_request_is_answered_with_the_redirect_alone_not_a_page_the_browser_would_throw_away(string path)
    {
        var client = app.CreateBrowserLikeClient();
        var person = app.NewPerson();

        var response = await RequestForm.PostAsync(client, person, path: path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{path}/received?t=", Redirect.PathOf(response));
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.NotNull(await app.FindLeadAsync(person["email"]));
    }

    [Fact]
    public async Task An_invalid_request_shows_every_problem_keeps_what_was_typed_and_stores_nothing()
    {
        var client = app.CreateBrowserLikeClient();
        var before = await app.CountLeadsAsync();

        var response = await RequestForm.PostAsync(client, app.NewPerson(("email", "ann@"), ("phone", "12"), ("concern", "Still here after the error")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var errors = RequestForm.Errors(html);
        Assert.Contains("name@example.com", errors);
        Assert.Contains("phone number we can call", errors);
        Assert.Contains("href=\"/request#email\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains("Still here after the error</textarea>", html);
        Assert.Contains("value=\"ann@\"", html);
        Assert.Equal(before, await app.CountLeadsAsync());
    }

    [Theory]
    [InlineData("sudden-severe-headache", TriageLevel.Emergency, "urgent-care-advice")]
    [InlineData("fever-stiff-neck-rash", TriageLevel.Emergency, "urgent-care-advice")]
    [InlineData("constant-night-pain", TriageLevel.ReviewFirst, "clinician-review-notice")]
    [InlineData("recent-fall-or-blow", TriageLevel.ReviewFirst, "clinician-review-notice")]
    public async Task Red_flags_are_caught_at_the_right_level_and_the_request_is_still_kept(string flag, TriageLevel triage, string notice)
    {
        var client = app.CreateBrowserLikeClient();
        var person = app.NewPerson(("redFlags", flag));

        var confirmation = await RequestForm.SubmitAndReadConfirmationAsync(client, person);

        Assert.Contains($"data-testid=\"{notice}\"", confirmation);
        var lead = await app.FindLeadAsync(person["email"]);
        Assert.Equal(triage, lead!.Triage);
        Assert.NotEqual(RedFlags.None, lead.RedFlags);
    }

    [Fact]
    public async Task Emergency_confirmation_leads_with_999_and_A_and_E_before_anything_else()
    {
        var client = app.CreateBrowserLikeClient();

        var confirmation = await RequestForm.SubmitAndReadConfirmationAsync(client, app.NewPerson(("redFlags", "bladder-bowel-saddle")));

        var advice = confirmation.IndexOf("data-testid=\"urgent-care-advice\"", StringComparison.Ordinal);
        Assert.True(advice > 0 && advice < confirmation.IndexOf("data-testid=\"reference\"", StringComparison.Ordinal));
        Assert.Contains("Call 999 or go to your nearest A&amp;E now", confirmation);
        Assert.Contains("NHS 111", confirmation);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_like_a_success_and_stored_nowhere()
    {
        var client = app.CreateBrowserLikeClient();
        var person = app.NewPerson(("leave_blank", "http://spam.example"));

        var confirmation = await RequestForm.SubmitAndReadConfirmationAsync(client, person);

        Assert.NotNull(RequestForm.Reference(confirmation));
        Assert.Null(await app.FindLeadAsync(person["email"]));
    }

    [Fact]
    public async Task A_tampered_form_ticket_keeps_everything_typed_and_asks_to_send_again()
    {
        var client = app.CreateBrowserLikeClient();
        var person = app.NewPerson(("firstName", "Keepme"));

        var response = await RequestForm.PostAsync(client, person, form => form["ticket"] = "forged");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("send it again", RequestForm.Errors(html));
        Assert.Contains("value=\"Keepme\"", html);
        Assert.Null(await app.FindLeadAsync(person["email"]));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var client = app.CreateBrowserLikeClient();
        var person = app.NewPerson();

        var response = await RequestForm.PostAsync(client, person, form => form.Remove("__RequestVerificationToken"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await app.FindLeadAsync(person["email"]));
    }

    [Fact]
    public async Task Asking_again_with_the_same_email_joins_the_open_request_and_shows_its_reference()
    {
        var client = app.CreateBrowserLikeClient();
        var person = app.NewPerson();
        var first = RequestForm.Reference(await RequestForm.SubmitAndReadConfirmationAsync(client, person));
        person["concern"] = "Worse since last week.";
        person["phone"] = "07911 123999";

        var second = RequestForm.Reference(await RequestForm.SubmitAndReadConfirmationAsync(client, person));

        Assert.Equal(first, second);
        var lead = await app.FindLeadAsync(person["email"]);
        Assert.Contains(lead!.Events, e => e.Kind == LeadEventKind.AskedAgain);
        Assert.Contains("Worse since last week.", Assert.Single(lead.Notes).Text);
        var outbox = await app.OutboxForAsync(lead.Id);
        Assert.Contains(outbox, e => e.Kind == OutboundEmailKinds.ReceptionRepeatRequest);
        Assert.Equal(2, outbox.Count(e => e.Kind == OutboundEmailKinds.PatientConfirmation && e.Recipient == lead.Email));
    }

    [Fact]
    public async Task Asking_again_from_another_email_with_the_same_phone_never_reveals_the_existing_request()
    {
        var client = app.CreateBrowserLikeClient();
        var owner = app.NewPerson();
        var ownerReference = RequestForm.Reference(await RequestForm.SubmitAndReadConfirmationAsync(client, owner));
        var stranger = app.NewPerson(("phone", owner["phone"]));

        var confirmation = await RequestForm.SubmitAndReadConfirmationAsync(app.CreateBrowserLikeClient(), stranger);

        Assert.DoesNotContain(ownerReference!, confirmation);
        Assert.DoesNotContain(owner["lastName"], confirmation);
        Assert.Null(await app.FindLeadAsync(stranger["email"]));
        var lead = await app.FindLeadAsync(owner["email"]);
        var outbox = await app.OutboxForAsync(lead!.Id);
        Assert.DoesNotContain(outbox, e => e.Recipient == stranger["email"]);
        Assert.Contains(lead.Events, e => e.Kind == LeadEventKind.AskedAgain);
    }

    [Fact]
    public async Task A_confirmation_link_that_was_tampered_with_shows_nothing_about_any_request()
    {
        var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/request/received?t=not-a-real-token");

        Assert.Contains("Thank you", html);
        Assert.DoesNotContain("data-testid=\"reference\"", html);
    }

    [Fact]
    public async Task The_form_page_is_plain_html_with_labels_and_autocomplete()
    {
        var client = app.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/request");

        Assert.DoesNotMatch("<script[^>]*blazor\\.web", html);
        foreach (var (id, autocomplete) in new[] { ("firstName", "given-name"), ("lastName", "family-name"), ("phone", "tel"), ("email", "email") })
        {
            Assert.Contains($"<label for=\"{id}\"", html);
            Assert.Matches($"id=\"{id}\"[^>]*autocomplete=\"{autocomplete}\"", html);
        }
    }

    [Fact]
    public async Task The_privacy_notice_is_public_and_shows_its_version()
    {
        var html = await app.CreateBrowserLikeClient().GetStringAsync("/privacy");

        Assert.Contains("Version 2026-11", html);
        Assert.Contains("Riverside Physiotherapy", html);
    }
}
