using System.Linq.Expressions;

namespace LeadManager.Data.Leads;

/// <summary>
/// Who sees a lead's health details, written once. Queries put these expressions in their
/// <c>Where</c>, so the rule runs in SQL; <see cref="Lead.NeedsClinicalReview"/> and
/// <see cref="Lead.IsVisibleTo"/> run the same expressions compiled (once), so a list, a
/// page and a permission check cannot disagree.
/// </summary>
public static class LeadVisibility
{
    /// <summary>Red-flag triage that no clinician has reviewed yet, whatever the lead's status.</summary>
    public static readonly Expression<Func<Lead, bool>> NeedsClinicalReview =
        lead => (lead.Triage == TriageLevel.ReviewFirst || lead.Triage == TriageLevel.Emergency) && lead.ClinicallyReviewedAt == null;

    // Front desk works every lead. A clinician sees the leads assigned to them, and any open
    // red-flagged lead nobody has reviewed yet (any clinician may review one). Once such a lead
    // is closed (spam, a duplicate, cancelled) nobody needs to review it, so its health details
    // stay with whoever it was assigned to.
    private static readonly Expression<Func<Lead, int, bool, bool, bool, bool>> SeesGivenNeedsReview =
        (lead, staffMemberId, isFrontDesk, isClinician, needsReview) =>
            isFrontDesk || (isClinician && (lead.AssignedClinicianId == staffMemberId || (needsReview && lead.Status != LeadStatus.Closed)));

    private static readonly Expression<Func<Lead, int, bool, bool, bool>> Sees =
        InlineNeedsClinicalReview<Func<Lead, int, bool, bool, bool>>(SeesGivenNeedsReview);

    private static readonly Func<Lead, bool> NeedsClinicalReviewCompiled = NeedsClinicalReview.Compile();
    private static readonly Func<Lead, int, bool, bool, bool> SeesCompiled = Sees.Compile();

    /// <summary>The leads this staff member may open, for a query's <c>Where</c>.</summary>
    public static Expression<Func<Lead, bool>> VisibleTo(int staffMemberId, bool isFrontDesk, bool isClinician)
    {
        // The roles go in as constants, so EF drops what does not apply (front desk: no
        // WHERE at all); the staff member goes in as a SQL parameter, so one plan serves everyone.
        Expression<Func<int>> staffMember = () => staffMemberId;
        var lead = Sees.Parameters[0];
        var body = Substitute(Sees.Body, new Dictionary<ParameterExpression, Expression>
        {
            [Sees.Parameters[1]] = staffMember.Body,
            [Sees.Parameters[2]] = Expression.Constant(isFrontDesk),
            [Sees.Parameters[3]] = Expression.Constant(isClinician),
        });
        return Expression.Lambda<Func<Lead, bool>>(body, lead);
    }

    /// <summary>What a clinician sees as a clinician (their own workspace), whatever other role they have.</summary>
    public static Expression<Func<Lead, bool>> VisibleToClinician(int clinicianId) =>
        VisibleTo(clinicianId, isFrontDesk: false, isClinician: true);

    /// <summary>
    /// A projection that needs <see cref="NeedsClinicalReview"/> as a column: the selector gets
    /// it as its second argument, and the rule is computed in SQL with the rest of the row.
    /// </summary>
    public static Expression<Func<Lead, T>> WithNeedsClinicalReview<T>(Expression<Func<Lead, bool, T>> selector) =>
        InlineNeedsClinicalReview<Func<Lead, T>>(selector);

    internal static bool NeedsReview(Lead lead) => NeedsClinicalReviewCompiled(lead);

    internal static bool IsVisible(Lead lead, int staffMemberId, bool isFrontDesk, bool isClinician) =>
        SeesCompiled(lead, staffMemberId, isFrontDesk, isClinician);

    /// <summary>Drops the selector's last parameter (a bool), putting the rule on its first (the lead) in its place.</summary>
    private static Expression<TResult> InlineNeedsClinicalReview<TResult>(LambdaExpression selector)
    {
        var lead = selector.Parameters[0];
        var needsReview = Substitute(NeedsClinicalReview.Body, new Dictionary<ParameterExpression, Expression> { [NeedsClinicalReview.Parameters[0]] = lead });
        var body = Substitute(selector.Body, new Dictionary<ParameterExpression, Expression> { [selector.Parameters[^1]] = needsReview });
        return Expression.Lambda<TResult>(body, selector.Parameters.SkipLast(1));
    }

    private static Expression Substitute(Expression body, IReadOnlyDictionary<ParameterExpression, Expression> replacements) =>
        new ParameterSubstitution(replacements).Visit(body);

    private sealed class ParameterSubstitution(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
