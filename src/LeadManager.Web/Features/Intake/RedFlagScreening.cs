using LeadManager.Data.Leads;

namespace LeadManager.Web.Features.Intake;

public enum RedFlagLevel
{
    /// <summary>Advise urgent care now (999, A&amp;E, NHS 111 if unsure).</summary>
    SeekUrgentCareNow,

    /// <summary>A clinician reviews the answers before anything is booked.</summary>
    ClinicianReviewsFirst,
}

public sealed record RedFlagQuestion(RedFlags Flag, string Key, RedFlagLevel Level, string Question);

/// <summary>
/// The red-flag screening questions and what each answer means, in one place. Sources:
/// NICE CG150 "Headaches in over 12s" (referral for thunderclap headache, neurological
/// deficit, fever with neck stiffness or rash); the IFOMPT International Framework for
/// Examination of the Cervical Region (2020: cervical arterial dysfunction and upper
/// cervical instability signs: dizziness, drop attacks, diplopia, dysarthria, dysphagia);
/// NICE CKS "Neck pain - non-specific" and "Sciatica/low back pain" red flags (cauda
/// equina: bladder/bowel change, saddle numbness; malignancy: weight loss, cancer history,
/// night pain; trauma). Wording is plain English for patients; a clinician owns the list.
/// </summary>
public static class RedFlagScreening
{
    public static readonly IReadOnlyList<RedFlagQuestion> Questions =
    [
        new(RedFlags.SuddenSevereHeadache, "sudden-severe-headache", RedFlagLevel.SeekUrgentCareNow,
            "A sudden, severe headache: the worst you have ever had"),
        new(RedFlags.NeurologicalDeficit, "weakness-face-speech-vision-swallowing", RedFlagLevel.SeekUrgentCareNow,
            "New weakness in an arm or leg, a drooping face, slurred speech, double vision or trouble swallowing"),
        new(RedFlags.BladderBowelOrSaddleNumbness, "bladder-bowel-saddle", RedFlagLevel.SeekUrgentCareNow,
            "Loss of control of your bladder or bowels, or numbness around your groin, bottom or genitals"),
        new(RedFlags.FeverWithStiffNeckOrRash, "fever-stiff-neck-rash", RedFlagLevel.SeekUrgentCareNow,
            "A fever with a stiff neck or a rash"),
        new(RedFlags.NewNumbnessOrPinsAndNeedles, "numbness-pins-and-needles", RedFlagLevel.ClinicianReviewsFirst,
            "New numbness or pins and needles in your arms or legs"),
        new(RedFlags.DizzinessBlackoutsOrDropAttacks, "dizziness-blackouts", RedFlagLevel.ClinicianReviewsFirst,
            "Dizziness, blackouts or sudden falls without losing consciousness (drop attacks)"),
        new(RedFlags.RecentFallOrBlow, "recent-fall-or-blow", RedFlagLevel.ClinicianReviewsFirst,
            "A recent fall, accident or blow to your head or neck"),
        new(RedFlags.WeightLossOrCancerHistory, "weight-loss-or-cancer", RedFlagLevel.ClinicianReviewsFirst,
            "Weight loss you can't explain, or a history of cancer"),
        new(RedFlags.ConstantNightPain, "constant-night-pain", RedFlagLevel.ClinicianReviewsFirst,
            "Constant pain at night that nothing eases"),
    ];

    /// <summary>Triage from the answers. A form that did not ask the questions is NotScreened, never Routine.</summary>
    public static TriageLevel Screen(bool screened, RedFlags answeredYes)
    {
        if (!screened)
        {
            return TriageLevel.NotScreened;
        }

        if (Questions.Any(q => q.Level == RedFlagLevel.SeekUrgentCareNow && answeredYes.HasFlag(q.Flag)))
        {
            return TriageLevel.Emergency;
        }

        return Questions.Any(q => q.Level == RedFlagLevel.ClinicianReviewsFirst && answeredYes.HasFlag(q.Flag))
            ? TriageLevel.ReviewFirst
            : TriageLevel.Routine;
    }

    public static RedFlagQuestion? FindByKey(string key) =>
        Questions.FirstOrDefault(q => string.Equals(q.Key, key, StringComparison.OrdinalIgnoreCase));
}
