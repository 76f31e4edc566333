using System.Globalization;
using System.Text;
using LeadManager.Data.Leads;
using LeadManager.Web.Text;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// Every intake rule, shared by the form, the embedded form and the API. Text is trimmed and
/// stripped of control characters; lengths are limited with a message (never cut silently);
/// the phone number is parsed with libphonenumber (GB by default) and stored as E.164.
/// </summary>
public sealed class IntakeValidator
{
    public const int NameMaxLength = 100;
    public const int ConcernMaxLength = 2000;
    public const int EmailMaxLength = 254;
    public const int ShortTextMaxLength = 100;

    /// <summary>The example in the phone message: it must itself pass, or a patient who copies its shape is refused.</summary>
    public const string PhoneExample = TextCleaning.PhoneExample;

    public (ValidSubmission? Valid, IReadOnlyList<FieldError> Errors) Validate(LeadSubmission input, IReadOnlyDictionary<string, int> sitesByName, string currentPrivacyNoticeVersion)
    {
        var errors = new List<FieldError>();
        void Fail(string field, string message) => errors.Add(new FieldError(field, message));

        var callFor = CallFor.Self;
        if (string.IsNullOrWhiteSpace(input.ForWhom))
        {
            Fail(nameof(input.ForWhom), "Tell us who the call is for.");
        }
        else if (!IntakeVocabulary.TryFind(IntakeVocabulary.ForWhom, input.ForWhom, out callFor))
        {
            Fail(nameof(input.ForWhom), $"Who the call is for must be one of: {IntakeVocabulary.Allowed(IntakeVocabulary.ForWhom)}.");
        }

        var contactName = TextCleaning.CleanLine(input.ContactName);
        if (callFor != CallFor.Self && string.IsNullOrEmpty(contactName))
        {
            Fail(nameof(input.ContactName), callFor == CallFor.ChildUnder16
                ? "Give your name: we speak to a parent or guardian about a child."
                : "Give the name of the person we should speak to.");
        }
        else if (contactName?.Length > NameMaxLength)
        {
            Fail(nameof(input.ContactName), $"Keep the name to {NameMaxLength} characters.");
        }

        var firstName = RequiredName(input.FirstName, nameof(input.FirstName), callFor == CallFor.Self ? "Enter your first name." : "Enter the patient's first name.", errors);
        var lastName = RequiredName(input.LastName, nameof(input.LastName), callFor == CallFor.Self ? "Enter your last name." : "Enter the patient's last name.", errors);

        var phone = TextCleaning.NormalisePhone(input.Phone, out var phoneError);
        if (phoneError is not null)
        {
            Fail(nameof(input.Phone), phoneError);
        }

        var email = TextCleaning.CleanLine(input.Email)?.ToLowerInvariant();
        if (string.IsNullOrEmpty(email))
        {
            Fail(nameof(input.Email), "Enter your email address: your confirmation goes there.");
        }
        else if (email.Length > EmailMaxLength || !IsEmail(email))
        {
            Fail(nameof(input.Email), "Enter an email address like name@example.com.");
        }

        int? siteId = null;
        var site = TextCleaning.CleanLine(input.Site);
        if (!string.IsNullOrEmpty(site) && !string.Equals(site, "any", StringComparison.OrdinalIgnoreCase))
        {
            if (sitesByName.TryGetValue(site, out var id) || (int.TryParse(site, NumberStyles.None, CultureInfo.InvariantCulture, out id) && sitesByName.Values.Contains(id)))
            {
                siteId = id;
            }
            else
            {
                Fail(nameof(input.Site), $"Choose one of our sites: {string.Join(", ", sitesByName.Keys)}, or no preference.");
            }
        }

        var times = Flags(input.PreferredTimes, IntakeVocabulary.CallTimes, nameof(input.PreferredTimes), "preferred time", errors);

        var bodyArea = Data.Leads.BodyArea.Other;
        if (string.IsNullOrWhiteSpace(input.BodyArea))
        {
            Fail(nameof(input.BodyArea), "Choose the area of the body that troubles you most.");
        }
        else if (!IntakeVocabulary.TryFind(IntakeVocabulary.BodyAreas, input.BodyArea, out bodyArea))
        {
            Fail(nameof(input.BodyArea), $"Area of the body must be one of: {IntakeVocabulary.Allowed(IntakeVocabulary.BodyAreas)}.");
        }

        var concern = TextCleaning.CleanText(input.Concern);
        if (string.IsNullOrEmpty(concern))
        {
            Fail(nameof(input.Concern), "Tell us briefly what is going on: a sentence or two is enough.");
        }
        else if (concern.Length > ConcernMaxLength)
        {
            Fail(nameof(input.Concern), $"Keep this to {ConcernMaxLength:N0} characters (it is {concern.Length:N0} now). The clinician will ask for the rest on the call.");
        }

        SymptomDuration? duration = null;
        if (!string.IsNullOrWhiteSpace(input.Duration))
        {
            if (IntakeVocabulary.TryFind(IntakeVocabulary.Durations, input.Duration, out var parsed))
            {
                duration = parsed;
            }
            else
            {
                Fail(nameof(input.Duration), $"How long must be one of: {IntakeVocabulary.Allowed(IntakeVocabulary.Durations)}.");
            }
        }

        var previousCare = Flags(input.PreviousCare, IntakeVocabulary.PreviousCareOptions, nameof(input.PreviousCare), "previous care", errors);

        var funding = Data.Leads.Funding.NotSaid;
        if (!string.IsNullOrWhiteSpace(input.Funding) && !IntakeVocabulary.TryFind(IntakeVocabulary.FundingOptions, input.Funding, out funding))
        {
            Fail(nameof(input.Funding), $"Funding must be one of: {IntakeVocabulary.Allowed(IntakeVocabulary.FundingOptions)}.");
        }

        var insurer = TextCleaning.CleanLine(input.Insurer);
        if (funding == Data.Leads.Funding.HealthInsurance && string.IsNullOrEmpty(insurer))
        {
            Fail(nameof(input.Insurer), "Enter the name of your insurer.");
        }
        else if (insurer?.Length > ShortTextMaxLength)
        {
            Fail(nameof(input.Insurer), $"Keep the insurer's name to {ShortTextMaxLength} characters.");
        }

        var heardAbout = TextCleaning.CleanLine(input.HeardAbout);
        if (heardAbout?.Length > ShortTextMaxLength)
        {
            Fail(nameof(input.HeardAbout), $"Keep this to {ShortTextMaxLength} characters.");
        }

        var redFlags = RedFlags.None;
        foreach (var key in input.RedFlags.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            if (RedFlagScreening.FindByKey(key.Trim()) is { } question)
            {
                redFlags |= question.Flag;
            }
            else
            {
                Fail(nameof(input.RedFlags), $"'{Shorten(key)}' is not one of the screening questions: {string.Join(", ", RedFlagScreening.Questions.Select(q => q.Key))}.");
            }
        }

        if (!input.Screened && redFlags != RedFlags.None)
        {
            Fail(nameof(input.RedFlags), "Red-flag answers were sent for a form marked as not screened.");
        }

        if (!input.ConsentContact)
        {
            Fail(nameof(input.ConsentContact), "We need your permission to contact you about this request.");
        }

        if (!input.ConsentHealthData)
        {
            Fail(nameof(input.ConsentHealthData), "We need your consent to use the health details you give us to arrange your care.");
        }

        var privacyVersion = TextCleaning.CleanLine(input.PrivacyNoticeVersion);
        if (privacyVersion?.Length > 20)
        {
            Fail(nameof(input.PrivacyNoticeVersion), "The privacy notice version is at most 20 characters.");
        }

        var utmSource = TextCleaning.CleanLine(input.UtmSource);
        var utmMedium = TextCleaning.CleanLine(input.UtmMedium);
        var utmCampaign = TextCleaning.CleanLine(input.UtmCampaign);
        foreach (var (field, value) in new[] { ("UtmSource", utmSource), ("UtmMedium", utmMedium), ("UtmCampaign", utmCampaign) })
        {
            if (value?.Length > ShortTextMaxLength)
            {
                Fail(field, $"Campaign fields are at most {ShortTextMaxLength} characters.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidSubmission(
            callFor,
            callFor == CallFor.Self ? null : contactName,
            firstName!,
            lastName!,
            phone!,
            email!,
            siteId,
            times,
            bodyArea,
            concern!,
            duration,
            previousCare,
            funding,
            funding == Data.Leads.Funding.HealthInsurance ? insurer : null,
            string.IsNullOrEmpty(heardAbout) ? null : heardAbout,
            input.Screened,
            redFlags,
            input.ConsentMarketing,
            string.IsNullOrEmpty(privacyVersion) ? currentPrivacyNoticeVersion : privacyVersion,
            utmSource,
            utmMedium,
            utmCampaign), errors);
    }

    private static string? RequiredName(string? raw, string field, string missing, List<FieldError> errors)
    {
        var name = TextCleaning.CleanLine(raw);
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new FieldError(field, missing));
            return null;
        }

        if (name.Length > NameMaxLength)
        {
            errors.Add(new FieldError(field, $"Keep the name to {NameMaxLength} characters."));
            return null;
        }

        return name;
    }

    private static T Flags<T>(List<string> keys, IReadOnlyList<IntakeVocabulary.Choice<T>> choices, string field, string what, List<FieldError> errors)
        where T : struct, Enum
    {
        var result = 0;
        foreach (var key in keys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            if (IntakeVocabulary.TryFind(choices, key, out var value))
            {
                result |= Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }
            else
            {
                errors.Add(new FieldError(field, $"'{Shorten(key)}' is not a {what} we know. Use: {IntakeVocabulary.Allowed(choices)}."));
            }
        }

        return (T)Enum.ToObject(typeof(T), result);
    }

    private static bool IsEmail(string text) => TextCleaning.IsEmailAddress(text);

    private static string Shorten(string text)
    {
        var line = TextCleaning.CleanLine(text) ?? "";
        return line.Length <= 40 ? line : line[..40] + "…";
    }
}
