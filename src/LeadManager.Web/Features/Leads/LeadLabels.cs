using LeadManager.Data.Leads;
using LeadManager.Web.Features.Intake;
using MudBlazor;

namespace LeadManager.Web.Features.Leads;

/// <summary>The words and colours staff pages use for a lead's values, so the page, the list and the board agree.</summary>
public static class LeadLabels
{
    public static string Status(LeadStatus status) => status switch
    {
        LeadStatus.New => "New",
        LeadStatus.Assigned => "Assigned",
        LeadStatus.Scheduled => "Call scheduled",
        LeadStatus.Attempted => "Tried calling",
        LeadStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string Triage(TriageLevel triage) => triage switch
    {
        TriageLevel.Emergency => "Emergency: advised urgent care",
        TriageLevel.ReviewFirst => "Clinician reviews first",
        TriageLevel.Routine => "Routine",
        TriageLevel.NotScreened => "Not screened",
        _ => triage.ToString(),
    };

    public static Color TriageColour(TriageLevel triage) => triage switch
    {
        TriageLevel.Emergency => Color.Error,
        TriageLevel.ReviewFirst => Color.Warning,
        TriageLevel.NotScreened => Color.Info,
        _ => Color.Default,
    };

    public static string Channel(LeadChannel channel) => channel switch
    {
        LeadChannel.Form => "Request form",
        LeadChannel.Embed => "Form on the clinic website",
        LeadChannel.Api => "Clinic website (API)",
        LeadChannel.Phone => "Phone call",
        LeadChannel.WalkIn => "At the desk",
        _ => channel.ToString(),
    };

    public static string Outcome(CloseReason reason) => reason switch
    {
        CloseReason.BookedAssessment => "Booked assessment",
        CloseReason.NotSuitable => "Not suitable",
        CloseReason.ReferredElsewhere => "Referred elsewhere",
        CloseReason.NotInterested => "Not interested",
        CloseReason.NoResponse => "No response",
        _ => Lead.Describe(reason),
    };

    public static string CallFor(CallFor callFor, string? contactName) => callFor switch
    {
        Data.Leads.CallFor.Self => "The patient themselves",
        Data.Leads.CallFor.ChildUnder16 => $"A child under 16; speak to {contactName ?? "their parent"}",
        _ => $"Someone else; speak to {contactName ?? "the person who asked"}",
    };

    public static string BodyArea(BodyArea? area) =>
        area is null ? "Not said" : IntakeVocabulary.BodyAreas.FirstOrDefault(c => c.Value == area)?.Label ?? area.ToString()!;

    public static string Duration(SymptomDuration? duration) =>
        duration is null ? "Not said" : IntakeVocabulary.Durations.FirstOrDefault(c => c.Value == duration)?.Label ?? duration.ToString()!;

    public static string PreviousCare(PreviousCare care) => Flags(IntakeVocabulary.PreviousCareOptions, care, c => care.HasFlag(c));

    public static string CallTimes(PreferredCallTimes times) => Flags(IntakeVocabulary.CallTimes, times, t => times.HasFlag(t));

    public static string Funding(Funding funding, string? insurer) => funding switch
    {
        Data.Leads.Funding.SelfPay => "Self-pay",
        Data.Leads.Funding.HealthInsurance => string.IsNullOrWhiteSpace(insurer) ? "Health insurance" : $"Health insurance ({insurer})",
        _ => "Not said",
    };

    /// <summary>A stored E.164 number as staff dial it: "07911 123456" for UK numbers, international format otherwise.</summary>
    public static string Phone(string e164)
    {
        try
        {
            var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
            var number = util.Parse(e164, "GB");
            return util.Format(number, number.CountryCode == 44 ? PhoneNumbers.PhoneNumberFormat.NATIONAL : PhoneNumbers.PhoneNumberFormat.INTERNATIONAL);
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return e164;
        }
    }

    public static string Specialties(BodyAreas areas) => string.Join(", ",
        IntakeVocabulary.BodyAreas.Where(c => areas.Covers(c.Value)).Select(c => c.Label.ToLowerInvariant()));

    /// <summary>A clinician as the assign picker lists them: name, sites, specialties and today's load.</summary>
    public static string Clinician(ClinicianChoice clinician)
    {
        var parts = new List<string> { clinician.Name };
        if (clinician.Sites.Count > 0)
        {
            parts.Add(string.Join(" & ", clinician.Sites));
        }

        if (clinician.Specialties != BodyAreas.None)
        {
            parts.Add(Specialties(clinician.Specialties));
        }

        parts.Add(clinician.LoadText);
        return string.Join(" · ", parts);
    }

    private static string Flags<T>(IReadOnlyList<IntakeVocabulary.Choice<T>> choices, T value, Func<T, bool> has)
        where T : struct, Enum
    {
        var labels = choices.Where(c => !c.Value.Equals(default(T)) && has(c.Value)).Select(c => c.Label).ToList();
        return labels.Count == 0 ? "Not said" : string.Join(", ", labels);
    }
}
