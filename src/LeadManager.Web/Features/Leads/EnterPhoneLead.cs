using System.Security.Claims;
using LeadManager.Data.Leads;
using LeadManager.Web.Auth;
using LeadManager.Web.Configuration;
using LeadManager.Web.Features.Intake;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Leads;

/// <summary>
/// A request reception takes on the phone or at the desk. It goes through the same intake
/// handler as the public form (same validation, screening, duplicate rule, confirmation email),
/// with the consents recorded as given aloud to the signed-in receptionist.
/// </summary>
public sealed class EnterPhoneLead(CurrentStaff currentStaff, SubmitLeadRequest submit, IOptions<IntakeOptions> intake)
{
    public sealed record Result(SubmissionAccepted? Accepted, IReadOnlyList<FieldError> Errors, string? Refusal);

    public async Task<Result> EnterAsync(ClaimsPrincipal user, LeadSubmission input, LeadChannel channel, CancellationToken cancellationToken = default)
    {
        var who = await currentStaff.FindAsync(user, cancellationToken);
        if (who is not { IsFrontDesk: true })
        {
            return new Result(null, [], "Only reception and the clinic manager enter requests taken by phone or at the desk.");
        }

        if (channel is not (LeadChannel.Phone or LeadChannel.WalkIn))
        {
            return new Result(null, [new FieldError("Channel", "Say whether the patient rang or came to the desk.")], null);
        }

        input.Screened = true;
        input.PrivacyNoticeVersion = intake.Value.PrivacyNoticeVersion;
        var (accepted, errors) = await submit.SubmitAsync(input, channel, cancellationToken, enteredBy: who.Actor);
        return new Result(accepted, errors, null);
    }
}
