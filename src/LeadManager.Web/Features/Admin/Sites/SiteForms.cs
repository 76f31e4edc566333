using LeadManager.Data.Sites;

namespace LeadManager.Web.Features.Admin.Sites;

/// <summary>What an admin enters for a site: the edit dialog's fields, and what the demo seeder passes.</summary>
public sealed class SiteForm
{
    public string? Name { get; set; }

    /// <summary>One or more lines; line breaks are kept, other control characters are refused.</summary>
    public string? Address { get; set; }

    /// <summary>As typed; saved in E.164 once libphonenumber accepts it.</summary>
    public string? Phone { get; set; }

    public bool IsActive { get; set; } = true;

    public BankHolidayRegion BankHolidayRegion { get; set; } = BankHolidayRegion.EnglandAndWales;

    /// <summary>Null: no duty clinician (the clinicians on duty are told).</summary>
    public int? DutyClinicianId { get; set; }

    /// <summary>One entry per weekday, Monday first; a day not open is closed.</summary>
    public List<DayHours> Hours { get; set; } = DayHours.ClosedWeek();

    /// <summary>The site's version when the admin opened it (0 for a new site): a newer one on save is a conflict.</summary>
    public int Version { get; set; }

    /// <summary>
    /// When the save deactivates a site that open requests prefer: where they go. Null when not
    /// decided yet; the save is then refused with how many there are.
    /// </summary>
    public OpenRequestsChoice? OpenRequests { get; set; }
}

/// <summary>A site's hours on one weekday: one period (the model keeps one per day), or closed.</summary>
public sealed class DayHours
{
    public DayOfWeek Day { get; set; }

    public bool IsOpen { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }

    /// <summary>Monday to Sunday, the order a UK week is read in.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static List<DayHours> ClosedWeek() => Week.Select(day => new DayHours { Day = day }).ToList();

    public static List<DayHours> Of(IEnumerable<SiteOpeningHours> hours)
    {
        var byDay = hours.GroupBy(h => h.Day).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Opens).First());
        return Week.Select(day => byDay.TryGetValue(day, out var h)
            ? new DayHours { Day = day, IsOpen = true, Opens = h.Opens, Closes = h.Closes }
            : new DayHours { Day = day }).ToList();
    }
}

/// <param name="MoveToSiteId">The active site the open requests move to; null: to no preferred site.</param>
public sealed record OpenRequestsChoice(int? MoveToSiteId);

/// <summary>A closure as entered: one day (no last day), or a range, first and last day included.</summary>
public sealed class ClosureForm
{
    public DateOnly? FirstDay { get; set; }

    /// <summary>Null: the closure is the first day alone.</summary>
    public DateOnly? LastDay { get; set; }

    public string? Reason { get; set; }
}

public enum SiteSaveStatus
{
    Saved,
    /// <summary>A field is wrong (see the errors); nothing was saved.</summary>
    Invalid,
    /// <summary>Deactivating: open requests prefer the site and nobody said where they go; nothing was saved.</summary>
    NeedsChoice,
    /// <summary>Someone else changed the site since it was opened; nothing was overwritten.</summary>
    Conflict,
    Forbidden,
    NotFound,
}

/// <summary>Which field a message is about: a <see cref="SiteForm"/> or <see cref="ClosureForm"/> property, or "Hours.Monday".</summary>
public sealed record SiteFieldError(string Field, string Message);

public sealed record SiteSaveResult(SiteSaveStatus Status, IReadOnlyList<SiteFieldError> Errors, string? Message = null, int? SiteId = null, int? Version = null, int OpenRequests = 0)
{
    public const string ConflictMessage = "Someone else changed this site while you had it open. It has been reloaded: check it, then make your change again.";

    public bool Succeeded => Status == SiteSaveStatus.Saved;

    public static SiteSaveResult Invalid(IReadOnlyList<SiteFieldError> errors) => new(SiteSaveStatus.Invalid, errors);

    public static SiteSaveResult Invalid(string field, string message) => new(SiteSaveStatus.Invalid, [new SiteFieldError(field, message)]);

    public static SiteSaveResult Forbidden() => new(SiteSaveStatus.Forbidden, [], "Only an admin with an active staff record can change sites.");

    public static SiteSaveResult NotFound() => new(SiteSaveStatus.NotFound, [], "That site no longer exists.");

    public static SiteSaveResult Conflict(int? version) => new(SiteSaveStatus.Conflict, [], ConflictMessage, Version: version);
}

public sealed record SiteChoice(int Id, string Name);

/// <summary>One row of the sites list.</summary>
/// <param name="DutyWarning">Why the duty clinician set is not told at the moment (no longer active, no longer at this site); null when fine.</param>
public sealed record SiteRow(
    int Id,
    string Name,
    string Address,
    string Phone,
    bool IsActive,
    string Hours,
    string Region,
    string? DutyClinician,
    string? DutyWarning,
    IReadOnlyList<string> UpcomingClosures,
    int OpenRequests);

/// <summary>A site as the edit dialog opens it, with what its choices need.</summary>
/// <param name="DutyCandidates">Active clinicians working at the site (the current duty clinician too, even if no longer one).</param>
/// <param name="OtherActiveSites">Where open requests can go if the site is deactivated.</param>
/// <param name="OpenRequests">Open requests that prefer the site now.</param>
public sealed record SiteEditView(int? SiteId, string Name, SiteForm Form, IReadOnlyList<SiteChoice> DutyCandidates, IReadOnlyList<SiteChoice> OtherActiveSites, int OpenRequests);

public sealed record ClosureRow(int Id, DateOnly FirstDay, DateOnly LastDay, string Reason, string Days);

/// <summary>A site's closures from today on, as the closures dialog shows them.</summary>
public sealed record SiteClosuresView(int SiteId, string SiteName, int Version, IReadOnlyList<ClosureRow> Upcoming);
