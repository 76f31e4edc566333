using LeadManager.Data.Leads;
using LeadManager.Web.Features.Intake;

namespace LeadManager.Tests.Intake;

public sealed class RedFlagScreeningTests
{
    public static TheoryData<RedFlags> EmergencyFlags() =>
        [.. RedFlagScreening.Questions.Where(q => q.Level == RedFlagLevel.SeekUrgentCareNow).Select(q => q.Flag)];

    public static TheoryData<RedFlags> ReviewFlags() =>
        [.. RedFlagScreening.Questions.Where(q => q.Level == RedFlagLevel.ClinicianReviewsFirst).Select(q => q.Flag)];

    [Theory]
    [MemberData(nameof(EmergencyFlags))]
    public void Each_urgent_symptom_means_seek_urgent_care_now(RedFlags flag) =>
        Assert.Equal(TriageLevel.Emergency, RedFlagScreening.Screen(true, flag));

    [Theory]
    [MemberData(nameof(ReviewFlags))]
    public void Each_review_symptom_means_a_clinician_reviews_first(RedFlags flag) =>
        Assert.Equal(TriageLevel.ReviewFirst, RedFlagScreening.Screen(true, flag));

    [Fact]
    public void Urgent_outranks_review() =>
        Assert.Equal(TriageLevel.Emergency, RedFlagScreening.Screen(true, RedFlags.ConstantNightPain | RedFlags.FeverWithStiffNeckOrRash));

    [Fact]
    public void No_flags_is_routine_and_not_asked_is_not_screened()
    {
        Assert.Equal(TriageLevel.Routine, RedFlagScreening.Screen(true, RedFlags.None));
        Assert.Equal(TriageLevel.NotScreened, RedFlagScreening.Screen(false, RedFlags.None));
    }

    [Fact]
    public void The_list_covers_both_levels_with_the_issue_s_symptoms_and_unique_keys()
    {
        Assert.Equal(4, RedFlagScreening.Questions.Count(q => q.Level == RedFlagLevel.SeekUrgentCareNow));
        Assert.Equal(5, RedFlagScreening.Questions.Count(q => q.Level == RedFlagLevel.ClinicianReviewsFirst));
        Assert.Equal(RedFlagScreening.Questions.Count, RedFlagScreening.Questions.Select(q => q.Key).Distinct().Count());
        Assert.Equal(RedFlagScreening.Questions.Count, RedFlagScreening.Questions.Select(q => q.Flag).Distinct().Count());
    }
}
