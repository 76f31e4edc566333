namespace LeadManager.Web.Email.Messages.DailyDigest;

/// <summary>
/// A clinician's morning digest on a day they work: the calls agreed for the day with their
/// times, the requests waiting for a call to be arranged, the overdue ones, and how many
/// clinical reviews are waiting that they can open. References and links only: no patient
/// names, no health details.
/// </summary>
/// <param name="CallsToday">Each with its clinic time as the note, in time order.</param>
/// <param name="ToReceptionInstead">The clinician has no email address on record, so reception gets it.</param>
public sealed record DailyDigestEmail(
    string ClinicianName,
    DateOnly Day,
    IReadOnlyList<DigestItem> CallsToday,
    IReadOnlyList<DigestItem> ToArrange,
    IReadOnlyList<DigestItem> Overdue,
    int ReviewsWaiting,
    string MyCallsUrl,
    bool ToReceptionInstead) : IEmailModel
{
    public string DayText => ClinicTimeText.Day(Day);

    public bool HasCallsToday => CallsToday.Count > 0;

    public bool HasToArrange => ToArrange.Count > 0;

    public bool HasOverdue => Overdue.Count > 0;

    public string ReviewsText => ReviewsWaiting switch
    {
        0 => "No clinical reviews are waiting.",
        1 => "1 clinical review is waiting.",
        _ => $"{ReviewsWaiting} clinical reviews are waiting.",
    };

    public string Subject =>
        $"Your day, {DayText}: {CallsToday.Count} call{(CallsToday.Count == 1 ? "" : "s")} agreed, {ToArrange.Count} to arrange, {Overdue.Count} overdue";
}
