using System.Globalization;
using LeadManager.Data.Leads;
using LeadManager.Web.Features.Leads;

namespace LeadManager.Web.Features.Board;

/// <summary>What the suggestion needs to know about an unassigned lead.</summary>
/// <param name="Triage">Carried so the board can pass the lead as it is; no rule depends on it yet (every working clinician can review a flagged lead).</param>
public sealed record SuggestionLead(BodyArea? BodyArea, int? PreferredSiteId, TriageLevel Triage);

public sealed record CandidateSite(int Id, string Name);

/// <summary>A clinician as the suggestion weighs them. Load today is counted as in <see cref="AssignableClinicians"/>.</summary>
public sealed record ClinicianCandidate(
    int Id,
    string Name,
    IReadOnlyList<CandidateSite> Sites,
    BodyAreas Specialties,
    bool WorkingToday,
    int LoadToday,
    int DailyCapacity,
    bool IsActive);

/// <param name="Explanation">Hover text: "neck · Riverside · 2 of 6 calls today".</param>
/// <param name="OverCapacity">Everyone working today is full; this is the least bad choice.</param>
public sealed record SuggestedClinician(ClinicianCandidate Clinician, string Explanation, bool OverCapacity);

/// <summary>
/// Which clinician reception should assign an unassigned lead to. The rules, in order:
/// <list type="number">
/// <item>Only an active clinician working today can be suggested; nobody working today means no suggestion.</item>
/// <item>Someone with room left today (load below capacity) beats anyone at or over capacity. A full
/// clinician is suggested only when every clinician working today is full, and the explanation says so.</item>
/// <item>Someone at the lead's preferred site beats someone elsewhere (a lead with no site: any site will do).</item>
/// <item>Someone whose specialties cover the lead's body area beats someone whose don't ("More than one
/// area", "Somewhere else" and no area need no specialty, so this rule doesn't separate anyone).</item>
/// <item>Then the lowest load ratio (load ÷ capacity), then the lowest load, then name and id, so the
/// same facts always give the same suggestion.</item>
/// </list>
/// </summary>
public static class ClinicianSuggestionRules
{
    public static SuggestedClinician? Suggest(SuggestionLead lead, IEnumerable<ClinicianCandidate> candidates)
    {
        var best = candidates
            .Where(c => c.IsActive && c.WorkingToday)
            .OrderByDescending(HasRoom)
            .ThenByDescending(c => AtPreferredSite(c, lead))
            .ThenByDescending(c => NeedsSpecialty(lead) && c.Specialties.Covers(lead.BodyArea!.Value))
            .ThenBy(LoadRatio)
            .ThenBy(c => c.LoadToday)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Id)
            .FirstOrDefault();
        return best is null ? null : new SuggestedClinician(best, Explain(best, lead), !HasRoom(best));
    }

    /// <summary>"neck · Riverside · 2 of 6 calls today", with "· full today, nobody working has room" when over capacity.</summary>
    public static string Explain(ClinicianCandidate clinician, SuggestionLead lead)
    {
        var parts = new List<string>
        {
            MatchedSpecialties(clinician, lead),
            SiteName(clinician, lead),
            string.Create(CultureInfo.InvariantCulture, $"{clinician.LoadToday} of {clinician.DailyCapacity} calls today"),
        };
        if (!HasRoom(clinician))
        {
            parts.Add("full today, nobody working has room");
        }

        return string.Join(" · ", parts);
    }

    private static bool HasRoom(ClinicianCandidate c) => c.LoadToday < c.DailyCapacity;

    private static double LoadRatio(ClinicianCandidate c) =>
        c.DailyCapacity > 0 ? (double)c.LoadToday / c.DailyCapacity : double.PositiveInfinity;

    private static bool AtPreferredSite(ClinicianCandidate c, SuggestionLead lead) =>
        lead.PreferredSiteId is not { } siteId || c.Sites.Any(s => s.Id == siteId);

    private static bool NeedsSpecialty(SuggestionLead lead) =>
        lead.BodyArea is { } area && area is not (BodyArea.MoreThanOneArea or BodyArea.Other);

    private static string MatchedSpecialties(ClinicianCandidate clinician, SuggestionLead lead)
    {
        // A lead names one area, so at most one label today; the join keeps the hover format
        // the board agreed on if leads ever carry several areas.
        var matched = lead.BodyArea is { } area && clinician.Specialties.Covers(area)
            ? new[] { LeadLabels.BodyArea(area).ToLowerInvariant() }
            : [];
        return matched.Length == 0 ? "no specialty match" : string.Join(" & ", matched);
    }

    private static string SiteName(ClinicianCandidate clinician, SuggestionLead lead)
    {
        var atPreferred = clinician.Sites.FirstOrDefault(s => s.Id == lead.PreferredSiteId);
        if (atPreferred is not null)
        {
            return atPreferred.Name;
        }

        return clinician.Sites.Count == 0 ? "no site" : string.Join(" / ", clinician.Sites.Select(s => s.Name).Order(StringComparer.OrdinalIgnoreCase));
    }
}
