using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages.PatientAssessmentBooked;
using LeadManager.Web.Email.Messages.PatientCancellationConfirmed;
using LeadManager.Web.Email.Messages.PatientNoResponse;
using LeadManager.Web.Email.Messages.PatientNotInterested;
using LeadManager.Web.Email.Messages.PatientNotSuitable;
using LeadManager.Web.Email.Messages.PatientReferredElsewhere;

namespace LeadManager.Tests.Email;

/// <summary>
/// The emails a request's ending sends the patient, as the patient reads them: what happens next
/// and how to ask again, in the clinic's look, with every value encoded, and nothing about why.
/// </summary>
public sealed class OutcomeEmailTemplateTests
{
    private const string Clinic = "Riverside Physiotherapy";
    private const string Phone = "01632 960123";
    private const string Colour = "#1F6F78";
    private const string Signature = "The Riverside team";
    private const string Reference = "DC-7K3P9Q";
    private const string RequestUrl = "https://riverside.example/request";
    private const string SafetyNet = "If things get worse, contact your GP or call NHS 111.";

    // Tuesday 8 December 2026 at 14:30, clinic time.
    private static readonly DateTime AssessmentAt = new(2026, 12, 8, 14, 30, 0);

    private readonly EmailTemplates _templates = new();

    private static PatientAssessmentBookedEmail Booked(
        string whatToBring = "Comfortable clothing, and a list of any medicines you take.", string? practiceReference = "PX-1001",
        bool invite = false, string sitePhone = "01632 960001", string clinicPhone = Phone, string firstName = "Zelda") =>
        new(Clinic, clinicPhone, Colour, Signature, firstName, Reference, AssessmentAt, "Town Centre", "27 High Street\nTownsville TC4 5CD",
            sitePhone, whatToBring, practiceReference, invite);

    private static IEnumerable<string> Bodies(RenderedEmail rendered) => [rendered.Text, rendered.Html];

    [Fact]
    public async Task The_booked_assessment_email_says_when_where_what_to_bring_and_both_references()
    {
        var rendered = await _templates.RenderAsync(Booked());

        Assert.Equal("Your assessment with Riverside Physiotherapy: Tuesday 8 December at 14:30", rendered.Subject);
        Assert.Contains("Your first assessment is booked for Tuesday 8 December at 14:30, at Town Centre, 27 High Street, Townsville TC4 5CD.", rendered.Text);
        Assert.Contains("<strong>Tuesday 8 December at 14:30</strong>", rendered.Html);
        Assert.Contains("at <strong>Town Centre</strong>, 27 High Street, Townsville TC4 5CD.", rendered.Html);
        foreach (var body in Bodies(rendered))
        {
            Assert.Contains("Please bring:", body);
            Assert.Contains("Comfortable clothing, and a list of any medicines you take.", body);
            Assert.Contains(Reference, body);
            Assert.Contains("PX-1001", body);
            Assert.Contains("phone us on 01632 960001", body);
            Assert.DoesNotContain("calendar invite", body);
            Assert.Contains(Signature, body);
            Assert.Contains("We never put health details in email.", body);
        }

        Assert.Contains(Colour, rendered.Html);
    }

    [Fact]
    public async Task A_booking_without_a_practice_reference_or_what_to_bring_leaves_those_lines_out_and_a_site_without_a_phone_gives_the_clinic_s()
    {
        var rendered = await _templates.RenderAsync(Booked(whatToBring: "", practiceReference: null, sitePhone: ""));

        foreach (var body in Bodies(rendered))
        {
            Assert.DoesNotContain("Please bring", body);
            Assert.DoesNotContain("booking reference", body);
            Assert.Contains("phone us on 01632 960123", body);
        }

        Assert.Contains($"Your request's reference is {Reference}.", rendered.Text);
        Assert.DoesNotContain("\n\n\n", rendered.Text);
    }

    [Fact]
    public async Task With_the_assessment_invite_on_the_booked_email_says_the_invite_is_attached()
    {
        var rendered = await _templates.RenderAsync(Booked(invite: true));

        foreach (var body in Bodies(rendered))
        {
            Assert.Contains("A calendar invite for the assessment is attached. Replying to it changes nothing.", body);
        }
    }

    [Fact]
    public async Task The_not_suitable_email_is_kind_gives_the_safety_net_and_how_to_ask_again_and_its_subject_says_nothing_of_the_outcome()
    {
        var rendered = await _templates.RenderAsync(new PatientNotSuitableEmail(Clinic, Phone, Colour, Signature, "Zelda", Reference, RequestUrl));

        Assert.Equal("After your discovery call with Riverside Physiotherapy", rendered.Subject);
        foreach (var body in Bodies(rendered))
        {
            Assert.Contains("Thank you for taking the time to speak with us.", body);
            Assert.Contains(SafetyNet, body);
            Assert.Contains("follow the advice we gave you on the call", body);
            Assert.Contains(RequestUrl, body);
            Assert.Contains("phone us on 01632 960123", body);
            Assert.Contains(Reference, body);
        }
    }

