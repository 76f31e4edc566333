using LeadManager.Data.Sites;
using LeadManager.Web.Scheduling;

namespace LeadManager.Tests.Scheduling;

public sealed class ExpectedCallTimeTests
{
    // Thursday 26 November 2026, clinic time.
    private static readonly DateTime Thursday = new(2026, 11, 26, 0, 0, 0);

    private static Site WeekdaySite(int opens = 8, int closes = 17, params DateOnly[] closures)
    {
        var site = new Site { Name = "Riverside" };
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            site.OpeningHours.Add(new SiteOpeningHours { Day = day, Opens = new TimeOnly(opens, 0), Closes = new TimeOnly(closes, 0) });
        }

        site.Closures.AddRange(closures.Select(d => new SiteClosure { FirstDay = d, LastDay = d, Reason = "Closed" }));
        return site;
    }

    [Theory]
    [InlineData(7, 0, "this morning, soon after we open at 8am")]
    [InlineData(10, 15, "today before 5pm")]
    [InlineData(16, 30, "today before 5pm")]
    [InlineData(16, 31, "tomorrow morning")]
    [InlineData(21, 0, "tomorrow morning")]
    public void Expected_call_follows_the_site_s_hours(int hour, int minute, string expected) =>
        Assert.Equal(expected, ExpectedCallTime.Describe([WeekdaySite()], Thursday.AddHours(hour).AddMinutes(minute)));

    [Fact]
    public void Friday_evening_expects_a_call_on_Monday_morning() =>
        Assert.Equal("on Monday morning", ExpectedCallTime.Describe([WeekdaySite()], Thursday.AddDays(1).AddHours(19)));

    [Fact]
    public void Closures_are_skipped() =>
        Assert.Equal("on Monday morning", ExpectedCallTime.Describe(
            [WeekdaySite(closures: new DateOnly(2026, 11, 27))], Thursday.AddHours(18)));

    [Fact]
    public void Half_past_closing_times_read_naturally()
    {
        var site = new Site { Name = "Late" };
        site.OpeningHours.Add(new SiteOpeningHours { Day = DayOfWeek.Thursday, Opens = new TimeOnly(12, 0), Closes = new TimeOnly(19, 30) });

        Assert.Equal("today before 7:30pm", ExpectedCallTime.Describe([site], Thursday.AddHours(13)));
    }

    [Fact]
    public void No_hours_at_all_still_gives_an_honest_answer() =>
        Assert.Equal("as soon as the clinic reopens", ExpectedCallTime.Describe([], Thursday.AddHours(9)));
}
