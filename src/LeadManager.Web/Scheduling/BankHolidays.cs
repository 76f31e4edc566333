using System.Collections.Concurrent;
using LeadManager.Data.Sites;
using PublicHoliday;

namespace LeadManager.Web.Scheduling;

/// <summary>
/// UK bank holidays by region, substitute days included, from the PublicHoliday package. One-off
/// holidays (a coronation, a state funeral) are announced ad hoc and the package cannot know them:
/// those are site closures.
/// </summary>
public static class BankHolidays
{
    private static readonly ConcurrentDictionary<(BankHolidayRegion, int), IReadOnlySet<DateOnly>> _byYear = new();

    public static IReadOnlySet<DateOnly> In(BankHolidayRegion region, int year) =>
        _byYear.GetOrAdd((region, year), key => Compute(key.Item1, key.Item2));

    public static bool IsBankHoliday(BankHolidayRegion region, DateOnly day) => In(region, day.Year).Contains(day);

    private static IReadOnlySet<DateOnly> Compute(BankHolidayRegion region, int year)
    {
        UKBankHoliday.UkCountries? country = region switch
        {
            BankHolidayRegion.EnglandAndWales => UKBankHoliday.UkCountries.England,
            BankHolidayRegion.Scotland => UKBankHoliday.UkCountries.Scotland,
            BankHolidayRegion.NorthernIreland => UKBankHoliday.UkCountries.NorthernIreland,
            _ => null,
        };
        return country is { } known
            ? new UKBankHoliday(known).PublicHolidays(year).Select(DateOnly.FromDateTime).ToHashSet()
            : new HashSet<DateOnly>();
    }
}
