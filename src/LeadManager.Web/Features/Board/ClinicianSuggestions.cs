using LeadManager.Web.Features.Leads;

namespace LeadManager.Web.Features.Board;

/// <summary>Turns the board's columns into <see cref="ClinicianSuggestion"/> candidates and its choice into what a card shows.</summary>
public sealed class ClinicianSuggestions
{
    public CardSuggestion? Suggest(BoardCardData card, IReadOnlyList<BoardColumnData> columns)
    {
        var candidates = columns.Select(column => new ClinicianCandidate(
            column.Clinician.Id,
            column.Clinician.Name,
            column.SiteIds.Zip(column.Clinician.Sites, (id, name) => new CandidateSite(id, name)).ToList(),
            column.Clinician.Specialties,
            column.Clinician.WorkingToday,
            column.Clinician.LoadToday,
            column.Clinician.DailyCapacity,
            IsActive: true));
        var suggested = ClinicianSuggestion.Suggest(new SuggestionLead(card.BodyArea, card.SiteId, card.Triage), candidates);
        return suggested is null ? null : new CardSuggestion(suggested.Clinician.Id, suggested.Clinician.Name, suggested.Explanation);
    }
}
