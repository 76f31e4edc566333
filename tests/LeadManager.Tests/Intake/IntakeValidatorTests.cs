using LeadManager.Data.Leads;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Text;

namespace LeadManager.Tests.Intake;

public sealed class IntakeValidatorTests
{
    private static readonly Dictionary<string, int> Sites = new(StringComparer.OrdinalIgnoreCase) { ["Riverside"] = 1, ["Town Centre"] = 2 };
    private readonly IntakeValidator _validator = new();

    public static LeadSubmission AValidSubmission() => new()
    {
        ForWhom = "me",
        FirstName = "Eleanor",
        LastName = "Hughes",
        Phone = "07911 123456",
        Email = "eleanor@example.com",
        BodyArea = "neck",
        Concern = "Neck pain with headaches most afternoons.",
        ConsentContact = true,
        ConsentHealthData = true,
    };

    [Fact]
    public void A_complete_request_is_valid_and_cleaned()
    {
        var input = AValidSubmission();
        input.FirstName = "  Eleanor  ";
        input.Email = "Eleanor@Example.COM";
        input.Site = "riverside";
        input.PreferredTimes = ["mornings", "Saturday"];
        input.PreviousCare = ["gp", "scan"];
        input.Duration = "months";
        input.Funding = "insurance";
        input.Insurer = "Bupa";

        var valid = Valid(input);

        Assert.Equal("Eleanor", valid.FirstName);
        Assert.Equal("eleanor@example.com", valid.Email);
        Assert.Equal("+447911123456", valid.PhoneE164);
        Assert.Equal(1, valid.SiteId);
        Assert.Equal(PreferredCallTimes.Mornings | PreferredCallTimes.Saturday, valid.PreferredTimes);
        Assert.Equal(PreviousCare.GP | PreviousCare.Scan, valid.PreviousCare);
        Assert.Equal(SymptomDuration.Months, valid.Duration);
        Assert.Equal(Funding.HealthInsurance, valid.Funding);
        Assert.Equal("Bupa", valid.Insurer);
        Assert.Equal("2026-11", valid.PrivacyNoticeVersion);
        Assert.Equal(TriageLevel.Routine, valid.Triage);
    }

