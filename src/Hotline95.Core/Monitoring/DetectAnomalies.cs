using System.Globalization;
using Hotline95.Core.Calendar;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Notifications;
using Hotline95.Core.Queues;
using Hotline95.Core.Identity;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Monitoring;

/// <summary>
/// The monthly-monitoring duty made continuous. A surge: an hour's volume far above the same hour on recent
/// days of the same kind (working day, weekend, statutory holiday: a Spring Festival day is compared with
/// other holidays, a Monday with other working days). A flood: one caller with too many calls in a short
/// window. Each anomaly is raised once, with its evidence, and Supervisors are notified.
/// </summary>
public sealed class DetectAnomaliesHandler(Hotline95DbContext db, Notify notify, WorkdayCalendar calendar, CallReader calls, IOptions<MonitoringOptions> options,
    IOptions<QueueOptions> queueOptions, TimeProvider clock)
{
    /// <summary>Checks as of <paramref name="at"/> (default now): a past instant replays history, as the tests and <c>monitoring check --at</c> do.</summary>
    public async Task<IReadOnlyList<MonitoringAlert>> HandleAsync(DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var now = at ?? clock.GetUtcNow();
        var raised = new List<MonitoringAlert>();
        foreach (var enterpriseId in await db.Lines.Select(l => l.EnterpriseId).Distinct().ToListAsync(ct))
        {
            raised.AddRange(await SurgesAsync(enterpriseId, now, ct));
            raised.AddRange(await FloodsAsync(enterpriseId, now, ct));
            raised.AddRange(await ServiceLevelsAsync(enterpriseId, now, ct));
        }

        await db.SaveChangesAsync(ct);
        return raised;
    }

    /// <summary>The last two completed hours (the check runs every few minutes; two hours tolerate a missed run).</summary>
    private async Task<List<MonitoringAlert>> SurgesAsync(Guid enterpriseId, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var local = ChinaTime.ToChina(now);
        var thisHour = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
        var alerts = new List<MonitoringAlert>();
        foreach (var hourStart in new[] { thisHour.AddHours(-2), thisHour.AddHours(-1) })
        {
            var day = DateOnly.FromDateTime(hourStart.DateTime);
            var hour = hourStart.Hour;
            var kind = KindOf(day);
            if (kind is null)
            {
                continue;
            }

            var observed = await db.HourlyVolumes.AsNoTracking().Where(h => h.EnterpriseId == enterpriseId && h.Day == day && h.Hour == hour)
                .GroupBy(h => h.Line).Select(g => new { Line = g.Key, Calls = g.Sum(h => h.Calls) }).ToListAsync(ct); // the shards added up
            foreach (var volume in observed.Where(v => v.Calls >= o.SurgeMinimumCalls))
            {
                var baselineDays = BaselineDays(day, kind.Value);
                if (baselineDays.Count < 3)
                {
                    continue; // not enough history of this kind of day to judge
                }

                var history = await db.HourlyVolumes.AsNoTracking()
                    .Where(h => h.EnterpriseId == enterpriseId && h.Line == volume.Line && h.Hour == hour && baselineDays.Contains(h.Day))
                    .GroupBy(h => h.Day).Select(g => new { Day = g.Key, Calls = g.Sum(h => h.Calls) })
                    .ToDictionaryAsync(h => h.Day, h => h.Calls, ct);
                var samples = baselineDays.Select(d => (double)history.GetValueOrDefault(d)).ToList();
                var (median, spread) = Robust(samples);
                var score = (volume.Calls - median) / spread;
                if (score < o.SurgeScore || volume.Calls < median * o.SurgeRatio)
                {
                    continue;
                }

                var key = $"surge:{volume.Line}:{day:yyyy-MM-dd}:{hour:00}";
                if (await db.Alerts.AnyAsync(a => a.EnterpriseId == enterpriseId && a.DedupKey == key, ct))
                {
                    continue;
                }

                alerts.Add(Raise(new MonitoringAlert
                {
                    EnterpriseId = enterpriseId,
                    Line = volume.Line,
                    Kind = AlertKind.VolumeSurge,
                    DedupKey = key,
                    RaisedAt = now,
                    WindowStart = hourStart,
                    WindowEnd = hourStart.AddHours(1),
                    Observed = volume.Calls,
                    Expected = median,
                    Score = Math.Round(score, 2),
                }, Phrase.Of("evidence.volumeSurge", ("day", day), ("from", hour), ("to", hour + 1), ("dayKind", DaysOf(kind.Value)), ("calls", volume.Calls),
                    ("median", median), ("samples", samples.Count), ("spread", spread), ("score", score))));
            }
        }

        return alerts;
    }

    private async Task<List<MonitoringAlert>> FloodsAsync(Guid enterpriseId, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var since = now - o.FloodWindow;
        var floods = await db.Calls.AsNoTracking()
            .Where(c => c.EnterpriseId == enterpriseId && c.StartedAt >= since && c.StartedAt <= now && c.CustomerNumberIndex != null && c.Direction == CallDirection.In)
            .GroupBy(c => c.CustomerNumberIndex)
            .Select(g => new { Index = g.Key!, Count = g.Count(), Last = g.Max(c => c.Id) })
            .Where(g => g.Count >= o.FloodCalls)
            .ToListAsync(ct);
        var alerts = new List<MonitoringAlert>();
        foreach (var flood in floods)
        {
            var key = $"flood:{Convert.ToHexString(flood.Index)[..16]}:{ChinaTime.ToChina(now):yyyy-MM-ddTHH}";
            if (await db.Alerts.AnyAsync(a => a.EnterpriseId == enterpriseId && a.DedupKey == key, ct))
            {
                continue;
            }

            var sample = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == flood.Last, ct);
            var (number, _, _) = await calls.OpenAsync(sample, ct);
            var masked = number is null ? "?" : PhoneNumber.Mask(number);
            alerts.Add(Raise(new MonitoringAlert
            {
                EnterpriseId = enterpriseId,
                Line = sample.Line,
                Kind = AlertKind.CallerFlood,
                DedupKey = key,
                RaisedAt = now,
                WindowStart = since,
                WindowEnd = now,
                Observed = flood.Count,
                Expected = o.FloodCalls,
                Score = Math.Round(flood.Count / (double)o.FloodCalls, 2),
                CallerIndex = flood.Index,
                SampleCallId = sample.Id,
                CallerMasked = masked,
            }, Phrase.Of("evidence.callerFlood", ("caller", masked), ("calls", flood.Count), ("minutes", o.FloodWindow.TotalMinutes), ("limit", o.FloodCalls))));
        }

        return alerts;
    }

    /// <summary>
    /// Hours of the last week (queue records may arrive late: a nightly import, a follower catching up) in which a line's
    /// queues were offered at least Queues:AlertMinimumOffered calls and answered fewer than Queues:ServiceLevelTarget of
    /// them within Queues:ServiceLevelSeconds (short abandons left out, as in every service-level figure). An hour is judged
    /// only when it is final: ended a quarter of an hour ago and no caller who entered in it is still waiting.
    /// </summary>
    private async Task<List<MonitoringAlert>> ServiceLevelsAsync(Guid enterpriseId, DateTimeOffset now, CancellationToken ct)
    {
        var q = queueOptions.Value;
        var local = ChinaTime.ToChina(now.AddMinutes(-15));
        var thisHour = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
        var since = thisHour.AddDays(-7);
        var firstDay = DateOnly.FromDateTime(since.DateTime);
        var lastDay = DateOnly.FromDateTime(thisHour.DateTime);
        var rows = await db.QueueHours.AsNoTracking().Where(h => h.EnterpriseId == enterpriseId && h.Day >= firstDay && h.Day <= lastDay).ToListAsync(ct);
        var alerts = new List<MonitoringAlert>();
        foreach (var hour in rows.GroupBy(h => (h.Line, h.Day, h.Hour)).OrderBy(g => g.Key))
        {
            var start = new DateTimeOffset(hour.Key.Day.ToDateTime(new TimeOnly(hour.Key.Hour, 0)), ChinaTime.Zone.BaseUtcOffset);
            var figures = QueueFigures.Sum($"{hour.Key.Day:yyyy-MM-dd} {hour.Key.Hour:00}", hour);
            if (start < since || start >= thisHour || figures.Offered < q.AlertMinimumOffered || figures.ServiceLevel is not { } level || level >= q.ServiceLevelTarget)
            {
                continue;
            }

            var key = $"sl:{hour.Key.Line}:{hour.Key.Day:yyyy-MM-dd}:{hour.Key.Hour:00}";
            var end = start.AddHours(1);
            if (await db.Alerts.AnyAsync(a => a.EnterpriseId == enterpriseId && a.DedupKey == key, ct)
                || await db.QueueCalls.AnyAsync(c => c.EnterpriseId == enterpriseId && c.Line == hour.Key.Line && c.State == QueueCallState.Waiting && c.EnteredAt >= start && c.EnteredAt < end, ct))
            {
                continue; // raised already, or not final yet: judged again at the next check
            }

            alerts.Add(Raise(new MonitoringAlert
            {
                EnterpriseId = enterpriseId,
                Line = hour.Key.Line,
                Kind = AlertKind.ServiceLevel,
                DedupKey = key,
                RaisedAt = now,
                WindowStart = start,
                WindowEnd = start.AddHours(1),
                Observed = level,
                Expected = q.ServiceLevelTarget,
                Score = Math.Round(q.ServiceLevelTarget - level, 4),
            }, Phrase.Of("evidence.serviceLevel", ("day", hour.Key.Day), ("from", hour.Key.Hour), ("to", hour.Key.Hour + 1), ("answered", figures.AnsweredInTime),
                ("counted", figures.Offered - figures.ShortAbandoned), ("seconds", q.ServiceLevelSeconds), ("level", level * 100), ("target", q.ServiceLevelTarget * 100),
                ("offered", figures.Offered), ("abandoned", figures.Abandoned))));
        }

        return alerts;
    }

    private MonitoringAlert Raise(MonitoringAlert alert, Phrase evidence)
    {
        alert.Quote(evidence);
        db.Alerts.Add(alert);
        notify.Role(alert.EnterpriseId, Role.Supervisor, NoticeKinds.MonitoringAlert, "/monitoring", alert.RaisedAt,
            ("alert", alert.Kind), ("line", alert.Line), ("evidence", evidence));
        return alert;
    }


    /// <summary>The kind of day a baseline compares like with like: make-up working days count as weekdays, days off in lieu as holidays.</summary>
    private DayKind? KindOf(DateOnly day)
    {
        try
        {
            return calendar.GetDay(day).Kind switch
            {
                DayKind.MakeUpWorkday => DayKind.Weekday,
                DayKind.CompensatoryDayOff => DayKind.Holiday,
                var kind => kind,
            };
        }
        catch (CalendarYearOutOfRangeException)
        {
            return null;
        }
    }

    private List<DateOnly> BaselineDays(DateOnly day, DayKind kind)
    {
        var days = new List<DateOnly>();
        for (var d = day.AddDays(-1); days.Count < options.Value.BaselineDays && d >= day.AddDays(-options.Value.BaselineLookbackDays); d = d.AddDays(-1))
        {
            if (KindOf(d) == kind)
            {
                days.Add(d);
            }
        }

        return days;
    }

    /// <summary>Median and a robust spread (1.4826 × MAD), never below √median nor 1: counts are Poisson-like.</summary>
    public static (double Median, double Spread) Robust(IReadOnlyList<double> samples)
    {
        var median = Median(samples);
        var mad = Median(samples.Select(s => Math.Abs(s - median)).ToList());
        return (median, Math.Max(Math.Max(1.4826 * mad, Math.Sqrt(median)), 1));
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The kind of day a baseline compared, as evidence names it.</summary>
    private static Phrase DaysOf(DayKind kind) => kind switch
    {
        DayKind.Holiday => Phrase.Of("evidence.days.holiday"),
        DayKind.Weekend => Phrase.Of("evidence.days.weekend"),
        _ => Phrase.Of("evidence.days.weekday"),
    };
}
