using LeadManager.Data.Leads;
using LeadManager.Web.Configuration;
using LeadManager.Web.Sites;
using LeadManager.Web.Text;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.Intake;

/// <summary>
/// What the public form page does on GET and POST, apart from rendering: the form ticket,
/// the honeypot and minimum fill time, then the shared intake path.
/// </summary>
public sealed class RequestFormHandler(
    SubmitLeadRequest submit,
    IntakeTickets tickets,
    ActiveSites activeSites,
    IOptions<IntakeOptions> options,
    TimeProvider timeProvider,
    ILogger<RequestFormHandler> logger)
{
    public const string ReceivedPath = "/request/received";
    public const string EmbedReceivedPath = "/embed/request/received";

    public sealed record State(LeadSubmission Values, IReadOnlyList<FieldError> Errors, string Ticket, IReadOnlyList<string> Sites)
    {
        public static State Empty { get; } = new(new LeadSubmission(), [], "", []);
    }

    public sealed record PostResult(string? RedirectTo, State? State, bool Forbidden = false);

    public async Task<State> NewFormAsync(IQueryCollection query, CancellationToken cancellationToken) =>
        new(new LeadSubmission
        {
            // Campaign tags from the link the patient followed, carried through the form.
            UtmSource = TextCleaning.CleanLine(query["utm_source"]),
            UtmMedium = TextCleaning.CleanLine(query["utm_medium"]),
            UtmCampaign = TextCleaning.CleanLine(query["utm_campaign"]),
        }, [], tickets.IssueFormTicket(), await activeSites.GetNamesAsync(cancellationToken));

    /// <summary>
    /// Handles a form post once: <see cref="IntakeFormPosts"/> calls it before the page does,
    /// and the page, when it renders the same post (errors to show), gets the same result.
    /// </summary>
    public async Task<PostResult> HandlePostAsync(HttpContext context, LeadChannel channel, CancellationToken cancellationToken)
    {
        if (context.Items[typeof(PostResult)] is PostResult handled)
        {
            return handled;
        }

        var result = await HandleFirstPostAsync(context, channel, cancellationToken);
        context.Items[typeof(PostResult)] = result;
        return result;
    }

    private async Task<PostResult> HandleFirstPostAsync(HttpContext context, LeadChannel channel, CancellationToken cancellationToken)
    {
        var receivedPath = channel == LeadChannel.Embed ? EmbedReceivedPath : ReceivedPath;
        if (channel == LeadChannel.Embed && !IsAllowedOrigin(context))
        {
            logger.LogWarning("Refused an embedded form post from an origin not in Intake:EmbedOrigins");
            return new PostResult(null, null, Forbidden: true);
        }

        var form = context.Request.Form;
        var values = IntakeFormReader.Read(form);

        if (!string.IsNullOrEmpty(form[IntakeFormReader.HoneypotField]))
        {
            logger.LogWarning("Discarded a {Channel} post: honeypot field filled", channel);
            return new PostResult(DiscardedReceipt(receivedPath), null);
        }

        var servedAt = tickets.ReadFormTicket(form[IntakeFormReader.TicketField]);
        if (servedAt is null)
        {
            // Likely a form left open for hours (or a page kept from an old deploy): keep
            // everything they typed and ask them to send it again.
            return new PostResult(null, new State(values,
                [new FieldError("Form", "This form was open for a long time, so we need you to send it again. Everything you typed is still here.")],
                tickets.IssueFormTicket(), await activeSites.GetNamesAsync(cancellationToken)));
        }

        if (timeProvider.GetUtcNow() - servedAt.Value < TimeSpan.FromSeconds(options.Value.MinimumFillSeconds))
        {
            logger.LogWarning("Discarded a {Channel} post: sent faster than a person can fill the form", channel);
            return new PostResult(DiscardedReceipt(receivedPath), null);
        }

        var (accepted, errors) = await submit.SubmitAsync(values, channel, cancellationToken);
        if (accepted is null)
        {
            return new PostResult(null, new State(values, errors, form[IntakeFormReader.TicketField].ToString(), await activeSites.GetNamesAsync(cancellationToken)));
        }

        return new PostResult($"{receivedPath}?t={Uri.EscapeDataString(tickets.IssueReceipt(accepted))}", null);
    }

    /// <summary>
    /// The embedded form cannot rely on the antiforgery cookie (browsers drop third-party
    /// cookies in iframes), so a browser's post must come from an allowed page: one of
    /// Intake:EmbedOrigins, or this app itself. Posts without an Origin header (not a browser)
    /// still need a valid form ticket like any other.
    /// </summary>
    private bool IsAllowedOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || options.Value.EmbedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }

    // A bot is answered as if it succeeded, so it learns nothing; nothing is stored.
    private string DiscardedReceipt(string receivedPath) =>
        $"{receivedPath}?t={Uri.EscapeDataString(tickets.IssueReceipt(new SubmissionAccepted(LeadReference.New(), TriageLevel.Routine, null, false)))}";
}
