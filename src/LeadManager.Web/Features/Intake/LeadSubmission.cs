using LeadManager.Data.Leads;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// A request exactly as a patient (form) or the clinic website (API) sent it: raw text, not
/// yet trusted. <see cref="IntakeValidator"/> turns it into a <see cref="ValidSubmission"/>
/// or a list of field errors.
/// </summary>
public sealed class LeadSubmission
{
    public string? ForWhom { get; set; }
    public string? ContactName { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Site { get; set; }
    public List<string> PreferredTimes { get; set; } = [];
    public string? BodyArea { get; set; }
    public string? Concern { get; set; }
    public string? Duration { get; set; }
    public List<string> PreviousCare { get; set; } = [];
    public string? Funding { get; set; }
    public string? Insurer { get; set; }
    public string? HeardAbout { get; set; }

    /// <summary>False when the sending form did not ask the red-flag questions (triage NotScreened).</summary>
    public bool Screened { get; set; } = true;

    public List<string> RedFlags { get; set; } = [];
    public bool ConsentContact { get; set; }
    public bool ConsentHealthData { get; set; }
    public bool ConsentMarketing { get; set; }
    public string? PrivacyNoticeVersion { get; set; }
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
}

/// <summary>A submission that passed validation: trimmed, cleaned, typed, phone in E.164.</summary>
public sealed record ValidSubmission(
    CallFor CallFor,
    string? ContactName,
    string FirstName,
    string LastName,
    string PhoneE164,
    string Email,
    int? SiteId,
    PreferredCallTimes PreferredTimes,
    BodyArea BodyArea,
    string Concern,
    SymptomDuration? Duration,
    PreviousCare PreviousCare,
    Funding Funding,
    string? Insurer,
    string? HeardAbout,
    bool Screened,
    RedFlags RedFlags,
    bool MarketingConsent,
    string PrivacyNoticeVersion,
    string? UtmSource,
    string? UtmMedium,
    string? UtmCampaign)
{
    public TriageLevel Triage => RedFlagScreening.Screen(Screened, RedFlags);
}

/// <summary>One problem with one field, worded for the person who typed it.</summary>
public sealed record FieldError(string Field, string Message);
