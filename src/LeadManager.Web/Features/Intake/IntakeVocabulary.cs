using LeadManager.Data.Leads;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// The words the form and the API use for each choice (kebab-case on the wire), with the
/// label a patient reads. One list per choice, so the form, the API's validation and
/// docs/api.md cannot disagree.
/// </summary>
public static class IntakeVocabulary
{
    public sealed record Choice<T>(string Key, T Value, string Label);

    public static readonly IReadOnlyList<Choice<CallFor>> ForWhom =
    [
        new("me", CallFor.Self, "Me"),
        new("my-child", CallFor.ChildUnder16, "My child (under 16)"),
        new("someone-else", CallFor.SomeoneElse, "Someone else"),
    ];

    public static readonly IReadOnlyList<Choice<BodyArea>> BodyAreas =
    [
        new("neck", BodyArea.Neck, "Neck"),
        new("head", BodyArea.HeadHeadaches, "Head / headaches"),
        new("jaw", BodyArea.Jaw, "Jaw"),
        new("upper-back", BodyArea.UpperBack, "Upper back"),
        new("lower-back", BodyArea.LowerBack, "Lower back"),
        new("shoulder", BodyArea.Shoulder, "Shoulder"),
        new("elbow", BodyArea.Elbow, "Elbow"),
        new("wrist-hand", BodyArea.WristHand, "Wrist or hand"),
        new("hip", BodyArea.Hip, "Hip"),
        new("knee", BodyArea.Knee, "Knee"),
        new("ankle-foot", BodyArea.AnkleFoot, "Ankle or foot"),
        new("more-than-one", BodyArea.MoreThanOneArea, "More than one area"),
        new("other", BodyArea.Other, "Somewhere else"),
    ];

    public static readonly IReadOnlyList<Choice<SymptomDuration>> Durations =
    [
        new("days", SymptomDuration.Days, "Days"),
        new("weeks", SymptomDuration.Weeks, "Weeks"),
        new("months", SymptomDuration.Months, "Months"),
        new("years", SymptomDuration.Years, "Years"),
    ];

    public static readonly IReadOnlyList<Choice<PreviousCare>> PreviousCareOptions =
    [
        new("gp", PreviousCare.GP, "Seen my GP"),
        new("scan", PreviousCare.Scan, "Had a scan (X-ray, MRI, ultrasound)"),
        new("consultant", PreviousCare.NeurologistOrConsultant, "Seen a neurologist or consultant"),
        new("other-physio", PreviousCare.OtherPhysio, "Seen another physio"),
        new("surgery", PreviousCare.Surgery, "Had surgery"),
        new("nothing-yet", PreviousCare.NothingYet, "Nothing yet"),
    ];

    public static readonly IReadOnlyList<Choice<PreferredCallTimes>> CallTimes =
    [
        new("mornings", PreferredCallTimes.Mornings, "Mornings"),
        new("afternoons", PreferredCallTimes.Afternoons, "Afternoons"),
        new("evenings", PreferredCallTimes.Evenings, "Evenings"),
        new("weekdays", PreferredCallTimes.Weekdays, "Weekdays"),
        new("saturday", PreferredCallTimes.Saturday, "Saturday"),
    ];

    public static readonly IReadOnlyList<Choice<Funding>> FundingOptions =
    [
        new("self-pay", Funding.SelfPay, "I'll pay myself"),
        new("insurance", Funding.HealthInsurance, "Health insurance"),
    ];

    public static readonly IReadOnlyList<string> HeardAboutOptions =
    [
        "Search engine",
        "An article on your website",
        "Friend or family",
        "GP or another professional",
        "Social media",
        "Been before",
        "Other",
    ];

    public static bool TryFind<T>(IReadOnlyList<Choice<T>> choices, string? key, out T value)
    {
        var found = choices.FirstOrDefault(c => string.Equals(c.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));
        value = found is null ? default! : found.Value;
        return found is not null;
    }

    public static string Allowed<T>(IReadOnlyList<Choice<T>> choices) => string.Join(", ", choices.Select(c => c.Key));
}
