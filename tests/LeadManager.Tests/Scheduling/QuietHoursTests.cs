using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Scheduling;

namespace LeadManager.Tests.Scheduling;

/// <summary>Quiet hours (21:00 to 08:00 clinic time by default) and the reminder rule, on both sides of the clock changes.</summary>
public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly QuietHours Default = new(new TimeOnly(21, 0), new TimeOnly(8, 0), London);

    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), London);

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(12, 20, 59, false)]
    [InlineData(12, 21, 0, true)]
    [InlineData(12, 23, 30, true)]
    [InlineData(13, 0, 0, true)]
    [InlineData(13, 7, 59, true)]
    [InlineData(13, 8, 0, false)]
    [InlineData(13, 12, 0, false)]
    public void An_evening_in_winter_is_quiet_from_nine_until_eight(int day, int hour, int minute, bool quiet)
    {
        Assert.Equal(quiet, Default.IsQuiet(Local(2026, 1, day, hour, minute)));
    }

    [Fact]
    public void In_summer_the_same_wall_clock_hours_are_quiet()
    {
        // British Summer Time: 21:00 in London is 20:00 UTC.
        Assert.False(Default.IsQuiet(Utc(2026, 7, 14, 19, 59)));
        Assert.True(Default.IsQuiet(Utc(2026, 7, 14, 20, 0)));
        Assert.True(Default.IsQuiet(Utc(2026, 7, 15, 6, 59)));
        Assert.False(Default.IsQuiet(Utc(2026, 7, 15, 7, 0)));
    }

    [Fact]
    public void The_night_the_clocks_go_forward_is_an_hour_shorter_and_ends_at_eight_summer_time()
    {
        // Saturday 28 March 2026 21:00 GMT to Sunday 29 March 08:00 BST (07:00 UTC): ten hours.
        var period = Default.Containing(Utc(2026, 3, 28, 23, 0));
        Assert.Equal((Utc(2026, 3, 28, 21, 0), Utc(2026, 3, 29, 7, 0)), period);
        Assert.Equal(Utc(2026, 3, 29, 7, 0), Default.NextAllowed(Utc(2026, 3, 29, 1, 30)));
    }

    [Fact]
    public void The_night_the_clocks_go_back_is_an_hour_longer_and_ends_at_eight_winter_time()
    {
        // Saturday 24 October 2026 21:00 BST (20:00 UTC) to Sunday 25 October 08:00 GMT: twelve hours.
        var period = Default.Containing(Utc(2026, 10, 25, 1, 30));
        Assert.Equal((Utc(2026, 10, 24, 20, 0), Utc(2026, 10, 25, 8, 0)), period);
    }

    [Fact]
    public void An_email_written_at_night_waits_for_eight_and_one_written_by_day_goes_as_written()
    {
        Assert.Equal(Local(2026, 1, 13, 8, 0), Default.NextAllowed(Local(2026, 1, 12, 22, 15)));
        Assert.Equal(Local(2026, 1, 13, 8, 0), Default.NextAllowed(Local(2026, 1, 13, 6, 0)));
        Assert.Equal(Local(2026, 1, 13, 10, 0), Default.NextAllowed(Local(2026, 1, 13, 10, 0)));
    }

    [Fact]
    public void A_moment_in_quiet_hours_moves_to_half_an_hour_before_they_began()
    {
        Assert.Equal(Local(2026, 1, 12, 20, 30), Default.LatestBefore(Local(2026, 1, 13, 6, 30)));
        Assert.Equal(Local(2026, 1, 12, 20, 30), Default.LatestBefore(Local(2026, 1, 12, 21, 10)));
        Assert.Equal(Local(2026, 1, 13, 9, 0), Default.LatestBefore(Local(2026, 1, 13, 9, 0)));
    }

    [Fact]
    public void Quiet_hours_that_do_not_cross_midnight_work_too()
    {
        var lunch = new QuietHours(new TimeOnly(13, 0), new TimeOnly(14, 0), London);
        Assert.False(lunch.IsQuiet(Local(2026, 1, 12, 12, 59)));
        Assert.True(lunch.IsQuiet(Local(2026, 1, 12, 13, 30)));
        Assert.False(lunch.IsQuiet(Local(2026, 1, 12, 14, 0)));
        Assert.Equal(TimeSpan.FromHours(1), QuietHours.Length(new TimeOnly(13, 0), new TimeOnly(14, 0)));
        Assert.Equal(TimeSpan.FromHours(11), QuietHours.Length(new TimeOnly(21, 0), new TimeOnly(8, 0)));
    }

    public static TheoryData<string, DateTime, DateTime, DateTime?> Reminders() => new()
    {
        // The rule: Workflow:ReminderBefore (2 h) before the call, or before quiet hours begin;
        // none when that is earlier than the call was agreed (plus the 2-minute grace).
        { "agreed the day before, a mid-morning call", Local(2026, 1, 13, 11, 0), Local(2026, 1, 12, 15, 0), Local(2026, 1, 13, 9, 0) },
        { "a 09:30 call: 07:30 is quiet, so the evening before", Local(2026, 1, 13, 9, 30), Local(2026, 1, 12, 15, 0), Local(2026, 1, 12, 20, 30) },
        { "agreed at 21:30 for 09:30: the evening before is before the agreement", Local(2026, 1, 13, 9, 30), Local(2026, 1, 12, 21, 30), null },
        { "agreed with an hour left", Local(2026, 1, 13, 15, 0), Local(2026, 1, 13, 14, 0), null },
        { "agreed with exactly two hours and the grace left", Local(2026, 1, 13, 15, 0), Local(2026, 1, 13, 12, 58), Local(2026, 1, 13, 13, 0) },
        { "agreed with two hours and a minute left", Local(2026, 1, 13, 15, 0), Local(2026, 1, 13, 12, 59), null },
        { "a call on the Monday after the clocks go forward", Local(2026, 3, 30, 9, 0), Local(2026, 3, 27, 12, 0), Local(2026, 3, 29, 20, 30) },
        { "a call on the Sunday the clocks go back", Local(2026, 10, 25, 12, 0), Local(2026, 10, 23, 12, 0), Local(2026, 10, 25, 10, 0) },
    };

    [Theory]
    [MemberData(nameof(Reminders))]
    public void The_reminder_goes_two_hours_before_or_before_quiet_hours_or_not_at_all(string because, DateTime callAt, DateTime agreedAt, DateTime? expected)
    {
        var options = new WorkflowOptions();
        Assert.True(expected == CallCalendarSteps.ReminderDue(callAt, agreedAt, options, Default), because);
    }
}
