using System.Globalization;
using LeadManager.Data.Sites;
using LeadManager.Web.Text;
using PhoneNumbers;

namespace LeadManager.Web.Features.Admin.Sites;

/// <summary>A site's fields, checked and cleaned as typed text is everywhere (<see cref="TextCleaning"/>).</summary>
public sealed record CleanSite(string Name, string Address, string Phone, bool IsActive, BankHolidayRegion Region, int? DutyClinicianId, IReadOnlyList<DayHours> Hours);

/// <summary>A closure, checked: first and last day included.</summary>
public sealed record CleanClosure(DateOnly FirstDay, DateOnly LastDay, string Reason);

/// <summary>
/// What a site's form must satisfy, and how a site reads to a person (in the list, in the audit
/// trail). Checks that need the database (a unique name, the duty clinician, open requests) are
/// the handlers'.
/// </summary>
public static class SiteRules
{
    // The column sizes (SiteConfiguration, SiteClosureConfiguration); a closure's reason is kept short on purpose.
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 300;
    public const int MaxReasonLength = 100;
    public const int MaxClosureDays = 366;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static IReadOnlyList<SiteFieldError> Check(SiteForm form, out CleanSite? clean)
    {
        var errors = new List<SiteFieldError>();
        var name = Line(form.Name, nameof(SiteForm.Name), "the name", MaxNameLength, "Give the site a name.", errors);
        var address = Address(form.Address, errors);
        var phone = TextCleaning.NormalisePhone(form.Phone, out var phoneError);
        if (phoneError is not null)
        {
            errors.Add(new(nameof(SiteForm.Phone), string.IsNullOrWhiteSpace(form.Phone)
                ? "Give the site's phone number: patients are sent it with a booked assessment."
                : "That is not a phone number patients can call. Give a UK number, like 020 7946 0001, or an international one starting with +."));
        }

        if (!Enum.IsDefined(form.BankHolidayRegion))
        {
            errors.Add(new(nameof(SiteForm.BankHolidayRegion), "Choose whose bank holidays close the site, or None if it opens on them."));
        }

        var hours = Hours(form.Hours, errors);
        clean = errors.Count == 0
            ? new CleanSite(name!, address!, phone!, form.IsActive, form.BankHolidayRegion, form.DutyClinicianId, hours)
            : null;
        return errors;
    }

    public static IReadOnlyList<SiteFieldError> Check(ClosureForm form, DateOnly today, out CleanClosure? clean)
    {
        var errors = new List<SiteFieldError>();
        var reason = Line(form.Reason, nameof(ClosureForm.Reason), "the reason", MaxReasonLength, "Say why the site is closed (for staff: \"Staff training day\", \"Refurbishment\").", errors);
        clean = null;
        if (form.FirstDay is not { } first)
        {
            errors.Add(new(nameof(ClosureForm.FirstDay), "Give the day the site is closed (the first day, for a run of days)."));
            return errors;
        }

        var last = form.LastDay ?? first;
        if (last < first)
        {
            errors.Add(new(nameof(ClosureForm.LastDay), $"The closure ends on {Day(last)}, before it starts on {Day(first)}. Give a last day on or after the first, or no last day for a single day."));
        }
        else if (last < today)
        {
            errors.Add(new(nameof(ClosureForm.LastDay), $"That closure is over already ({Days(first, last)}): only closures from today on change the calendar."));
        }
        else if (last.DayNumber - first.DayNumber + 1 > MaxClosureDays)
        {
            errors.Add(new(nameof(ClosureForm.LastDay), $"That is {last.DayNumber - first.DayNumber + 1} days; a closure can be at most a year. For longer, mark the site inactive."));
        }

        if (errors.Count == 0)
        {
            clean = new CleanClosure(first, last, reason!);
        }

        return errors;
    }

    /// <summary>"Mon–Fri 08:00–20:00, Sat 09:00–13:00"; the days not named are closed.</summary>
    public static string HoursSummary(IEnumerable<DayHours> hours)
    {
        var open = hours.Where(h => h.IsOpen && h.Opens is not null && h.Closes is not null).ToDictionary(h => h.Day);
        var parts = new List<string>();
        var week = DayHours.Week;
        for (var i = 0; i < week.Count; i++)
        {
            if (!open.TryGetValue(week[i], out var first))
            {
                continue;
            }

            var j = i;
            while (j + 1 < week.Count && open.TryGetValue(week[j + 1], out var next) && next.Opens == first.Opens && next.Closes == first.Closes)
            {
                j++;
            }

            var days = i == j ? Short(week[i]) : $"{Short(week[i])}–{Short(week[j])}";
            parts.Add($"{days} {Time(first.Opens!.Value)}–{Time(first.Closes!.Value)}");
            i = j;
        }

        return parts.Count == 0 ? "Never open (no opening hours)" : string.Join(", ", parts);
    }

