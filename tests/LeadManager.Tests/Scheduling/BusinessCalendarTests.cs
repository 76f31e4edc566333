using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Web.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace LeadManager.Tests.Scheduling;

/// <summary>The business calendar with bank holidays, closures and clock changes, on a fake clock.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    // Monday to Friday 09:00–17:00.
    private static Site Weekdays(BankHolidayRegion region, int id = 1, params DateOnly[] closures)
    {
        var site = new Site { Id = id, Name = $"{region} {id}", BankHolidayRegion = region };
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            site.OpeningHours.Add(new SiteOpeningHours { Day = day, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0) });
        }

        site.Closures.AddRange(closures.Select(d => new SiteClosure { FirstDay = d, LastDay = d, Reason = "Training day" }));
        return site;
    }

    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), London);

    private static FakeTimeProvider ClockAt(DateTime utc) => new(new DateTimeOffset(utc, TimeSpan.Zero));

    private static DateTime Now(FakeTimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void A_request_on_the_Friday_evening_before_a_bank_holiday_counts_from_Tuesdays_opening()
    {
        // Friday 22 May 2026 18:00; Monday 25 May is the spring bank holiday.
        var clock = ClockAt(Local(2026, 5, 22, 18));
        var site = Weekdays(BankHolidayRegion.EnglandAndWales);
        var calendars = new WorkflowTargets.Calendars(
            new Dictionary<int, BusinessHours> { [site.Id] = BusinessHours.ForSite(site, London) },
            BusinessHours.Combined([site], London),
            new WorkflowOptions { AssignWithin = FifteenMinutes });
        var arrived = Now(clock);

        var target = calendars.TargetFor(LeadStatus.New, site.Id, arrived, null);

        Assert.Equal(Local(2026, 5, 26, 9, 15), target!.DueUtc);
        Assert.Equal(Local(2026, 5, 26, 9, 0), calendars.For(site.Id).NextBusinessMoment(arrived));
        clock.SetUtcNow(new DateTimeOffset(Local(2026, 5, 26, 9, 14), TimeSpan.Zero));
        Assert.False(calendars.IsOverdue(LeadStatus.New, site.Id, arrived, null, Now(clock)));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(calendars.IsOverdue(LeadStatus.New, site.Id, arrived, null, Now(clock)));
    }

    [Fact]
    public void Scotland_keeps_St_Andrews_Day_and_England_does_not()
    {
        // Monday 30 November 2026 10:00.
        var clock = ClockAt(Local(2026, 11, 30, 10));
        var scotland = BusinessHours.ForSite(Weekdays(BankHolidayRegion.Scotland), London);
        var england = BusinessHours.ForSite(Weekdays(BankHolidayRegion.EnglandAndWales), London);

        Assert.Equal(Local(2026, 12, 1, 9, 15), scotland.Add(Now(clock), FifteenMinutes));
        Assert.Equal(Local(2026, 11, 30, 10, 15), england.Add(Now(clock), FifteenMinutes));
    }

    [Fact]
    public void Northern_Ireland_keeps_St_Patricks_Day_and_the_Boyne()
    {
        var northernIreland = BusinessHours.ForSite(Weekdays(BankHolidayRegion.NorthernIreland), London);

        // Tuesday 17 March 2026; 12 July 2026 is a Sunday, so Monday 13 July is the holiday.
        Assert.Equal(Local(2026, 3, 18, 9, 0), northernIreland.NextBusinessMoment(Local(2026, 3, 17, 10)));
        Assert.Equal(Local(2026, 7, 14, 9, 0), northernIreland.NextBusinessMoment(Local(2026, 7, 11, 10)));
        Assert.Null(northernIreland.HoursOn(new DateOnly(2026, 7, 13)));
    }

    [Fact]
    public void A_site_without_bank_holidays_opens_on_one()
    {
        var clock = ClockAt(Local(2026, 5, 25, 10));
        var site = Weekdays(BankHolidayRegion.None);
        var hours = BusinessHours.ForSite(site, London);

        Assert.Equal(Local(2026, 5, 25, 10, 15), hours.Add(Now(clock), FifteenMinutes));
        Assert.Equal("today before 5pm", ExpectedCallTime.Describe([site], London.ToClinic(Now(clock))));
    }

    [Fact]
    public void Without_a_preferred_site_any_site_open_counts()
    {
        // St Andrew's Day: the Scottish site is shut, the English one open; Christmas Day: both shut.
        var both = BusinessHours.Combined([Weekdays(BankHolidayRegion.Scotland, 1), Weekdays(BankHolidayRegion.EnglandAndWales, 2)], London);

        Assert.Equal(Local(2026, 11, 30, 10, 15), both.Add(Local(2026, 11, 30, 10), FifteenMinutes));
        Assert.Equal(Local(2026, 12, 29, 9, 0), both.NextBusinessMoment(Local(2026, 12, 24, 17, 30)));
    }

    [Fact]
    public void A_closure_day_is_closed_for_timers_and_for_the_patients_promise()
    {
        // Thursday 26 November 2026 is a training day.
        var site = Weekdays(BankHolidayRegion.EnglandAndWales, 1, new DateOnly(2026, 11, 26));
        var clock = ClockAt(Local(2026, 11, 25, 18));

        Assert.Equal(Local(2026, 11, 27, 9, 0), BusinessHours.ForSite(site, London).NextBusinessMoment(Now(clock)));
        Assert.Equal("on Friday morning", ExpectedCallTime.Describe([site], London.ToClinic(Now(clock))));
    }

    [Fact]
    public void The_patient_is_told_Tuesday_before_a_bank_holiday_Monday() =>
        Assert.Equal("on Tuesday morning", ExpectedCallTime.Describe([Weekdays(BankHolidayRegion.EnglandAndWales)], new DateTime(2026, 5, 22, 18, 0, 0)));

    [Fact]
    public void Business_minutes_across_the_March_and_October_clock_changes()
    {
        var hours = BusinessHours.ForSite(Weekdays(BankHolidayRegion.EnglandAndWales), London);

        // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026:
        // Friday 16:00 to Monday 10:00 is two business hours either way.
        Assert.Equal(TimeSpan.FromHours(2), hours.Between(Local(2026, 3, 27, 16), Local(2026, 3, 30, 10)));
        Assert.Equal(TimeSpan.FromHours(2), hours.Between(Local(2026, 10, 23, 16), Local(2026, 10, 26, 10)));
        Assert.Equal(new DateTime(2026, 10, 26, 9, 30, 0, DateTimeKind.Utc), hours.Add(Local(2026, 10, 23, 16, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Nothing_lands_in_the_hour_the_spring_change_skips()
    {
        // A site open on Sundays from 01:00 to 05:00: on 29 March 2026 01:00–02:00 does not exist,
        // so it opens at 02:00 BST (01:00 UTC) and has three hours that day.
        var site = new Site { Id = 9, Name = "Night", BankHolidayRegion = BankHolidayRegion.None };
        site.OpeningHours.Add(new SiteOpeningHours { Day = DayOfWeek.Sunday, Opens = new TimeOnly(1, 0), Closes = new TimeOnly(5, 0) });
        var hours = BusinessHours.ForSite(site, London);
        var saturdayNight = new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc);

        var opens = hours.NextBusinessMoment(saturdayNight);
        var due = hours.Add(saturdayNight, FifteenMinutes);

        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), opens);
        Assert.Equal(2, London.ToClinic(opens).Hour);
        Assert.Equal(new DateTime(2026, 3, 29, 2, 15, 0), London.ToClinic(due));
        Assert.Equal(TimeSpan.FromHours(3), hours.Between(saturdayNight, saturdayNight.AddDays(1)));
    }

    [Fact]
    public void An_evening_and_a_weekend_do_not_count()
    {
        var hours = BusinessHours.ForSite(Weekdays(BankHolidayRegion.EnglandAndWales), London);
        var clock = ClockAt(Local(2026, 11, 26, 19));

        Assert.Equal(Local(2026, 11, 27, 9, 15), hours.Add(Now(clock), FifteenMinutes));
        clock.SetUtcNow(new DateTimeOffset(Local(2026, 11, 28, 11), TimeSpan.Zero));
        Assert.Equal(Local(2026, 11, 30, 9, 15), hours.Add(Now(clock), FifteenMinutes));
        Assert.Equal(Local(2026, 11, 27, 16, 45), hours.Subtract(Local(2026, 11, 30, 9, 0), FifteenMinutes));
    }
}

internal static class LondonTime
{
    public static DateTime ToClinic(this TimeZoneInfo zone, DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
}
