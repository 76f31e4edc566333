using System.Linq.Expressions;
using LeadManager.Data.Outbox;

namespace LeadManager.Data.Leads;

/// <summary>
/// Whether a request's current breach has been escalated, written once: the board and the list
/// put it in their SQL as one correlated lookup on the <c>FollowUps (LeadId, Kind)</c> index, and
/// the mark it gives goes when the request moves on (a new stage, a recorded review), just as the
/// planner re-arms the escalation then.
/// </summary>
public static class LeadEscalations
{
    /// <summary>
    /// <paramref name="step"/> is an escalation that went out for the breach <paramref name="lead"/>
    /// is in now. A closed request is waiting for nobody, so it has none.
    /// </summary>
    public static readonly Expression<Func<Lead, FollowUp, bool>> IsForCurrentBreach = BuildIsForCurrentBreach();

    /// <summary>The requests whose current breach has been escalated, for a query's <c>Where</c> (<paramref name="steps"/> is the context's <c>FollowUps</c>).</summary>
    public static Expression<Func<Lead, bool>> IsEscalated(IQueryable<FollowUp> steps)
    {
        var lead = Expression.Parameter(typeof(Lead), "lead");
        return Expression.Lambda<Func<Lead, bool>>(Expression.Call(
            typeof(Queryable), nameof(Queryable.Any), [typeof(FollowUp)], steps.Expression, StepsOf(lead)), lead);
    }

    /// <summary>
    /// Projects each row with its mark: <paramref name="selector"/> gets the latest escalation of
    /// the current breach of the row's request (<paramref name="lead"/>), or null when there is
    /// none, read in the same SQL command as the rest of the row.
    /// </summary>
    /// <remarks>
    /// The SQL is one correlated lookup of the step's id on the (LeadId, Kind) index, and a left
    /// join on that id for its kind and time: a subquery of two columns would need APPLY, which
    /// SQLite has not, and two subqueries would search the index twice per row.
    /// </remarks>
    public static IQueryable<TResult> WithEscalation<TSource, TResult>(
        this IQueryable<TSource> source,
        IQueryable<FollowUp> steps,
        Expression<Func<TSource, Lead>> lead,
        Expression<Func<TSource, EscalationMark?, TResult>> selector)
    {
        var row = lead.Parameters[0];
        Expression<Func<FollowUp, DateTime?>> completedAt = f => f.CompletedAt;
        Expression<Func<FollowUp, long?>> idOf = f => f.Id;
        var current = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(FollowUp)], steps.Expression, StepsOf(lead.Body));
        var latestFirst = Expression.Call(typeof(Queryable), nameof(Queryable.OrderByDescending), [typeof(FollowUp), typeof(DateTime?)], current, completedAt);
        var latestId = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(long?)],
            Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(FollowUp), typeof(long?)], latestFirst, idOf));

        var joined = source.GroupJoin(steps, Expression.Lambda<Func<TSource, long?>>(latestId, row), idOf,
            (from, found) => new Joined<TSource> { Row = from, Found = found });
        var pair = Expression.Parameter(typeof(Joined<TSource>), "joined");
        var step = Expression.Parameter(typeof(FollowUp), "step");
        var mark = Expression.Call(typeof(EscalationMark), nameof(EscalationMark.Of), [],
            Expression.Property(step, nameof(FollowUp.Kind)), Expression.Property(step, nameof(FollowUp.CompletedAt)));
        var body = new Substitution(selector.Parameters[1], mark)
            .Visit(new Substitution(selector.Parameters[0], Expression.Property(pair, nameof(Joined<TSource>.Row))).Visit(selector.Body));
        return joined.SelectMany(j => j.Found.DefaultIfEmpty(), Expression.Lambda<Func<Joined<TSource>, FollowUp?, TResult>>(body, pair, step));
    }

    // f => f.LeadId == lead.Id && IsForCurrentBreach(lead, f), quoted for a subquery over the steps.
    private static UnaryExpression StepsOf(Expression lead)
    {
        var step = IsForCurrentBreach.Parameters[1];
        var sameLead = Expression.Equal(
            Expression.Property(step, nameof(FollowUp.LeadId)),
            Expression.Convert(Expression.Property(lead, nameof(Lead.Id)), typeof(int?)));
        var breach = new Substitution(IsForCurrentBreach.Parameters[0], lead).Visit(IsForCurrentBreach.Body);
        return Expression.Quote(Expression.Lambda<Func<FollowUp, bool>>(Expression.AndAlso(sameLead, breach), step));
    }

    private static Expression<Func<Lead, FollowUp, bool>> BuildIsForCurrentBreach()
    {
        Expression<Func<Lead, FollowUp, bool>> review = (lead, step) =>
            step.Kind == FollowUpKinds.ReviewOverdue && step.MadeFor == lead.ReviewRequestedAt;
        Expression<Func<Lead, FollowUp, bool>> stage = (lead, step) => step.MadeFor == lead.StageStartedAt;
        // "+ 0" keeps the Status test off the (Status, DueAt) index, which holds every finished step
        // there is: without statistics (nothing runs ANALYZE) SQLite would otherwise search it for
        // each row rather than the few steps of this request on (LeadId, Kind).
        Expression<Func<Lead, FollowUp, bool>> doneAndOpen = (lead, step) =>
            (int)step.Status + 0 == (int)FollowUpStatus.Done && lead.Status != LeadStatus.Closed;
        var lead = doneAndOpen.Parameters[0];
        var step = doneAndOpen.Parameters[1];
        Expression Body(LambdaExpression part) =>
            new Substitution(part.Parameters[1], step).Visit(new Substitution(part.Parameters[0], lead).Visit(part.Body));

        // Kind IN (every escalation) stands on its own beside LeadId = lead.Id, so the lookup is a
        // seek on the (LeadId, Kind) index; the kinds go in as constants, not a parameter list.
        var kind = Expression.Property(step, nameof(FollowUp.Kind));
        var anEscalation = FollowUpKinds.Escalations.Order(StringComparer.Ordinal)
            .Select(k => (Expression)Expression.Equal(kind, Expression.Constant(k))).Aggregate(Expression.OrElse);
        var needsReview = new Substitution(LeadVisibility.NeedsClinicalReview.Parameters[0], lead).Visit(LeadVisibility.NeedsClinicalReview.Body);
        var isReview = Expression.Equal(kind, Expression.Constant(FollowUpKinds.ReviewOverdue));
        var body = Expression.AndAlso(Expression.AndAlso(Body(doneAndOpen), anEscalation), Expression.OrElse(
            Expression.AndAlso(Expression.Not(isReview), Body(stage)),
            Expression.AndAlso(Body(review), needsReview)));
        return Expression.Lambda<Func<Lead, FollowUp, bool>>(body, lead, step);
    }

    private sealed class Joined<TRow>
    {
        public TRow Row { get; init; } = default!;
        public IEnumerable<FollowUp> Found { get; init; } = [];
    }

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