    public static string HoursSummary(IEnumerable<SiteOpeningHours> hours) => HoursSummary(DayHours.Of(hours));

    public static string Region(BankHolidayRegion region) => region switch
    {
        BankHolidayRegion.EnglandAndWales => "England and Wales",
        BankHolidayRegion.Scotland => "Scotland",
        BankHolidayRegion.NorthernIreland => "Northern Ireland",
        BankHolidayRegion.None => "None (opens on bank holidays)",
        _ => region.ToString(),
    };

    public static string Active(bool isActive) => isActive ? "Active" : "Inactive";

    public const string NoDutyClinician = "None (the clinicians on duty are told)";

    /// <summary>"Wed 24 Dec 2026" or "Thu 24 Dec 2026 – Sat 26 Dec 2026".</summary>
    public static string Days(DateOnly first, DateOnly last) => first == last ? Day(first) : $"{Day(first)} – {Day(last)}";

    public static string Closure(DateOnly first, DateOnly last, string reason) => $"{Days(first, last)}: {reason}";

    /// <summary>An E.164 number as a person dials it in the UK ("020 7946 0001"), or as stored when it does not parse.</summary>
    public static string PhoneForPeople(string phone)
    {
        try
        {
            var number = Phones.Parse(phone, "GB");
            return Phones.Format(number, number.CountryCode == 44 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return phone;
        }
    }

    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", EnGb);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Short(DayOfWeek day) => EnGb.DateTimeFormat.GetAbbreviatedDayName(day);

    // One line of text: refused (not quietly changed) when it holds a control character, so what is
    // saved is what the admin sees; then cleaned as every typed line is.
    private static string? Line(string? raw, string field, string what, int max, string missing, List<SiteFieldError> errors)
    {
        if (raw is not null && raw.Any(char.IsControl))
        {
            errors.Add(new(field, $"Type {what} on one line: it holds a control character (a line break, a tab or an invisible code), perhaps pasted in."));
            return null;
        }

        var clean = TextCleaning.CleanLine(raw);
        if (clean is null)
        {
            errors.Add(new(field, missing));
            return null;
        }

        if (clean.Length > max)
        {
            errors.Add(new(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} is {clean.Length:N0} characters long; the most is {max}."));
            return null;
        }

        return clean;
    }

    // An address may have lines; each is cleaned like a line, and empty ones are dropped.
    private static string? Address(string? raw, List<SiteFieldError> errors)
    {
        const string field = nameof(SiteForm.Address);
        if (raw is not null && raw.Any(c => char.IsControl(c) && c is not '\r' and not '\n' and not '\t'))
        {
            errors.Add(new(field, "The address holds a control character (an invisible code, perhaps pasted in). Type it again."));
            return null;
        }

        var lines = raw?.Replace("\r\n", "\n", StringComparison.Ordinal).Split(['\r', '\n'])
            .Select(TextCleaning.CleanLine)
            .OfType<string>()
            .ToList() ?? [];
        if (lines.Count == 0)
        {
            errors.Add(new(field, "Give the site's address: patients are sent it with a booked assessment."));
            return null;
        }

        var address = string.Join("\n", lines);
        if (address.Length > MaxAddressLength)
        {
            errors.Add(new(field, $"The address is {address.Length:N0} characters long; the most is {MaxAddressLength}."));
            return null;
        }

        return address;
    }

    private static IReadOnlyList<DayHours> Hours(IReadOnlyList<DayHours>? hours, List<SiteFieldError> errors)
    {
        hours ??= [];
        if (hours.Any(h => !DayHours.Week.Contains(h.Day)) || hours.GroupBy(h => h.Day).Any(g => g.Count() > 1))
        {
            errors.Add(new("Hours", "Give each weekday once: one opening period a day, or closed."));
            return [];
        }

        var clean = new List<DayHours>();
        foreach (var day in hours.Where(h => h.IsOpen).OrderBy(h => DayHours.Week.ToList().IndexOf(h.Day)))
        {
            var field = $"Hours.{day.Day}";
            var name = EnGb.DateTimeFormat.GetDayName(day.Day);
            if (day.Opens is not { } opens || day.Closes is not { } closes)
            {
                errors.Add(new(field, $"{name}: give both the opening and the closing time, or mark the day closed."));
                continue;
            }

            if (opens >= closes)
            {
                errors.Add(new(field, opens == closes
                    ? $"{name}: it opens and closes at {Time(opens)}. The closing time must be after the opening time."
                    : $"{name}: it opens at {Time(opens)} but closes at {Time(closes)}, earlier. The closing time must be after the opening time (hours past midnight are not supported)."));
                continue;
            }

            clean.Add(new DayHours { Day = day.Day, IsOpen = true, Opens = new TimeOnly(opens.Hour, opens.Minute), Closes = new TimeOnly(closes.Hour, closes.Minute) });
        }

        return clean;
    }
}
