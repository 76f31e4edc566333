using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.Web.Scheduling;

namespace LeadManager.Tests.Scheduling;

/// <summary>When a patient is tried again: the clinician's next working day, another part of the day, within what the patient asked for.</summary>
public sealed class NextAttemptWindowTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Monday to Thursday 08:00–16:00 (as the demo's Priya).
    private static readonly StaffWorkingHours[] MondayToThursday =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday }
            .Select(d => new StaffWorkingHours { Day = d, Starts = new TimeOnly(8, 0), Ends = new TimeOnly(16, 0) })];

    private static BusinessHours EveryDay(params DateOnly[] closures)
    {
        var site = new Site { Id = 1, Name = "Riverside", BankHolidayRegion = BankHolidayRegion.EnglandAndWales };
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            site.OpeningHours.Add(new SiteOpeningHours { Day = day, Opens = new TimeOnly(8, 0), Closes = new TimeOnly(20, 0) });
        }

        site.Closures.AddRange(closures.Select(d => new SiteClosure { FirstDay = d, LastDay = d, Reason = "Training day" }));
        return BusinessHours.ForSite(site, London);
    }

    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), London);

    [Fact]
    public void A_morning_call_is_tried_again_the_next_working_afternoon()
    {
        // Tuesday 6 October 2026, 10:00.
        var window = NextAttemptWindow.After(Local(2026, 10, 6, 10), MondayToThursday, EveryDay(), PreferredCallTimes.None, London);

        Assert.Equal((Local(2026, 10, 7, 12), Local(2026, 10, 7, 16)), window);
    }

    [Fact]
    public void The_clinician_s_leave_moves_the_next_try_to_their_first_working_day_back()
    {
        // Tuesday 6 October 2026, 10:00; the clinician is away Wednesday 7 and Thursday 8.
        var leave = new[] { new StaffLeave { FirstDay = new DateOnly(2026, 10, 7), LastDay = new DateOnly(2026, 10, 8) } };

        var window = NextAttemptWindow.After(Local(2026, 10, 6, 10), MondayToThursday, EveryDay(), PreferredCallTimes.None, London, leave);

        Assert.Equal((Local(2026, 10, 12, 12), Local(2026, 10, 12, 16)), window);
    }

    [Fact]
    public void An_afternoon_call_on_a_Thursday_is_tried_again_on_Monday_morning_when_the_clinician_does_not_work_Fridays()
    {
        var window = NextAttemptWindow.After(Local(2026, 10, 8, 14), MondayToThursday, EveryDay(), PreferredCallTimes.None, London);

        Assert.Equal((Local(2026, 10, 12, 8), Local(2026, 10, 12, 12)), window);
    }

    [Fact]
    public void A_patient_who_asked_for_mornings_only_is_tried_in_the_morning_again()
    {
        var window = NextAttemptWindow.After(Local(2026, 10, 6, 9), MondayToThursday, EveryDay(), PreferredCallTimes.Mornings, London);

        Assert.Equal((Local(2026, 10, 7, 8), Local(2026, 10, 7, 12)), window);
    }

    [Fact]
    public void A_patient_who_asked_for_evenings_is_not_offered_a_clinician_who_has_gone_home_and_the_day_moves_on()
    {
        var lateShift = new[] { new StaffWorkingHours { Day = DayOfWeek.Thursday, Starts = new TimeOnly(12, 0), Ends = new TimeOnly(20, 0) } };

        var window = NextAttemptWindow.After(Local(2026, 10, 6, 18), lateShift, EveryDay(), PreferredCallTimes.Evenings, London);

        Assert.Equal((Local(2026, 10, 8, 17), Local(2026, 10, 8, 20)), window);
    }

    [Fact]
    public void A_site_closure_or_bank_holiday_is_skipped()
    {
        // Wednesday 7 October closed for training; Christmas Day 2026 is a Friday, Boxing Day a Saturday (the bank holiday is Monday 28th).
        var afterClosure = NextAttemptWindow.After(Local(2026, 10, 6, 10), MondayToThursday, EveryDay(new DateOnly(2026, 10, 7)), PreferredCallTimes.None, London);
        var afterChristmas = NextAttemptWindow.After(Local(2026, 12, 24, 10), MondayToThursday, EveryDay(), PreferredCallTimes.None, London);

        Assert.Equal((Local(2026, 10, 8, 12), Local(2026, 10, 8, 16)), afterClosure);
        Assert.Equal((Local(2026, 12, 29, 12), Local(2026, 12, 29, 16)), afterChristmas);
    }

    [Fact]
    public void Across_the_clock_change_the_window_keeps_its_wall_clock_hours()
    {
        // Thursday 22 October (BST) afternoon: the next try is Monday 26 October (GMT) morning, 08:00 in London = 08:00 UTC.
        var window = NextAttemptWindow.After(Local(2026, 10, 22, 14), MondayToThursday, EveryDay(), PreferredCallTimes.None, London);

        Assert.Equal((new DateTime(2026, 10, 26, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 26, 12, 0, 0, DateTimeKind.Utc)), window);
    }

    [Fact]
    public void A_clinician_with_no_working_hours_gives_no_window()
    {
        Assert.Null(NextAttemptWindow.After(Local(2026, 10, 6, 10), [], EveryDay(), PreferredCallTimes.None, London));
    }

    [Fact]
    public void Business_days_count_only_the_days_the_site_is_open()
    {
        // Tuesday 6 October 09:00 plus two business days with Wednesday closed: Friday 09:00.
        var hours = EveryDay(new DateOnly(2026, 10, 7));

        Assert.Equal(Local(2026, 10, 9, 9), hours.AddBusinessDays(Local(2026, 10, 6, 9), 2));
        Assert.Equal(Local(2026, 10, 8, 8), hours.AddBusinessDays(Local(2026, 10, 6, 6), 1));
    }

    [Fact]
    public void The_patient_is_told_when_in_words()
    {
        var today = new DateTime(2026, 10, 6);

        Assert.Equal("tomorrow afternoon", NextAttemptWindow.Describe(Local(2026, 10, 7, 12), today, London));
        Assert.Equal("Monday morning", NextAttemptWindow.Describe(Local(2026, 10, 12, 8), today, London));
    }
}
