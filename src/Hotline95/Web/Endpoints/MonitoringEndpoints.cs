using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Queues;
using Hotline95.Core.Reports;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>Monthly figures, queue figures and anomaly alerts.</summary>
public static class MonitoringEndpoints
{
    public sealed record HandleBody(string? Note);

    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder app)
    {
        var monitoring = app.MapGroup("/api/monitoring").WithTags("Monitoring");
        monitoring.MapGet("/months", MonthsAsync).RequirePermission(Permission.ViewMonitoring)
            .Documented("Monthly figures", "Calls, answer rate, complaints and deadlines per month and line, from the daily roll-ups.");
        monitoring.MapGet("/days", DaysAsync).RequirePermission(Permission.ViewMonitoring)
            .Documented("Daily figures", "Calls and answers per day and line over a period of at most a year.");
        monitoring.MapGet("/queues", QueuesAsync).RequirePermission(Permission.ViewMonitoring)
            .Documented("Queue statistics", "Service level, speed of answer, abandonment, handle time and agent occupancy from the PBX's queue logs, grouped by day, hour, queue or agent.");
        monitoring.MapGet("/alerts", async (AlertsHandler h, HttpContext http, CancellationToken ct, bool open = false, int page = 1, int pageSize = PageRequest.DefaultSize) =>
                (await h.ListAsync(http.User.EnterpriseId(), null, null, open, new PageRequest(page, pageSize), ct)).Match<IResult>(v => TypedResults.Ok(v), e => e.ToProblem()))
            .RequirePermission(Permission.ViewMonitoring)
            .Documented("Monitoring alerts, a page at a time", "Surge, caller-flood and service-level alerts, newest first; open=true for those not handled. The answer is { items, total, page, pageSize }: page is 1-based, pageSize 1–500 (default 50).", 422)
            .Produces<Paged<AlertView>>();
        monitoring.MapPost("/alerts/{id:long}/handle", HandleAsync).RequirePermission(Permission.HandleAlerts)
            .Documented("Handle a monitoring alert", "Records how an anomaly was handled (the annual report lists it).", 404, 409);
        monitoring.MapPost("/alerts/{id:long}/block", BlockAsync).RequirePermission(Permission.ManageBlocklist)
            .Documented("Block a flood's caller", "Blocks the caller of a caller-flood alert in one step.", 404, 409);
        return app;
    }

    /// <summary>GET /api/monitoring/months?line=95528&amp;from=2026-01-01&amp;to=2026-12-31 (default: the last 12 months, all lines).</summary>
    public static async Task<Results<Ok<IReadOnlyList<PeriodFigures>>, ProblemHttpResult>> MonthsAsync(LineFiguresHandler figures, TimeProvider clock, HttpContext http, CancellationToken ct,
        string? line = null, DateOnly? from = null, DateOnly? to = null)
    {
        if ((DateRange.Check("from", from) ?? DateRange.Check("to", to)) is { } bad)
        {
            return bad.ToProblem();
        }

        var (first, last) = Range(clock, from, to);
        if (last < first || last > first.AddYears(3))
        {
            return Error.Validation("to", "PERIOD_INVALID", ("rule", Phrase.Of("period.within", ("span", Phrase.Of("span.years", ("n", 3)))))).ToProblem();
        }

        return TypedResults.Ok(await figures.MonthlyAsync(http.User.EnterpriseId(), line, first, last, ct));
    }

    public static async Task<Results<Ok<List<PeriodFigures>>, ProblemHttpResult>> DaysAsync(LineFiguresHandler figures, TimeProvider clock, HttpContext http, CancellationToken ct,
        string? line = null, DateOnly? from = null, DateOnly? to = null)
    {
        if ((DateRange.Check("from", from) ?? DateRange.Check("to", to)) is { } bad)
        {
            return bad.ToProblem();
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var (first, last) = (from ?? today.AddDays(-30), to ?? today);
        if (last < first || last > first.AddDays(366))
        {
            return Error.Validation("to", "PERIOD_INVALID", ("rule", Phrase.Of("period.within", ("span", Phrase.Of("span.months", ("n", 12)))))).ToProblem();
        }

        var days = await figures.DaysAsync(http.User.EnterpriseId(), line, first, last, ct);
        return TypedResults.Ok(days.GroupBy(d => d.Day).Select(g => PeriodFigures.Sum(g.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), g.ToList())).ToList());
    }

    /// <summary>
    /// GET /api/monitoring/queues?line=95528&amp;queue=support&amp;from=2026-03-01&amp;to=2026-03-31&amp;groupBy=day|hour|queue|agent|queueDay
    /// (default: the last 7 days by day): the call-centre figures from the queue roll-ups; null where not applicable.
    /// </summary>
    public static async Task<Results<Ok<QueueReport>, ProblemHttpResult>> QueuesAsync(QueueFiguresHandler figures, TimeProvider clock, HttpContext http, CancellationToken ct,
        string? line = null, string? queue = null, DateOnly? from = null, DateOnly? to = null, string? groupBy = null)
    {
        if ((DateRange.Check("from", from) ?? DateRange.Check("to", to)) is { } bad)
        {
            return bad.ToProblem();
        }

        if (!EnumNames.TryParse<QueueGrouping>(groupBy ?? "day", out var grouping))
        {
            return Error.Validation("groupBy", "GROUP_BY_INVALID", ("value", groupBy)).ToProblem();
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var last = to ?? (from is { } f ? f.AddDays(6) : today);
        var result = await figures.HandleAsync(new QueueReportRequest(http.User.EnterpriseId(), line, queue, from ?? last.AddDays(-6), last, grouping), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> HandleAsync(long id, HandleBody body, AlertsHandler alerts, HttpContext http, CancellationToken ct)
    {
        var result = await alerts.HandleAsync(http.User.EnterpriseId(), id, body.Note, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<AlertView>, ProblemHttpResult>> BlockAsync(long id, AlertsHandler alerts, HttpContext http, CancellationToken ct)
    {
        var result = await alerts.BlockCallerAsync(http.User.EnterpriseId(), id, http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    private static (DateOnly From, DateOnly To) Range(TimeProvider clock, DateOnly? from, DateOnly? to)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var last = to ?? today;
        return (from ?? new DateOnly(last.Year, last.Month, 1).AddMonths(-11), last);
    }
}
