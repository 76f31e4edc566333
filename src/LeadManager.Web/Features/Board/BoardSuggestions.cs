using LeadManager.Web.Features.Leads;

namespace LeadManager.Web.Features.Board;

/// <summary>Turns the board's columns into <see cref="ClinicianSuggestionRules"/> candidates and its choice into what a card shows.</summary>
public sealed class BoardSuggestions
{
    public CardSuggestion? Suggest(BoardCardData card, IReadOnlyList<ClinicianChoice> columns)
    {
        var candidates = columns.Select(clinician => new ClinicianCandidate(
            clinician.Id,
            clinician.Name,
            clinician.SiteIds.Zip(clinician.Sites, (id, name) => new CandidateSite(id, name)).ToList(),
            clinician.Specialties,
            clinician.WorkingToday,
            clinician.LoadToday,
            clinician.DailyCapacity,
            IsActive: true));
        var suggested = ClinicianSuggestionRules.Suggest(new SuggestionLead(card.BodyArea, card.SiteId, card.Triage), candidates);
        return suggested is null ? null : new CardSuggestion(suggested.Clinician.Id, suggested.Clinician.Name, suggested.Explanation);
    }
}
