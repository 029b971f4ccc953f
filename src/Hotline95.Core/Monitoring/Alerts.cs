using Hotline95.Core.Hosting;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Monitoring;

/// <param name="Evidence">What was seen, written in the reader's language at the edge.</param>
/// <param name="EvidenceBilingual">An alert raised before evidence was a phrase: its text in both languages, for the page to pick its side.</param>
public sealed record AlertView(long Id, string Line, string Kind, DateTimeOffset RaisedAt, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    double Observed, double Expected, double Score, Phrase Evidence, bool EvidenceBilingual, string? Caller, string Status, Phrase? Handling, string? HandledBy, DateTimeOffset? HandledAt)
{
    public static AlertView From(MonitoringAlert a)
    {
        var (evidence, bilingual) = a.Quoted();
        return new(a.Id, a.Line, a.Kind.ToString(), a.RaisedAt, a.WindowStart, a.WindowEnd, a.Observed, a.Expected,
            a.Score, evidence, bilingual, a.CallerMasked, a.Status.ToString(), a.Handled(), a.HandledBy, a.HandledAt);
    }
}

/// <summary>Lists anomalies and records how each was handled; a flood's caller is blocked in one step.</summary>
public sealed class AlertsHandler(Hotline95DbContext db, CallReader calls, BlockCallerHandler block, AuditLog audit, TimeProvider clock)
{
    /// <summary>The alerts, newest first, a page at a time with the count of all.</summary>
    public async Task<Result<Paged<AlertView>>> ListAsync(Guid enterpriseId, DateTimeOffset? from, DateTimeOffset? to, bool openOnly, PageRequest page, CancellationToken ct = default)
    {
        if (page.Validate() is { } invalid)
        {
            return invalid;
        }

        var query = db.Alerts.AsNoTracking()
            .Where(a => a.EnterpriseId == enterpriseId && (from == null || a.RaisedAt >= from) && (to == null || a.RaisedAt < to) && (!openOnly || a.Status == AlertStatus.Open));
        var rows = await query.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return Paged<AlertView>.Of(rows.Select(AlertView.From).ToList(), await query.CountAsync(ct), page);
    }

    public async Task<Result<AlertView>> HandleAsync(Guid enterpriseId, long id, string? note, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return Error.Validation("note", "NOTE_REQUIRED", ("hint", Phrase.Of("note.anomaly")));
        }

        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.EnterpriseId == enterpriseId && a.Id == id, ct);
        if (alert is null)
        {
            return Error.NotFound("ALERT_NOT_FOUND", ("id", id));
        }

        return await CloseAsync(alert, note.Trim(), actor, ct);
    }

    public async Task<Result<AlertView>> BlockCallerAsync(Guid enterpriseId, long id, string actor, CancellationToken ct = default)
    {
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.EnterpriseId == enterpriseId && a.Id == id, ct);
        if (alert is null)
        {
            return Error.NotFound("ALERT_NOT_FOUND", ("id", id));
        }

        if (AlreadyHandled(alert) is { } handled)
        {
            return handled; // before the block: a handled alert blocks nobody
        }

        if (alert.Kind != AlertKind.CallerFlood || alert.SampleCallId is not { } callId)
        {
            return Error.Conflict("ALERT_NOT_A_FLOOD");
        }

        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == enterpriseId && c.Id == callId, ct);
        var number = call is null ? null : (await calls.OpenAsync(call, ct)).Number;
        if (number is null)
        {
            return Error.Conflict("CALLER_GONE");
        }

        // A reference, not text: the alert itself holds what was seen.
        var reason = $"alert:{alert.Id} {alert.Kind}";
        var blocked = await block.BlockAsync(new BlockCallerRequest(enterpriseId, number, Text.Clip(reason, 200), actor), ct);
        if (!blocked.IsSuccess)
        {
            return blocked.Error;
        }

        // The note is what a node of the version before shows; the flag is what this one reads.
        alert.CallerBlocked = true;
        return await CloseAsync(alert, MonitoringAlert.BlockRecord(alert.CallerMasked), actor, ct);
    }

    private static Error? AlreadyHandled(MonitoringAlert alert) => alert.Status == AlertStatus.Handled
        ? Error.Conflict("ALERT_HANDLED", ("id", alert.Id), ("by", alert.HandledBy), ("handling", alert.Handled()))
        : null;

    private async Task<Result<AlertView>> CloseAsync(MonitoringAlert alert, string note, string actor, CancellationToken ct)
    {
        if (AlreadyHandled(alert) is { } handled)
        {
            return handled;
        }

        alert.Status = AlertStatus.Handled;
        alert.Handling = Text.Clip(note, 1000);
        alert.HandledBy = actor;
        alert.HandledAt = clock.GetUtcNow();
        await audit.SaveAndAppendAsync(db, alert.EnterpriseId, actor, AuditActions.AlertHandled, $"alert:{alert.Id}", alert.Handling, ct);
        return AlertView.From(alert);
    }
}

public sealed class MonitoringService(IServiceScopeFactory scopes, IOptions<MonitoringOptions> options, TimeProvider clock, ILogger<MonitoringService> log)
    : PeriodicJob(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DetectAnomaliesHandler>().HandleAsync(ct: ct);
}

