using System.Globalization;
using LeadManager.Data.Sites;
using LeadManager.Web.Scheduling;

namespace LeadManager.Tests.Scheduling;

/// <summary>
/// Against the official GOV.UK list (gov.uk/bank-holidays), substitute days and one-off holidays
/// included (Scotland, 15 June 2026: proclaimed for the World Cup).
/// </summary>
public sealed class BankHolidaysTests
{
    private static readonly Dictionary<(BankHolidayRegion, int), string[]> Official = new()
    {
        [(BankHolidayRegion.EnglandAndWales, 2026)] = ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
        [(BankHolidayRegion.EnglandAndWales, 2027)] = ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
        [(BankHolidayRegion.EnglandAndWales, 2028)] = ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"],
        [(BankHolidayRegion.Scotland, 2026)] = ["2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-06-15", "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28"],
        [(BankHolidayRegion.Scotland, 2027)] = ["2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03", "2027-05-31", "2027-08-02", "2027-11-30", "2027-12-27", "2027-12-28"],
        [(BankHolidayRegion.Scotland, 2028)] = ["2028-01-03", "2028-01-04", "2028-04-14", "2028-05-01", "2028-05-29", "2028-08-07", "2028-11-30", "2028-12-25", "2028-12-26"],
        [(BankHolidayRegion.NorthernIreland, 2026)] = ["2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"],
        [(BankHolidayRegion.NorthernIreland, 2027)] = ["2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-07-12", "2027-08-30", "2027-12-27", "2027-12-28"],
        [(BankHolidayRegion.NorthernIreland, 2028)] = ["2028-01-03", "2028-03-17", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-07-12", "2028-08-28", "2028-12-25", "2028-12-26"],
    };

    public static TheoryData<BankHolidayRegion, int> RegionsAndYears()
    {
        var data = new TheoryData<BankHolidayRegion, int>();
        foreach (var (region, year) in Official.Keys)
        {
            data.Add(region, year);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegionsAndYears))]
    public void The_holidays_are_the_official_ones(BankHolidayRegion region, int year)
    {
        var expected = Official[(region, year)].Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Order().ToList();

        Assert.Equal(expected, BankHolidays.In(region, year).Order().ToList());
    }

    [Fact]
    public void A_site_that_opens_on_bank_holidays_has_none() =>
        Assert.Empty(BankHolidays.In(BankHolidayRegion.None, 2026));
}