    [Theory]
    [InlineData("07911 123456", "+447911123456")]
    [InlineData("07911123456", "+447911123456")]
    [InlineData("+44 7911 123456", "+447911123456")]
    [InlineData("0044 7911 123456", "+447911123456")]
    [InlineData("(020) 7946 0123", "+442079460123")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    public void Phone_numbers_are_normalised_to_E164_with_GB_as_the_default(string typed, string expected)
    {
        var input = AValidSubmission();
        input.Phone = typed;

        Assert.Equal(expected, Valid(input).PhoneE164);
    }

    [Theory]
    [InlineData("", "Enter a phone number")]
    [InlineData("123", "Enter a phone number we can call")]
    [InlineData("not a number", "Enter a phone number we can call")]
    [InlineData("07911 12345678901", "Enter a phone number we can call")]
    public void A_missing_or_impossible_phone_number_gets_a_clear_message(string typed, string message)
    {
        var input = AValidSubmission();
        input.Phone = typed;

        Assert.Contains(message, Error(input, "Phone"));
    }

    [Theory]
    [InlineData("", "Enter your email address")]
    [InlineData("eleanor", "like name@example.com")]
    [InlineData("eleanor@", "like name@example.com")]
    [InlineData("eleanor@example", "like name@example.com")]
    [InlineData("ele anor@example.com", "like name@example.com")]
    [InlineData("eleanor@example.com\r\nBcc: x@evil.example", "like name@example.com")]
    public void A_missing_or_malformed_email_gets_a_clear_message(string typed, string message)
    {
        var input = AValidSubmission();
        input.Email = typed;

        Assert.Contains(message, Error(input, "Email"));
    }

    [Fact]
    public void The_example_number_in_the_phone_message_is_itself_accepted()
    {
        Assert.NotNull(TextCleaning.NormalisePhone(IntakeValidator.PhoneExample, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Every_required_field_has_its_own_message()
    {
        var errors = _validator.Validate(new LeadSubmission(), Sites, "2026-11").Errors;

        var fields = errors.Select(e => e.Field).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "ForWhom", "FirstName", "LastName", "Phone", "Email", "BodyArea", "Concern", "ConsentContact", "ConsentHealthData" },
            fields);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Theory]
    [InlineData("my-child", "parent or guardian")]
    [InlineData("someone-else", "person we should speak to")]
    public void The_contact_name_is_required_when_the_call_is_for_someone_else(string forWhom, string message)
    {
        var input = AValidSubmission();
        input.ForWhom = forWhom;

        Assert.Contains(message, Error(input, "ContactName"));
    }

    [Fact]
    public void Contact_name_is_dropped_when_the_call_is_for_me()
    {
        var input = AValidSubmission();
        input.ContactName = "Someone";

        Assert.Null(Valid(input).ContactName);
    }

    [Fact]
    public void Names_longer_than_100_characters_are_refused_not_cut()
    {
        var input = AValidSubmission();
        input.LastName = new string('a', 101);

        Assert.Contains("100 characters", Error(input, "LastName"));
    }

    [Fact]
    public void Concern_over_2000_characters_says_how_long_it_is()
    {
        var input = AValidSubmission();
        input.Concern = new string('x', 2001);

        Assert.Contains("2,001", Error(input, "Concern"));
    }

    [Fact]
    public void Concern_keeps_paragraphs_but_loses_control_characters()
    {
        var input = AValidSubmission();
        input.Concern = "Line one\r\nLine two\0 with a NUL\u0007\n\n\n\nLast";

        Assert.Equal("Line one\nLine two with a NUL\n\nLast", Valid(input).Concern);
    }

    [Fact]
    public void Names_lose_line_breaks_control_and_bidi_override_characters_but_keep_emoji_and_accents()
    {
        var input = AValidSubmission();
        input.FirstName = "Zoë\r\n\u202Eevil\u202C 😀";

        Assert.Equal("Zoë evil 😀", Valid(input).FirstName);
    }

    [Theory]
    [InlineData("ForWhom", "dog")]
    [InlineData("BodyArea", "spleen")]
    [InlineData("Duration", "decades")]
    [InlineData("Funding", "crypto")]
    [InlineData("Site", "Mars")]
    public void Unknown_choices_list_the_allowed_values(string field, string value)
    {
        var input = AValidSubmission();
        typeof(LeadSubmission).GetProperty(field)!.SetValue(input, value);

        Assert.NotEmpty(Error(input, field));
    }

    [Fact]
    public void Unknown_list_values_are_named_in_the_message()
    {
        var input = AValidSubmission();
        input.PreviousCare = ["gp", "witch doctor"];
        input.PreferredTimes = ["midnight"];
        input.RedFlags = ["itchy-nose"];

        Assert.Contains("witch doctor", Error(input, "PreviousCare"));
        Assert.Contains("midnight", Error(input, "PreferredTimes"));
        Assert.Contains("itchy-nose", Error(input, "RedFlags"));
    }

    [Fact]
    public void Insurance_needs_the_insurer_name()
    {
        var input = AValidSubmission();
        input.Funding = "insurance";

        Assert.Contains("insurer", Error(input, "Insurer"));
    }

    [Fact]
    public void Both_consents_are_required_and_marketing_is_optional()
    {
        var input = AValidSubmission();
        input.ConsentContact = false;
        input.ConsentHealthData = false;

        var errors = _validator.Validate(input, Sites, "2026-11").Errors;

        Assert.Contains(errors, e => e.Field == "ConsentContact");
        Assert.Contains(errors, e => e.Field == "ConsentHealthData");
        Assert.DoesNotContain(errors, e => e.Field == "ConsentMarketing");
    }

    [Fact]
    public void Red_flag_answers_on_an_unscreened_request_are_refused()
    {
        var input = AValidSubmission();
        input.Screened = false;
        input.RedFlags = ["constant-night-pain"];

        Assert.NotEmpty(Error(input, "RedFlags"));
    }

    [Fact]
    public void An_unscreened_request_is_triaged_NotScreened()
    {
        var input = AValidSubmission();
        input.Screened = false;

        Assert.Equal(TriageLevel.NotScreened, Valid(input).Triage);
    }

    private ValidSubmission Valid(LeadSubmission input)
    {
        var (valid, errors) = _validator.Validate(input, Sites, "2026-11");
        Assert.True(valid is not null, "Expected valid, got: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return valid;
    }

    private string Error(LeadSubmission input, string field)
    {
        var errors = _validator.Validate(input, Sites, "2026-11").Errors;
        var messages = errors.Where(e => e.Field == field).Select(e => e.Message).ToList();
        Assert.True(messages.Count > 0, $"Expected an error on {field}; got: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return string.Join(" ", messages);
    }
}
