namespace LeadManager.Web.Features.Board;

/// <summary>A card as the drop container holds it: which column it is in, and whether the column shows it.</summary>
/// <remarks>
/// One instance per request for as long as the board is open, updated by each reload: the
/// drop container keys its items by instance, and a new instance would replace the card's
/// elements and take the keyboard focus off a card someone is working on.
/// </remarks>
public sealed class BoardItem(BoardCardData card, string zone)
{
    public BoardCardData Card { get; set; } = card;
    public string Zone { get; set; } = zone;
    public bool Shown { get; set; } = true;
}
