using System.Linq.Expressions;
using Hotline95.Core.Calendar;
using Hotline95.Core.Common;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Complaints;

public enum DeadlineState
{
    OnTrack,
    AtRisk,
    Overdue,
    Met,
}

/// <summary>
/// The one place complaint deadlines are computed. Deadlines run on: they do not pause. The rules that say which
/// deadline is next and whether it is missed or near are written once as expressions: the database filters and sorts
/// the queues by them (so a page and its total agree), and memory runs them compiled for a single complaint.
/// </summary>
public sealed class ComplaintDeadlines(WorkdayCalendar calendar, IOptions<ComplaintPolicyOptions> options)
{
    /// <summary>Open, and a deadline not yet met has passed.</summary>
    private static readonly Expression<Func<Complaint, DateTimeOffset, bool>> OverdueRule =
        (c, now) => c.Status != ComplaintStatus.Resolved && (c.ResolveBy < now || (c.RespondedAt == null && c.RespondBy < now));

    /// <summary>Open, and a deadline not yet met falls at or before the horizon.</summary>
    private static readonly Expression<Func<Complaint, DateTimeOffset, bool>> DueByRule =
        (c, horizon) => c.Status != ComplaintStatus.Resolved && (c.ResolveBy <= horizon || (c.RespondedAt == null && c.RespondBy <= horizon));

    /// <summary>The deadline that matters while open: the response until responded (when it comes first), then the resolution.</summary>
    private static readonly Expression<Func<Complaint, DateTimeOffset>> OpenDeadlineRule =
        c => c.RespondedAt == null && c.RespondBy < c.ResolveBy ? c.RespondBy : c.ResolveBy;

    private static readonly Func<Complaint, DateTimeOffset, bool> IsOverdue = OverdueRule.Compile();
    private static readonly Func<Complaint, DateTimeOffset, bool> IsDueBy = DueByRule.Compile();
    private static readonly Func<Complaint, DateTimeOffset> OpenDeadline = OpenDeadlineRule.Compile();

    public ComplaintPolicyOptions Policy => options.Value;

    /// <summary>First response: clock time after receipt.</summary>
    public DateTimeOffset RespondBy(DateTimeOffset receivedAt) => receivedAt + TimeSpan.FromHours(Policy.ResponseHours);

    /// <summary>
    /// Resolution: the end (23:59:59 Asia/Shanghai) of the Nth working day after the day of receipt; estimated when a day
    /// counted lies in a year without a holiday notice.
    /// </summary>
    public CalendarInstant ResolveBy(DateTimeOffset receivedAt) => calendar.EndOfNthWorkdayAfter(receivedAt, Policy.ResolutionWorkingDays);

    /// <summary>True when the deadline that matters now depends on an estimated day.</summary>
    public static bool NextDeadlineEstimated(Complaint c) =>
        c.Status != ComplaintStatus.Resolved && c.ResolveByEstimated && NextDeadline(c) == c.ResolveBy;

    /// <summary>The deadline that matters now: the response until responded, then the resolution.</summary>
    public static DateTimeOffset? NextDeadline(Complaint c) => c.Status == ComplaintStatus.Resolved ? null : OpenDeadline(c);

    /// <summary>Sorts open complaints by <see cref="NextDeadline"/> in the database.</summary>
    public static Expression<Func<Complaint, DateTimeOffset>> NextOpenDeadline => OpenDeadlineRule;

    public DeadlineState StateOf(Complaint c, DateTimeOffset now) =>
        c.Status == ComplaintStatus.Resolved ? DeadlineState.Met
        : IsOverdue(c, now) ? DeadlineState.Overdue
        : IsDueBy(c, now + Policy.WarningWindow) ? DeadlineState.AtRisk
        : DeadlineState.OnTrack;

    /// <summary>The complaints <see cref="StateOf"/> calls overdue at <paramref name="now"/>, as a query filter.</summary>
    public static Expression<Func<Complaint, bool>> OverdueAt(DateTimeOffset now) => Rules.Bind(OverdueRule, now);

    /// <summary>The complaints <see cref="StateOf"/> calls overdue or at risk at <paramref name="now"/>, as a query filter.</summary>
    public Expression<Func<Complaint, bool>> UrgentAt(DateTimeOffset now) => Rules.Bind(DueByRule, now + Policy.WarningWindow);

    /// <summary>The complaints <see cref="StateOf"/> calls at risk at <paramref name="now"/>, as a query filter.</summary>
    public Expression<Func<Complaint, bool>> AtRiskAt(DateTimeOffset now) => Rules.AndNot(UrgentAt(now), OverdueAt(now));

    public int WorkdaysToResolve(Complaint c) =>
        c.ResolvedAt is { } resolved ? calendar.WorkdaysBetween(Common.ChinaTime.DateOf(c.ReceivedAt), Common.ChinaTime.DateOf(resolved)) : 0;

    /// <summary>Binding an instant into a rule as a query parameter, and joining two rules over one complaint.</summary>
    private static class Rules
    {
        public static Expression<Func<Complaint, bool>> Bind(Expression<Func<Complaint, DateTimeOffset, bool>> rule, DateTimeOffset value) =>
            Expression.Lambda<Func<Complaint, bool>>(Replace(rule.Body, rule.Parameters[1], QueryParameter.Of(value)), rule.Parameters[0]);

        public static Expression<Func<Complaint, bool>> AndNot(Expression<Func<Complaint, bool>> rule, Expression<Func<Complaint, bool>> except)
        {
            var c = rule.Parameters[0];
            return Expression.Lambda<Func<Complaint, bool>>(Expression.AndAlso(rule.Body, Expression.Not(Replace(except.Body, except.Parameters[0], c))), c);
        }

        private static Expression Replace(Expression body, ParameterExpression from, Expression to) => new Replacer(from, to).Visit(body);

        private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
        }
    }
}
