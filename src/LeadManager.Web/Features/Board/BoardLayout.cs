namespace LeadManager.Web.Features.Board;

/// <summary>
/// Which column (drop zone) each card is in, most urgent first, and which cards a long column
/// shows. One per open board: it keeps each request's <see cref="BoardItem"/> across reloads.
/// </summary>
public sealed class BoardLayout
{
    /// <summary>
    /// A long column shows about a screen and a half of cards (most urgent first) until "Show N more"
    /// is pressed: every card rendered costs server memory for as long as the board is open.
    /// </summary>
    public const int ColumnPageSize = 15;

    public const string UnassignedZone = "unassigned";

    private const string ClinicianZonePrefix = "clinician-";

    private readonly HashSet<string> _expanded = [];

    /// <summary>A new list on each <see cref="Update"/>, holding the same item for the same request.</summary>
    public List<BoardItem> Items { get; private set; } = [];

    /// <summary>Lays out freshly read cards; <paramref name="remaining"/> is the time left on a card's target, if it has one.</summary>
    public void Update(BoardData data, Func<BoardCardData, TimeSpan?> remaining)
    {
        var zones = data.Columns.Select(c => ZoneFor(c.Id)).ToHashSet();
        var previous = Items.ToDictionary(i => i.Card.LeadId);
        Items = data.Cards
            .Select(card => Item(previous, card, card.ClinicianId is { } id && zones.Contains(ZoneFor(id)) ? ZoneFor(id) : UnassignedZone))
            .Where(item => item.Card.ClinicianId is null || item.Zone != UnassignedZone)
            .OrderBy(item => item.Card.SortGroup)
            .ThenBy(item => remaining(item.Card) ?? TimeSpan.MaxValue)
            .ThenBy(item => item.Card.CreatedAtUtc)
            .ToList();
        foreach (var group in Items.GroupBy(i => i.Zone))
        {
            var index = 0;
            foreach (var item in group)
            {
                item.Shown = _expanded.Contains(group.Key) || index++ < ColumnPageSize;
            }
        }
    }

    /// <summary>"Show N more": the column shows every card from now on, through later reloads too.</summary>
    public void ShowAll(string zone)
    {
        _expanded.Add(zone);
        foreach (var item in Items.Where(i => i.Zone == zone))
        {
            item.Shown = true;
        }
    }

    public int CountIn(string zone) => Items.Count(i => i.Zone == zone);

    public int HiddenIn(string zone) => Items.Count(i => i.Zone == zone && !i.Shown);

    public static string ZoneFor(int clinicianId) => $"{ClinicianZonePrefix}{clinicianId}";

    public static string ZoneFor(int? clinicianId) => clinicianId is { } id ? ZoneFor(id) : UnassignedZone;

    public static int? ClinicianIn(string zone) =>
        zone.StartsWith(ClinicianZonePrefix, StringComparison.Ordinal) && int.TryParse(zone[ClinicianZonePrefix.Length..], out var id) ? id : null;

    private static BoardItem Item(Dictionary<int, BoardItem> previous, BoardCardData card, string zone)
    {
        if (!previous.TryGetValue(card.LeadId, out var item))
        {
            return new BoardItem(card, zone);
        }

        item.Card = card;
        item.Zone = zone;
        item.Shown = true;
        return item;
    }
}
