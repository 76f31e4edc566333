using LeadManager.Web.Features.Leads;

namespace LeadManager.Web.Features.Board;

/// <summary>Turns the suggestion rules' choice for an unassigned card into what the card shows.</summary>
public sealed class ClinicianSuggestions
{
    public CardSuggestion? Suggest(BoardCardData card, IReadOnlyList<ClinicianChoice> clinicians, IReadOnlyList<BoardColumnData> columns) => null;
}
