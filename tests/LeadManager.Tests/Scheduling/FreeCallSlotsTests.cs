using LeadManager.Data.Leads;
using LeadManager.Data.Sites;
using LeadManager.Data.Staff;
using LeadManager.Web.Scheduling;

namespace LeadManager.Tests.Scheduling;

public sealed class FreeCallSlotsTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Wednesday 25 November 2026, 20:00 in London (GMT, so UTC too): tomorrow is Thursday.
    private static readonly DateTime WednesdayEvening = new(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Thursday = new(2026, 11, 26);
    private static readonly DateOnly Friday = new(2026, 11, 27);
    private static readonly DateOnly Saturday = new(2026, 11, 28);

    private static Site ASite(int id, string name, params (DayOfWeek Day, int Opens, int Closes)[] hours) => new()
    {
        Id = id,
        Name = name,
        OpeningHours = hours.Select(h => new SiteOpeningHours { SiteId = id, Day = h.Day, Opens = new TimeOnly(h.Opens, 0), Closes = new TimeOnly(h.Closes, 0) }).ToList(),
    };

    private static Site Riverside(params (DayOfWeek Day, int Opens, int Closes)[] hours) => ASite(1, "Riverside", hours);

    private static StaffMember AClinician(Site[] sites, int callLength, params (DayOfWeek Day, int From, int To)[] hours) => new()
    {
        Id = 7,
        DisplayName = "Priya Shah",
        CallLengthMinutes = callLength,
        Sites = sites.ToList(),
        WorkingHours = hours.Select(h => new StaffWorkingHours { Day = h.Day, Starts = new TimeOnly(h.From, 0), Ends = new TimeOnly(h.To, 0) }).ToList(),
    };

    private static IReadOnlyList<FreeCallSlot> Find(
        StaffMember clinician,
        DateTime nowUtc,
        int? preferredSiteId = null,
        PreferredCallTimes preferred = PreferredCallTimes.None,
        DateTime[]? calls = null,
        int days = FreeCallSlots.DefaultDays,
        int limit = 100) =>
        FreeCallSlots.Find(clinician, preferredSiteId, preferred, calls ?? [], nowUtc, London, days, limit);

    private static DateTime At(DateOnly day, int hour, int minute = 0) => day.ToDateTime(new TimeOnly(hour, minute));

    [Fact]
    public void Slots_lie_within_both_the_clinician_s_hours_and_the_site_s_hours_on_the_call_length_grid()
    {
        var clinician = AClinician([Riverside((DayOfWeek.Thursday, 9, 17))], callLength: 30, (DayOfWeek.Thursday, 8, 16));

        var slots = Find(clinician, WednesdayEvening);

        Assert.Equal(14, slots.Count);
        Assert.Equal(At(Thursday, 9), slots[0].Start);
        Assert.Equal(At(Thursday, 9, 30), slots[1].Start);
        Assert.Equal(At(Thursday, 15, 30), slots[^1].Start);
    }

    [Fact]
    public void A_day_the_clinician_does_not_work_or_the_site_is_shut_has_no_slots()
    {
        var clinician = AClinician([Riverside((DayOfWeek.Friday, 8, 20))], callLength: 15, (DayOfWeek.Thursday, 8, 16));

        Assert.Empty(Find(clinician, WednesdayEvening));
    }

    [Fact]
    public void A_day_of_the_clinician_s_leave_has_no_slots()
    {
        var site = Riverside((DayOfWeek.Thursday, 8, 20), (DayOfWeek.Friday, 8, 20));
        var clinician = AClinician([site], callLength: 15, (DayOfWeek.Thursday, 8, 16), (DayOfWeek.Friday, 8, 16));
        clinician.Leave.Add(new StaffLeave { StaffMemberId = 7, FirstDay = Thursday, LastDay = Thursday });

        var slots = Find(clinician, WednesdayEvening);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal(Friday, DateOnly.FromDateTime(s.Start)));
    }

    [Fact]
    public void A_clinician_on_leave_for_the_whole_window_offers_no_slots()
    {
        var clinician = AClinician([Riverside((DayOfWeek.Thursday, 8, 20), (DayOfWeek.Friday, 8, 20))], callLength: 15, (DayOfWeek.Thursday, 8, 16), (DayOfWeek.Friday, 8, 16));
        clinician.Leave.Add(new StaffLeave { StaffMemberId = 7, FirstDay = Thursday.AddDays(-3), LastDay = Thursday.AddDays(14) });

        Assert.Empty(Find(clinician, WednesdayEvening));
    }

    [Fact]
    public void A_site_closure_day_is_skipped()
    {
        var site = Riverside((DayOfWeek.Thursday, 8, 20), (DayOfWeek.Friday, 8, 20));
        site.Closures.Add(new SiteClosure { SiteId = 1, FirstDay = Thursday, LastDay = Thursday, Reason = "Training day" });
        var clinician = AClinician([site], callLength: 15, (DayOfWeek.Thursday, 8, 16), (DayOfWeek.Friday, 8, 16));

        var slots = Find(clinician, WednesdayEvening);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal(Friday, DateOnly.FromDateTime(s.Start)));
    }

    [Fact]
    public void Only_the_preferred_site_s_hours_count_when_the_clinician_works_there()
    {
        var riverside = ASite(1, "Riverside", (DayOfWeek.Thursday, 8, 12));
        var townCentre = ASite(2, "Town Centre", (DayOfWeek.Thursday, 12, 16));
        var clinician = AClinician([riverside, townCentre], callLength: 60, (DayOfWeek.Thursday, 8, 16));

        Assert.Equal([8, 9, 10, 11], Find(clinician, WednesdayEvening, preferredSiteId: 1).Select(s => s.Start.Hour));
        Assert.Equal([12, 13, 14, 15], Find(clinician, WednesdayEvening, preferredSiteId: 2).Select(s => s.Start.Hour));
    }

    [Fact]
    public void Any_of_the_clinician_s_active_sites_count_when_the_lead_prefers_a_site_they_do_not_work_at()
    {
        var riverside = ASite(1, "Riverside", (DayOfWeek.Thursday, 8, 12));
        var townCentre = ASite(2, "Town Centre", (DayOfWeek.Thursday, 12, 16));
        var closedDown = ASite(3, "Old Mill", (DayOfWeek.Friday, 8, 16));
        closedDown.IsActive = false;
        var clinician = AClinician([riverside, townCentre, closedDown], callLength: 60, (DayOfWeek.Thursday, 8, 16), (DayOfWeek.Friday, 8, 16));

        Assert.Equal([8, 9, 10, 11, 12, 13, 14, 15], Find(clinician, WednesdayEvening, preferredSiteId: 99).Select(s => s.Start.Hour));
    }

    [Fact]
    public void An_existing_call_blocks_its_slot_and_an_off_grid_call_blocks_both_slots_it_overlaps()
    {
        var clinician = AClinician([Riverside((DayOfWeek.Thursday, 9, 11))], callLength: 15, (DayOfWeek.Thursday, 9, 11));
        var onGrid = At(Thursday, 9, 15); // GMT: clinic time is UTC
        var offGrid = At(Thursday, 10, 5);

        var starts = Find(clinician, WednesdayEvening, calls: [onGrid, offGrid]).Select(s => s.Start.TimeOfDay.ToString(@"hh\:mm")).ToList();

        Assert.Equal(["09:00", "09:30", "09:45", "10:30", "10:45"], starts);
    }

    [Theory]
    [InlineData(10, 7, "10:15")] // 10:12 at the earliest, so the next 15-minute slot
    [InlineData(10, 10, "10:15")] // exactly five minutes' notice
    [InlineData(10, 11, "10:30")]
    public void Slots_start_at_least_five_minutes_from_now_on_the_grid(int hour, int minute, string firstSlot)
    {
        var clinician = AClinician([Riverside((DayOfWeek.Thursday, 8, 20))], callLength: 15, (DayOfWeek.Thursday, 8, 16));
        var now = DateTime.SpecifyKind(At(Thursday, hour, minute), DateTimeKind.Utc);

        var slots = Find(clinician, now);

        Assert.Equal(firstSlot, slots[0].Start.TimeOfDay.ToString(@"hh\:mm"));
        Assert.All(slots, s => Assert.True(s.StartUtc >= now.AddMinutes(5)));
    }

    [Fact]
    public void Slots_in_the_patient_s_preferred_times_come_first_then_the_rest_each_in_time_order()
    {
        var clinician = AClinician([Riverside((DayOfWeek.Thursday, 8, 20), (DayOfWeek.Friday, 8, 20))], callLength: 60,
            (DayOfWeek.Thursday, 10, 14), (DayOfWeek.Friday, 10, 14));

        var slots = Find(clinician, WednesdayEvening, preferred: PreferredCallTimes.Afternoons);

        Assert.Equal(
            [At(Thursday, 12), At(Thursday, 13), At(Friday, 12), At(Friday, 13), At(Thursday, 10), At(Thursday, 11), At(Friday, 10), At(Friday, 11)],
            slots.Select(s => s.Start));
        Assert.Equal([true, true, true, true, false, false, false, false], slots.Select(s => s.MatchesPreferredTimes));
    }

    [Fact]
    public void A_patient_who_prefers_Saturday_sees_Saturday_slots_first()
    {
        var townCentre = ASite(2, "Town Centre", (DayOfWeek.Friday, 9, 17), (DayOfWeek.Saturday, 9, 13));
        var clinician = AClinician([townCentre], callLength: 60, (DayOfWeek.Friday, 9, 11), (DayOfWeek.Saturday, 9, 11));

        var slots = Find(clinician, WednesdayEvening, preferred: PreferredCallTimes.Saturday);

        Assert.Equal([At(Saturday, 9), At(Saturday, 10), At(Friday, 9), At(Friday, 10)], slots.Select(s => s.Start));
    }

    [Fact]
    public void With_no_preference_every_slot_counts_as_preferred_in_time_order()
    {
        var clinician = AClinician([Riverside((DayOfWeek.Thursday, 8, 20), (DayOfWeek.Friday, 8, 20))], callLength: 60,
            (DayOfWeek.Thursday, 10, 12), (DayOfWeek.Friday, 10, 12));

        var slots = Find(clinician, WednesdayEvening);

        Assert.Equal([At(Thursday, 10), At(Thursday, 11), At(Friday, 10), At(Friday, 11)], slots.Select(s => s.Start));
        Assert.All(slots, s => Assert.True(s.MatchesPreferredTimes));
    }

    [Theory]
    [InlineData(PreferredCallTimes.Mornings, 11, 59, true)]
    [InlineData(PreferredCallTimes.Mornings, 12, 0, false)]
    [InlineData(PreferredCallTimes.Afternoons, 12, 0, true)]
    [InlineData(PreferredCallTimes.Afternoons, 16, 59, true)]
    [InlineData(PreferredCallTimes.Afternoons, 17, 0, false)]
    [InlineData(PreferredCallTimes.Evenings, 17, 0, true)]
    [InlineData(PreferredCallTimes.Mornings | PreferredCallTimes.Evenings, 18, 0, true)]
    [InlineData(PreferredCallTimes.Weekdays, 9, 0, true)] // Thursday, any time
    [InlineData(PreferredCallTimes.Saturday, 9, 0, false)]
    [InlineData(PreferredCallTimes.Mornings | PreferredCallTimes.Weekdays, 14, 0, false)]
    public void Preferred_times_follow_parts_of_the_day_and_days_of_the_week(PreferredCallTimes preferred, int hour, int minute, bool matches) =>
        Assert.Equal(matches, FreeCallSlots.MatchesPreferredTimes(At(Thursday, hour, minute), preferred));

    [Fact]
    public void Weekdays_do_not_include_Saturday_and_Saturday_does_not_include_weekdays()
    {
        Assert.False(FreeCallSlots.MatchesPreferredTimes(At(Saturday, 10), PreferredCallTimes.Weekdays));
        Assert.True(FreeCallSlots.MatchesPreferredTimes(At(Saturday, 10), PreferredCallTimes.Saturday | PreferredCallTimes.Mornings));
        Assert.False(FreeCallSlots.MatchesPreferredTimes(At(Saturday.AddDays(1), 10), PreferredCallTimes.Weekdays | PreferredCallTimes.Saturday));
    }

    [Fact]
    public void The_list_is_capped_and_only_covers_the_next_days_asked_for()
    {
        var clinician = AClinician([Riverside((DayOfWeek.Thursday, 8, 20), (DayOfWeek.Friday, 8, 20))], callLength: 15,
            (DayOfWeek.Thursday, 8, 16), (DayOfWeek.Friday, 8, 16));

        Assert.Equal(FreeCallSlots.DefaultLimit, FreeCallSlots.Find(clinician, null, PreferredCallTimes.None, [], WednesdayEvening, London).Count);
        Assert.Empty(Find(clinician, WednesdayEvening, days: 1)); // only Wednesday, and it's not a working day
    }

    [Fact]
    public void On_the_spring_clock_change_day_the_skipped_hour_is_not_offered_and_times_convert_either_side()
    {
        // Sunday 29 March 2026: at 01:00 GMT the clocks go forward to 02:00 BST.
        var sunday = new DateOnly(2026, 3, 29);
        var clinician = AClinician([Riverside((DayOfWeek.Sunday, 0, 4))], callLength: 30, (DayOfWeek.Sunday, 0, 4));
        var saturdayNoon = new DateTime(2026, 3, 28, 12, 0, 0, DateTimeKind.Utc);

        var slots = Find(clinician, saturdayNoon);

        Assert.Equal([At(sunday, 0), At(sunday, 0, 30), At(sunday, 2), At(sunday, 2, 30), At(sunday, 3), At(sunday, 3, 30)], slots.Select(s => s.Start));
        Assert.Equal(new DateTime(2026, 3, 29, 0, 30, 0, DateTimeKind.Utc), slots[1].StartUtc);
        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), slots[2].StartUtc);
    }

    [Fact]
    public void After_the_spring_clock_change_a_call_stored_in_UTC_blocks_the_clinic_time_slot_an_hour_later()
    {
        var sunday = new DateOnly(2026, 3, 29);
        var clinician = AClinician([Riverside((DayOfWeek.Sunday, 8, 12))], callLength: 60, (DayOfWeek.Sunday, 8, 12));
        var callAt0900Utc = new DateTime(2026, 3, 29, 9, 0, 0, DateTimeKind.Utc); // 10:00 BST

        var slots = Find(clinician, new DateTime(2026, 3, 28, 12, 0, 0, DateTimeKind.Utc), calls: [callAt0900Utc]);

        Assert.Equal([At(sunday, 8), At(sunday, 9), At(sunday, 11)], slots.Select(s => s.Start));
        Assert.Equal(new DateTime(2026, 3, 29, 7, 0, 0, DateTimeKind.Utc), slots[0].StartUtc);
    }
}
