using LeadManager.Data.Leads;

namespace LeadManager.Web.Features.Leads;

/// <summary>A clinician as the assign picker shows them.</summary>
public sealed record ClinicianChoice(
    int Id,
    string Name,
    IReadOnlyList<string> Sites,
    BodyAreas Specialties,
    bool WorkingToday,
    int LoadToday,
    int DailyCapacity)
{
    /// <summary>The ids of <see cref="Sites"/>, in the same order.</summary>
    public IReadOnlyList<int> SiteIds { get; init; } = [];

    public bool OnLeaveToday { get; init; }

    /// <summary>"2 of 10 calls today", "On leave today" or "Not working today": the load as the picker, the board and its columns show it.</summary>
    public string LoadText => WorkingToday ? $"{LoadToday} of {DailyCapacity} calls today" : OnLeaveToday ? "On leave today" : "Not working today";
}
