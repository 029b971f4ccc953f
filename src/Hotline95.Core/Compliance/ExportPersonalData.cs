using System.Globalization;
using System.Text;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Documents;
using Hotline95.Core.Security;
using Hotline95.Core.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Compliance;

public enum ExportKind
{
    Calls,
    Complaints,
    Tickets,
}

public sealed record ExportRequest(Guid EnterpriseId, string? Kind, string? Format, string? Line, DateOnly? From, DateOnly? To, string? Reason, string Actor);

public sealed record ExportFile(byte[] Content, string FileName, string ContentType, int Rows);

/// <summary>
/// The data-leak guard on exports of personal data (calls, complaints, tickets; CSV or XLSX): a reason is
/// required, each user has a daily allowance across all kinds, the file carries a watermark (who, when, why)
/// first and last, and every export is audited. Going over the allowance is refused and raises a data-leak alert.
/// </summary>
public sealed class ExportPersonalDataHandler(
    Hotline95DbContext db, CallReader calls, FieldCipher cipher, AuditLog audit, RedLineAlertsHandler alerts, IOptions<RedLineOptions> options, TimeProvider clock)
{
    private static readonly string[] ExportActions = [AuditActions.CallsExported, AuditActions.PersonalDataExported];

    /// <summary>One export at a time per user in this process, so the allowance is counted and used up together.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid, string), SemaphoreSlim> Exporting = new();

    public async Task<Result<ExportFile>> HandleAsync(ExportRequest request, CancellationToken ct = default)
    {
        var gate = Exporting.GetOrAdd((request.EnterpriseId, request.Actor), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await ExportAsync(request, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Result<ExportFile>> ExportAsync(ExportRequest request, CancellationToken ct)
    {
        var o = options.Value;
        if (!EnumNames.TryParse<ExportKind>(request.Kind, out var kind))
        {
            return Error.Validation("kind", "EXPORT_KIND_UNKNOWN", ("value", request.Kind));
        }

        var xlsx = string.Equals(request.Format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && request.Format is { Length: > 0 } f && !string.Equals(f, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Error.Validation("format", "EXPORT_FORMAT_UNKNOWN", ("value", f));
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 4)
        {
            return Error.Validation("reason", "REASON_REQUIRED");
        }

        if (request.From is not { } from || request.To is not { } to || !DateRange.Plausible(from) || !DateRange.Plausible(to) || to < from || to > from.AddDays(30))
        {
            return Error.Validation("to", "PERIOD_INVALID", ("rule", Phrase.Of("period.giveBoth", ("span", Phrase.Of("span.days", ("n", 31))))));
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.StartOfDay(ChinaTime.DateOf(now));
        var done = await db.AuditEntries.CountAsync(e => e.EnterpriseId == request.EnterpriseId && e.Actor == request.Actor && ExportActions.Contains(e.Action) && e.At >= today, ct);
        if (done >= o.ExportsPerUserPerDay)
        {
            await alerts.RaiseAsync(request.EnterpriseId, RedLine.DataLeak, "export-limit", request.Line, $"export-limit:{request.Actor}:{ChinaTime.DateOf(now):yyyy-MM-dd}",
                Phrase.Of("evidence.exportLimit", ("actor", request.Actor), ("number", done + 1), ("allowance", o.ExportsPerUserPerDay), ("reason", request.Reason)), ct);
            return Error.Of(ErrorKind.TooMany, "EXPORT_LIMIT", "reason", ("done", done), ("allowance", o.ExportsPerUserPerDay));
        }

        var (start, end) = (ChinaTime.StartOfDay(from), ChinaTime.StartOfDay(to.AddDays(1)));
        var table = kind switch
        {
            ExportKind.Calls => await CallsAsync(request, start, end, o.MaxExportRows, ct),
            ExportKind.Complaints => await ComplaintsAsync(request, start, end, o.MaxExportRows, ct),
            _ => await TicketsAsync(request, start, end, o.MaxExportRows, ct),
        };
        if (!table.IsSuccess)
        {
            return table.Error;
        }

        var (header, rows) = table.Value;
        var watermark = $"导出人 Exported by: {request.Actor} | 时间 At: {ChinaTime.ToChina(now):yyyy-MM-dd HH:mm:ss zzz} | 事由 Reason: {request.Reason.Trim().Replace('\n', ' ')} | " +
            "含客户个人信息，仅限上述用途，不得向第三方提供 / contains personal data: for this purpose only, never to third parties";
        byte[] content;
        if (xlsx)
        {
            List<IReadOnlyList<object?>> sheet = [[watermark], [.. header], .. rows.Select(r => (IReadOnlyList<object?>)[.. r]), [watermark]];
            content = XlsxWriter.Write([new SheetData(kind.ToString(), sheet)]);
        }
        else
        {
            var csv = Csv.Start().AppendRow(["# " + watermark]).AppendRow(header);
            foreach (var row in rows)
            {
                csv.AppendRow(row);
            }

            content = Encoding.UTF8.GetBytes(csv.AppendRow(["# " + watermark]).ToString());
        }

        await audit.AppendAsync(request.EnterpriseId, request.Actor, kind == ExportKind.Calls ? AuditActions.CallsExported : AuditActions.PersonalDataExported,
            $"{kind.ToString().ToLowerInvariant()}:{request.Line ?? "all"}:{from:yyyy-MM-dd}..{to:yyyy-MM-dd}", $"rows={rows.Count} format={(xlsx ? "xlsx" : "csv")} reason={request.Reason.Trim()}", ct);
        var name = $"{kind.ToString().ToLowerInvariant()}-{request.Line ?? "all"}-{from:yyyyMMdd}-{to:yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        return new ExportFile(content, name, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8", rows.Count);
    }

    private async Task<Result<(string[] Header, List<string[]> Rows)>> CallsAsync(ExportRequest r, DateTimeOffset start, DateTimeOffset end, int max, CancellationToken ct)
    {
        var query = db.Calls.AsNoTracking().Where(c => c.EnterpriseId == r.EnterpriseId && c.StartedAt >= start && c.StartedAt < end && (r.Line == null || c.Line == r.Line));
        if (await TooManyAsync(query.CountAsync(ct), max) is { } error)
        {
            return error;
        }

        var rows = new List<string[]>();
        await foreach (var call in query.OrderBy(c => c.StartedAt).AsAsyncEnumerable().WithCancellation(ct))
        {
            var (number, name, destroyed) = await calls.OpenAsync(call, ct);
            rows.Add([call.Id.ToString(CultureInfo.InvariantCulture), call.Line, call.Direction.ToString(), destroyed ? CallReader.Shredded : number ?? "", destroyed ? CallReader.Shredded : name ?? "",
                call.Agent ?? "", Stamp(call.StartedAt), Stamp(call.AnsweredAt), Stamp(call.EndedAt), call.TalkSeconds.ToString(CultureInfo.InvariantCulture), call.Disposition.ToString()]);
        }

        return (["call_id", "line", "direction", "customer_number", "customer_name", "agent", "started_at", "answered_at", "ended_at", "talk_seconds", "disposition"], rows);
    }

    private async Task<Result<(string[] Header, List<string[]> Rows)>> ComplaintsAsync(ExportRequest r, DateTimeOffset start, DateTimeOffset end, int max, CancellationToken ct)
    {
        var query = db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == r.EnterpriseId && c.ReceivedAt >= start && c.ReceivedAt < end && (r.Line == null || c.Line == r.Line));
        if (await TooManyAsync(query.CountAsync(ct), max) is { } error)
        {
            return error;
        }

        var rows = new List<string[]>();
        foreach (var c in await query.OrderBy(c => c.ReceivedAt).ToListAsync(ct))
        {
            rows.Add([c.Id.ToString(CultureInfo.InvariantCulture), c.Line, Stamp(c.ReceivedAt),
                await cipher.DecryptAsync(c.EnterpriseId, ComplaintReader.PhoneField, c.CallerPhone, ct) ?? "",
                await cipher.DecryptAsync(c.EnterpriseId, ComplaintReader.NameField, c.CallerName, ct) ?? "",
                await cipher.DecryptAsync(c.EnterpriseId, ComplaintReader.SummaryField, c.Summary, ct) ?? "",
                c.Category ?? "", c.Status.ToString(), Stamp(c.RespondBy), Stamp(c.RespondedAt), Stamp(c.ResolveBy), Stamp(c.ResolvedAt)]);
        }

        return (["complaint_id", "line", "received_at", "caller_phone", "caller_name", "summary", "category", "status", "respond_by", "responded_at", "resolve_by", "resolved_at"], rows);
    }

    private async Task<Result<(string[] Header, List<string[]> Rows)>> TicketsAsync(ExportRequest r, DateTimeOffset start, DateTimeOffset end, int max, CancellationToken ct)
    {
        var query = db.Tickets.AsNoTracking().Where(t => t.EnterpriseId == r.EnterpriseId && t.OpenedAt >= start && t.OpenedAt < end && (r.Line == null || t.Line == r.Line));
        if (await TooManyAsync(query.CountAsync(ct), max) is { } error)
        {
            return error;
        }

        var rows = new List<string[]>();
        foreach (var t in await query.OrderBy(t => t.OpenedAt).ToListAsync(ct))
        {
            rows.Add([t.Id.ToString(CultureInfo.InvariantCulture), t.Line, Stamp(t.OpenedAt), await cipher.DecryptAsync(t.EnterpriseId, TicketsHandler.PhoneField, t.CustomerPhone, ct) ?? "",
                t.Category ?? "", t.Step.ToString(), t.AssignedTo ?? "", Stamp(t.ClosedAt)]);
        }

        return (["ticket_id", "line", "opened_at", "customer_phone", "category", "step", "assigned_to", "closed_at"], rows);
    }

    private static async Task<Error?> TooManyAsync(Task<int> count, int max) =>
        await count is var n && n > max
            ? Error.Validation("to", "EXPORT_TOO_LARGE", ("count", n), ("max", max))
            : null;

    private static string Stamp(DateTimeOffset? at) => at is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";
}
