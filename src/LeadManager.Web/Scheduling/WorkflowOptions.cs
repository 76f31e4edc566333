using Microsoft.Extensions.Options;

namespace LeadManager.Web.Scheduling;

/// <summary>
/// The workflow's timings. Read through <see cref="IOptionsMonitor{TOptions}"/> each time a step
/// is planned or run, never kept from start-up, so a change to the configuration (and later the
/// manager's settings page) applies to the next step. "Business time" is the site's opening hours
/// (<see cref="BusinessHours"/>).
/// </summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>A new request should be assigned within this much business time; then reception is told.</summary>
    public TimeSpan AssignWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Still unassigned this much business time after reception was told: the admins are told too.</summary>
    public TimeSpan EscalateToManagerAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>An assigned request should get its first call (or an agreed call time) within this much business time of being assigned.</summary>
    public TimeSpan FirstContactWithin { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After an unanswered call, the next attempt is due within this much business time.</summary>
    public TimeSpan RetryCallWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The unanswered call that reaches this many attempts plans the kind close (Workflow:CloseAfterLastAttempt later).</summary>
    public int MaxCallAttempts { get; set; } = 3;

    /// <summary>Business days (days the request's site is open) after the last unanswered attempt before the request is closed as no response, with a kind email.</summary>
    public int CloseAfterLastAttempt { get; set; } = 2;

    /// <summary>An agreed call time passed by this much (clock time) with nothing recorded: the clinician and reception are told.</summary>
    public TimeSpan MissedCallGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A red-flagged request should have a clinical review within this much business time.</summary>
    public TimeSpan ReviewWithin { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Clinic time of the clinicians' daily digest, on the days they work.</summary>
    public TimeOnly DigestAt { get; set; } = new(8, 0);

    /// <summary>The patient's reminder goes this long before the agreed call; a call agreed with less than this left gets none.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How long an invite or a cancellation about an agreed call waits before it goes, so a call
    /// moved twice in a minute sends one invite with the final time, and a call agreed and
    /// cancelled within it sends nothing.
    /// </summary>
    public TimeSpan PatientEmailGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Clinic time from which no email goes to a patient (their own request's confirmation and answers to what they did themselves excepted) ...</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);

    /// <summary>... until this clinic time the next morning: what was held goes then.</summary>
    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);

    /// <summary>A step or email this late (clock time) means the job server has stalled: /health says Degraded and admins see a banner.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether "Send the patient an email" starts ticked when a call ends in a booked assessment (when, where, what to bring).</summary>
    public bool EmailPatientOnBookedAssessment { get; set; } = true;

    /// <summary>Whether the tick starts ticked for "not suitable" (kind words and where to turn if things get worse; never the reason). Always unticked when the request was made for someone else.</summary>
    public bool EmailPatientOnNotSuitable { get; set; } = true;

    /// <summary>As <see cref="EmailPatientOnNotSuitable"/>, for "referred elsewhere": the email never names where to, or why.</summary>
    public bool EmailPatientOnReferredElsewhere { get; set; } = true;

    /// <summary>Whether the tick starts ticked for "not interested" (a short thank-you).</summary>
    public bool EmailPatientOnNotInterested { get; set; }

    /// <summary>Whether the tick starts ticked when a request is closed as "no response" (we tried several times; ask again any time).</summary>
    public bool EmailPatientOnNoResponse { get; set; } = true;

    /// <summary>
    /// Whether the booked-assessment email carries a calendar invite for the assessment. Off by
    /// default: the practice-management system usually owns that appointment and sends its own.
    /// </summary>
    public bool AssessmentInvite { get; set; }

    /// <summary>How long the assessment's calendar invite lasts (<see cref="AssessmentInvite"/>).</summary>
    public TimeSpan AssessmentLength { get; set; } = TimeSpan.FromMinutes(45);

    /// <summary>The booked-assessment email's "please bring" line; empty leaves it out. Plain text, the same for everyone: never about the patient's health.</summary>
    public string AssessmentWhatToBring { get; set; } = "Comfortable clothing that lets the physiotherapist see the area, and a list of any medicines you take.";
}

internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var errors = new List<string>();
        Between(errors, nameof(options.AssignWithin), options.AssignWithin, TimeSpan.FromMinutes(1), Week, "of business time");
        Between(errors, nameof(options.EscalateToManagerAfter), options.EscalateToManagerAfter, TimeSpan.FromMinutes(1), Week, "of business time");
        Between(errors, nameof(options.FirstContactWithin), options.FirstContactWithin, TimeSpan.FromMinutes(1), Week, "of business time");
        Between(errors, nameof(options.RetryCallWithin), options.RetryCallWithin, TimeSpan.FromMinutes(1), Week, "of business time");
        if (options.MaxCallAttempts is < 1 or > 10)
        {
            errors.Add($"{WorkflowOptions.Section}:{nameof(options.MaxCallAttempts)} is {options.MaxCallAttempts}; give a number of unanswered calls from 1 to 10.");
        }

        if (options.CloseAfterLastAttempt is < 1 or > 20)
        {
            errors.Add($"{WorkflowOptions.Section}:{nameof(options.CloseAfterLastAttempt)} is {options.CloseAfterLastAttempt}; give a number of business days from 1 to 20.");
        }

        Between(errors, nameof(options.MissedCallGrace), options.MissedCallGrace, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), "after the agreed call time");
        Between(errors, nameof(options.ReviewWithin), options.ReviewWithin, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), "of business time");
        Between(errors, nameof(options.LateAfter), options.LateAfter, TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), "");
        Between(errors, nameof(options.ReminderBefore), options.ReminderBefore, TimeSpan.FromMinutes(15), TimeSpan.FromDays(2), "before the call");
        Between(errors, nameof(options.PatientEmailGrace), options.PatientEmailGrace, TimeSpan.Zero, TimeSpan.FromMinutes(30), "");
        if (options.QuietHoursStart == options.QuietHoursEnd)
        {
            errors.Add($"{WorkflowOptions.Section}:{nameof(options.QuietHoursStart)} and {nameof(options.QuietHoursEnd)} are both {options.QuietHoursStart:HH:mm}; give the clinic time quiet hours begin (e.g. 21:00) and the time they end (e.g. 08:00).");
        }
        else if (QuietHours.Length(options.QuietHoursStart, options.QuietHoursEnd) > TimeSpan.FromHours(16))
        {
            errors.Add($"Quiet hours from {WorkflowOptions.Section}:{nameof(options.QuietHoursStart)} {options.QuietHoursStart:HH:mm} to {WorkflowOptions.Section}:{nameof(options.QuietHoursEnd)} {options.QuietHoursEnd:HH:mm} leave less than 8 hours a day to email patients; check the two times are not swapped.");
        }
        Between(errors, nameof(options.AssessmentLength), options.AssessmentLength, TimeSpan.FromMinutes(10), TimeSpan.FromHours(4), "");
        if (options.AssessmentWhatToBring is null || options.AssessmentWhatToBring.Length > 500 || options.AssessmentWhatToBring.Any(char.IsControl))
        {
            errors.Add($"{WorkflowOptions.Section}:{nameof(options.AssessmentWhatToBring)} must be one line of at most 500 characters (empty leaves the line out of the booked-assessment email).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Between(List<string> errors, string option, TimeSpan value, TimeSpan least, TimeSpan most, string unit)
    {
        if (value < least || value > most)
        {
            errors.Add($"{WorkflowOptions.Section}:{option} is {value}; give a time between {least:c} and {most:c} (d.hh:mm:ss{(unit.Length > 0 ? " " + unit : "")}).");
        }
    }
}