    [Fact]
    public async Task The_referred_elsewhere_email_gives_the_safety_net_and_never_names_where_to()
    {
        var rendered = await _templates.RenderAsync(new PatientReferredElsewhereEmail(Clinic, Phone, Colour, Signature, "Zelda", Reference, RequestUrl));

        Assert.Equal("After your discovery call with Riverside Physiotherapy", rendered.Subject);
        foreach (var body in Bodies(rendered))
        {
            Assert.Contains("another service is better placed to help you", body);
            Assert.Contains(SafetyNet, body);
            Assert.DoesNotContain("urgent", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("referr", body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(RequestUrl, body);
        }
    }

    [Fact]
    public async Task The_not_interested_email_is_a_short_thank_you_with_the_way_back()
    {
        var rendered = await _templates.RenderAsync(new PatientNotInterestedEmail(Clinic, Phone, Colour, Signature, "Zelda", Reference, RequestUrl));

        Assert.Equal("Thank you from Riverside Physiotherapy", rendered.Subject);
        foreach (var body in Bodies(rendered))
        {
            Assert.Contains("Thank you for your time on the call.", body);
            Assert.Contains("won't contact you about it again", body);
            Assert.Contains(RequestUrl, body);
            Assert.DoesNotContain(SafetyNet, body);
        }
    }

    [Fact]
    public async Task The_cancellation_confirmation_says_it_is_done_and_what_to_do_if_it_was_not_them()
    {
        var rendered = await _templates.RenderAsync(new PatientCancellationConfirmedEmail(Clinic, Phone, Colour, Signature, "Zelda", Reference, RequestUrl));

        Assert.Equal($"Your request {Reference} is cancelled", rendered.Subject);
        foreach (var body in Bodies(rendered))
        {
            Assert.Contains($"You cancelled your request for a free discovery call (reference", body);
            Assert.Contains("any call time we had agreed is off", body);
            Assert.Contains("If you did not cancel this request, phone us on 01632 960123.", body);
            Assert.Contains(RequestUrl, body);
        }
    }

    [Fact]
    public async Task The_no_response_email_says_we_tried_several_times_and_closed_it_and_offers_the_form_and_the_phone()
    {
        var rendered = await _templates.RenderAsync(new PatientNoResponseEmail(Clinic, Phone, Colour, Signature, "Zelda", Reference, RequestUrl));

        Assert.Equal($"We could not reach you about your request {Reference}", rendered.Subject);
        Assert.Contains($"We tried to reach you several times about your request for a free discovery call (reference {Reference}), but we could not speak to you, so we have closed your request.", rendered.Text);
        Assert.Contains($"You are welcome to ask again at any time:\n{RequestUrl}\n\nOr phone us on 01632 960123.", rendered.Text);
        Assert.Contains($"href=\"{RequestUrl}\"", rendered.Html);
    }

    private async Task<IReadOnlyList<RenderedEmail>> EveryOutcomeEmailAsync(string firstName = "Zelda", string phone = Phone) =>
    [
        await _templates.RenderAsync(Booked(firstName: firstName, sitePhone: phone, clinicPhone: phone)),
        await _templates.RenderAsync(new PatientNotSuitableEmail(Clinic, phone, Colour, Signature, firstName, Reference, RequestUrl)),
        await _templates.RenderAsync(new PatientReferredElsewhereEmail(Clinic, phone, Colour, Signature, firstName, Reference, RequestUrl)),
        await _templates.RenderAsync(new PatientNotInterestedEmail(Clinic, phone, Colour, Signature, firstName, Reference, RequestUrl)),
        await _templates.RenderAsync(new PatientCancellationConfirmedEmail(Clinic, phone, Colour, Signature, firstName, Reference, RequestUrl)),
        await _templates.RenderAsync(new PatientNoResponseEmail(Clinic, phone, Colour, Signature, firstName, Reference, RequestUrl)),
    ];

    [Theory]
    [InlineData(Phone)]
    [InlineData("")]
    public async Task The_text_bodies_read_cleanly_with_or_without_a_clinic_phone(string phone)
    {
        foreach (var rendered in await EveryOutcomeEmailAsync(phone: phone))
        {
            Assert.DoesNotContain("\n\n\n", rendered.Text);
            Assert.StartsWith("Dear Zelda,\n\n", rendered.Text);
            Assert.EndsWith($"asked {Clinic} for a call.\n", rendered.Text);
            foreach (var body in Bodies(rendered))
            {
                Assert.Equal(phone.Length > 0, body.Contains("phone us on " + phone, StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain("phone us on .", body);
                Assert.DoesNotContain("phone us on </", body);
            }
        }
    }

    [Fact]
    public async Task A_name_that_looks_like_markup_is_encoded_in_every_outcome_email()
    {
        foreach (var rendered in await EveryOutcomeEmailAsync(firstName: "<script>alert(1)</script>Zelda"))
        {
            Assert.DoesNotContain("<script>", rendered.Html);
            Assert.Contains("&lt;script&gt;", rendered.Html);
            Assert.DoesNotContain("script", rendered.Subject);
        }
    }
}
