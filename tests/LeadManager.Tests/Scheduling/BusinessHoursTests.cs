using LeadManager.Data.Sites;
using LeadManager.Web.Scheduling;

namespace LeadManager.Tests.Scheduling;

public sealed class BusinessHoursTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Mon–Fri 09:00–17:00, Saturday 09:00–13:00, closed on Sunday.
    private static Site Riverside(params DateOnly[] closures)
    {
        var site = new Site { Id = 1, Name = "Riverside" };
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            site.OpeningHours.Add(new SiteOpeningHours { Day = day, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0) });
        }

        site.OpeningHours.Add(new SiteOpeningHours { Day = DayOfWeek.Saturday, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(13, 0) });
        site.Closures.AddRange(closures.Select(d => new SiteClosure { FirstDay = d, LastDay = d, Reason = "Bank holiday" }));
        return site;
    }

    private static DateTime Local(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0), London);

    [Fact]
    public void Time_within_opening_hours_counts_minute_for_minute()
    {
        var hours = BusinessHours.ForSite(Riverside(), London);

        Assert.Equal(Local(11, 25, 10, 15), hours.Add(Local(11, 25, 10, 0), TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void A_request_just_before_closing_is_due_the_next_opening_morning()
    {
        var hours = BusinessHours.ForSite(Riverside(), London);

        // Wednesday 16:55 + 15 business minutes = Thursday 09:10.
        Assert.Equal(Local(11, 26, 9, 10), hours.Add(Local(11, 25, 16, 55), TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Saturday_afternoon_and_Sunday_do_not_count()
    {
        var hours = BusinessHours.ForSite(Riverside(), London);

        // Saturday 12:30 + 1 business hour: 30 min on Saturday, then Monday 09:30.
        Assert.Equal(Local(11, 30, 9, 30), hours.Add(Local(11, 28, 12, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_closure_day_is_skipped()
    {
        var hours = BusinessHours.ForSite(Riverside(new DateOnly(2026, 11, 26)), London);

        Assert.Equal(Local(11, 27, 9, 10), hours.Add(Local(11, 25, 16, 55), TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Subtract_finds_the_cutoff_behind_closed_hours()
    {
        var hours = BusinessHours.ForSite(Riverside(), London);

        // At Thursday 09:10, a request is 15 business minutes old if it came at Wednesday 16:55 or earlier.
        Assert.Equal(Local(11, 25, 16, 55), hours.Subtract(Local(11, 26, 9, 10), TimeSpan.FromMinutes(15)));
        Assert.Equal(TimeSpan.FromMinutes(15), hours.Between(Local(11, 25, 16, 55), Local(11, 26, 9, 10)));
    }

    [Fact]
    public void Opening_hours_follow_the_clock_change()
    {
        var hours = BusinessHours.ForSite(Riverside(), London);

        // Friday 27 March 2026 16:30 GMT; the clocks go forward on Sunday 29 March: Monday opens at 09:00 BST (08:00 UTC).
        var due = hours.Add(new DateTime(2026, 3, 27, 16, 30, 0, DateTimeKind.Utc), TimeSpan.FromHours(1));

        Assert.Equal(new DateTime(2026, 3, 28, 9, 30, 0, DateTimeKind.Utc), due);
        var monday = hours.Add(new DateTime(2026, 3, 28, 12, 30, 0, DateTimeKind.Utc), TimeSpan.FromHours(1));
        Assert.Equal(new DateTime(2026, 3, 30, 8, 30, 0, DateTimeKind.Utc), monday);
    }

    [Fact]
    public void Without_a_site_the_hours_of_every_site_count_and_only_a_day_all_are_shut_is_closed()
    {
        var riverside = Riverside(new DateOnly(2026, 11, 28));
        var town = new Site { Id = 2, Name = "Town Centre" };
        town.OpeningHours.Add(new SiteOpeningHours { Day = DayOfWeek.Saturday, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(12, 0) });
        var hours = BusinessHours.Combined([riverside, town], London);

        // Saturday 28th: Riverside is closed, Town Centre opens 08:00.
        Assert.Equal(Local(11, 28, 8, 15), hours.Add(Local(11, 28, 7, 0), TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void A_site_with_no_hours_counts_every_minute()
    {
        var hours = BusinessHours.ForSite(new Site { Id = 3, Name = "Pop-up" }, London);

        Assert.Equal(Local(11, 29, 3, 15), hours.Add(Local(11, 29, 3, 0), TimeSpan.FromMinutes(15)));
    }
}
