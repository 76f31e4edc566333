using Microsoft.AspNetCore.Http;

namespace LeadManager.Web.Features.Intake;

/// <summary>Reads the public form's fields (the same names as the API's JSON) into a submission.</summary>
public static class IntakeFormReader
{
    // A name no browser autofill heuristic matches, so a real patient never fills it by accident.
    public const string HoneypotField = "leave_blank";
    public const string TicketField = "ticket";

    public static LeadSubmission Read(IFormCollection form) => new()
    {
        ForWhom = form["forWhom"],
        ContactName = form["contactName"],
        FirstName = form["firstName"],
        LastName = form["lastName"],
        Phone = form["phone"],
        Email = form["email"],
        Site = form["site"],
        PreferredTimes = [.. form["preferredTimes"].OfType<string>()],
        BodyArea = form["bodyArea"],
        Concern = form["concern"],
        Duration = form["duration"],
        PreviousCare = [.. form["previousCare"].OfType<string>()],
        Funding = form["funding"],
        Insurer = form["insurer"],
        HeardAbout = form["heardAbout"],
        Screened = true,
        RedFlags = [.. form["redFlags"].OfType<string>()],
        ConsentContact = IsTicked(form["consentContact"]),
        ConsentHealthData = IsTicked(form["consentHealthData"]),
        ConsentMarketing = IsTicked(form["consentMarketing"]),
        UtmSource = form["utmSource"],
        UtmMedium = form["utmMedium"],
        UtmCampaign = form["utmCampaign"],
    };

    private static bool IsTicked(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Any(v => string.Equals(v, "yes", StringComparison.OrdinalIgnoreCase) || string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) || v == "on");
}
