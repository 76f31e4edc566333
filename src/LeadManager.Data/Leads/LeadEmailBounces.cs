using System.Linq.Expressions;
using LeadManager.Data.Outbox;

namespace LeadManager.Data.Leads;

/// <summary>
/// Whether email no longer reaches the patient of an open request, written once: the board, the
/// clinician's list and the list put it in their SQL as a correlated lookup on the outbox's
/// <c>(LeadId, Kind)</c> index, read in the same command as their rows, so staff know to phone.
/// </summary>
public static class LeadEmailBounces
{
    /// <summary>
    /// The open requests where an email to the patient's current address failed for good (refused
    /// or given up, <see cref="OutboundEmailStatus.Failed"/>) and none to that address has been
    /// sent since. An email to the patient is one to no staff member at the request's own address:
    /// reception's shared-address emails do not count, nor do emails to an address corrected since.
    /// </summary>
    /// <param name="emails">The context's <c>OutboundEmails</c> for SQL; a list's <c>AsQueryable()</c> runs the same rule in memory.</param>
    public static Expression<Func<Lead, bool>> HasBounced(IQueryable<OutboundEmail> emails) =>
        // "+ 0" keeps the Status tests off the (Status, NextAttemptAt) index, which holds every sent
        // email there is: without statistics SQLite could search it for each row instead of the
        // request's few emails on (LeadId, Kind), as LeadEscalations explains for the steps.
        lead => lead.Status != LeadStatus.Closed && emails.Any(failed =>
            failed.LeadId == lead.Id && failed.StaffMemberId == null && failed.Recipient == lead.Email
            && (int)failed.Status + 0 == (int)OutboundEmailStatus.Failed
            && !emails.Any(sent =>
                sent.LeadId == lead.Id && sent.StaffMemberId == null && sent.Recipient == lead.Email
                && (int)sent.Status + 0 == (int)OutboundEmailStatus.Sent && sent.CreatedAt > failed.CreatedAt));

    /// <summary>
    /// Projects each row with <see cref="HasBounced"/> for its request (<paramref name="lead"/>) as
    /// the selector's second argument, computed in SQL with the rest of the row.
    /// </summary>
    public static IQueryable<TResult> WithEmailBounced<TSource, TResult>(
        this IQueryable<TSource> source,
        IQueryable<OutboundEmail> emails,
        Expression<Func<TSource, Lead>> lead,
        Expression<Func<TSource, bool, TResult>> selector)
    {
        var row = lead.Parameters[0];
        var rule = HasBounced(emails);
        var bounced = new Substitution(rule.Parameters[0], lead.Body).Visit(rule.Body);
        var body = new Substitution(selector.Parameters[1], bounced)
            .Visit(new Substitution(selector.Parameters[0], row).Visit(selector.Body));
        return source.Select(Expression.Lambda<Func<TSource, TResult>>(body, row));
    }

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
