using LeadManager.Web.Email.Invites;

namespace LeadManager.Web.Email.Messages.PatientAssessmentBooked;

/// <summary>
/// To the patient when their call ended in a booked first assessment: when, where, what to bring
/// and the practice's booking reference, with the assessment's calendar invite attached when
/// <c>Workflow:AssessmentInvite</c> is on (<see cref="CallInviteCalendar.Body"/>). No health details.
/// </summary>
/// <param name="StartsAtClinicTime">The assessment's start in clinic time (<c>Clinic:TimeZone</c>).</param>
/// <param name="SiteAddress">As the site is set up; its line breaks become commas.</param>
/// <param name="SitePhone">The site's own number; empty falls back to the clinic's.</param>
/// <param name="WhatToBring">The same for everyone (<c>Workflow:AssessmentWhatToBring</c>); empty leaves the line out.</param>
/// <param name="PracticeReference">The booking's reference in the practice-management system, if it has one.</param>
public sealed record PatientAssessmentBookedEmail(
    string ClinicName,
    string ClinicPhone,
    string BrandColour,
    string Signature,
    string FirstName,
    string Reference,
    DateTime StartsAtClinicTime,
    string SiteName,
    string SiteAddress,
    string SitePhone,
    string WhatToBring,
    string? PracticeReference,
    bool InviteAttached) : IEmailModel
{
    public string StartsAt => ClinicTimeText.DayAndTime(StartsAtClinicTime);

    public string Address => OneLine(SiteAddress);

    public string ContactPhone => string.IsNullOrWhiteSpace(SitePhone) ? ClinicPhone : SitePhone;

    public string Subject => $"Your assessment with {ClinicName}: {StartsAt}";

    internal static string OneLine(string address) =>
        string.Join(", ", address.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
