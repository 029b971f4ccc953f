using Hotline95.Core.Complaints;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Queues;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Dashboard;

/// <summary>
/// Today so far (Asia/Shanghai), every line: calls from the daily roll-ups, the answer rate as the monthly figures count it
/// (inbound calls not missed ÷ inbound calls), the service level from the queue roll-ups. A rate with nothing to divide by is
/// null (not applicable), never 0.
/// </summary>
public sealed record TodayCallsCard(DateOnly Day, int CallsIn, int CallsOut, int AnsweredIn, int Missed, double? AnswerRate,
    int QueueOffered, double? ServiceLevel, double ServiceLevelTarget, int ServiceLevelSeconds);

/// <summary>An open complaint whose next deadline (<paramref name="Deadline"/>: Respond or Resolve) is past or near; no caller data.</summary>
public sealed record UrgentComplaint(long Id, string Line, string? Category, string Deadline, DateTimeOffset Due, long SecondsRemaining, string State, bool Estimated);

/// <summary>
/// Open complaints past a deadline (<paramref name="Overdue"/>) and at risk (<paramref name="AtRisk"/>: the next deadline within
/// the policy's warning window, Complaints:WarningWindow, of <paramref name="WindowSeconds"/>), the most urgent listed first with the time left.
/// </summary>
public sealed record ComplaintsAtRiskCard(int Overdue, int AtRisk, long WindowSeconds, IReadOnlyList<UrgentComplaint> Items);

public sealed record AlertItem(long Id, string Kind, string Line, DateTimeOffset RaisedAt);

/// <summary>Monitoring alerts not yet handled: how many of each kind, the newest listed.</summary>
public sealed record AlertsCard(int Open, IReadOnlyDictionary<string, int> ByKind, IReadOnlyList<AlertItem> Newest);

/// <summary>The supervisor's cards: today's calls and service level, complaints at risk, open alerts.</summary>
public sealed class ServiceFigures(Hotline95DbContext db, LineFiguresHandler lines, QueueFiguresHandler queues, ComplaintDeadlines deadlines)
{
    public async Task<TodayCallsCard> TodayCallsAsync(Guid enterpriseId, DateOnly today, CancellationToken ct)
    {
        var calls = PeriodFigures.Sum("today", await lines.DaysAsync(enterpriseId, null, today, today, ct));
        var queue = (await queues.HandleAsync(new QueueReportRequest(enterpriseId, null, null, today, today, QueueGrouping.Day), ct)).Value;
        return new TodayCallsCard(today, calls.CallsIn, calls.CallsOut, calls.CallsIn - calls.Missed, calls.Missed, calls.CallsIn == 0 ? null : calls.AnswerRate,
            queue.Total.Offered, queue.Total.ServiceLevel, queue.ServiceLevelTarget, queue.ServiceLevelSeconds);
    }

    public async Task<ComplaintsAtRiskCard> ComplaintsAtRiskAsync(Guid enterpriseId, DateTimeOffset now, CancellationToken ct)
    {
        var window = deadlines.Policy.WarningWindow;
        // The database narrows to the complaints overdue or at risk (ComplaintDeadlines' rule, the service page's queues use
        // it too); which deadline is next and which of the two states is ComplaintDeadlines' to say.
        var urgent = (await db.Complaints.AsNoTracking()
                .Where(c => c.EnterpriseId == enterpriseId).Where(deadlines.UrgentAt(now))
                .ToListAsync(ct))
            .Select(c => (Complaint: c, Due: ComplaintDeadlines.NextDeadline(c)!.Value, State: deadlines.StateOf(c, now)))
            .Where(x => x.State is DeadlineState.Overdue or DeadlineState.AtRisk)
            .OrderBy(x => x.Due).ThenBy(x => x.Complaint.Id).ToList();
        var overdue = urgent.Count(x => x.State == DeadlineState.Overdue);
        return new ComplaintsAtRiskCard(overdue, urgent.Count - overdue, (long)window.TotalSeconds, urgent.Take(DashboardCards.Listed).Select(x =>
            new UrgentComplaint(x.Complaint.Id, x.Complaint.Line, x.Complaint.Category, x.Due == x.Complaint.ResolveBy ? "Resolve" : "Respond", ChinaTime.ToChina(x.Due),
                (long)(x.Due - now).TotalSeconds, x.State.ToString(), ComplaintDeadlines.NextDeadlineEstimated(x.Complaint))).ToList());
    }

    public async Task<AlertsCard> AlertsAsync(Guid enterpriseId, CancellationToken ct)
    {
        var open = db.Alerts.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.Status == AlertStatus.Open);
        var byKind = await open.GroupBy(a => a.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var newest = await open.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Take(DashboardCards.Listed).ToListAsync(ct);
        return new AlertsCard(byKind.Sum(k => k.Count), byKind.ToDictionary(k => k.Kind.ToString(), k => k.Count),
            newest.Select(a => new AlertItem(a.Id, a.Kind.ToString(), a.Line, ChinaTime.ToChina(a.RaisedAt))).ToList());
    }
}
