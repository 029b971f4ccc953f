using System.Globalization;
using System.Text;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Compliance;

public sealed record ExportCallsRequest(Guid EnterpriseId, string? Line, DateOnly? From, DateOnly? To, string? Reason, string Actor);

public sealed record ExportFile(byte[] Content, string FileName, int Rows);

/// <summary>
/// The data-leak guard on exports of personal data: a reason is required, each user has a daily allowance, the
/// file carries a watermark (who, when, why) at its top and bottom, and every export is audited. Going over the
/// allowance is refused and raises a data-leak alert.
/// </summary>
public sealed class ExportCallsHandler(Hotline95DbContext db, CallReader reader, AuditLog audit, RedLineAlertsHandler alerts, IOptions<RedLineOptions> options, TimeProvider clock)
{
    public async Task<Result<ExportFile>> HandleAsync(ExportCallsRequest request, CancellationToken ct = default)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 4)
        {
            return Error.Validation("reason", "REASON_REQUIRED", "say why the personal data is exported (at least 4 characters, e.g. 监管调取 2026-031). / 请填写导出事由。");
        }

        if (request.From is not { } from || request.To is not { } to || to < from || to > from.AddDays(31))
        {
            return Error.Validation("to", "PERIOD_INVALID", "give from and to (yyyy-MM-dd), at most 31 days apart. / 导出期间最长31天。");
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.StartOfDay(ChinaTime.DateOf(now));
        var done = await db.AuditEntries.CountAsync(e => e.EnterpriseId == request.EnterpriseId && e.Actor == request.Actor && e.Action == AuditActions.CallsExported && e.At >= today, ct);
        if (done >= o.ExportsPerUserPerDay)
        {
            await alerts.RaiseAsync(request.EnterpriseId, RedLine.DataLeak, "export-limit", request.Line, $"export-limit:{request.Actor}:{ChinaTime.DateOf(now):yyyy-MM-dd}",
                $"{request.Actor} asked for a {done + 1}th export of personal data today (allowance {o.ExportsPerUserPerDay}); refused. Reason given: {request.Reason}", ct);
            return new Error("EXPORT_LIMIT", $"you have made {done} exports of personal data today, the allowance is {o.ExportsPerUserPerDay}; ask a ComplianceOfficer. / 已达今日导出上限。", ErrorKind.TooMany, "reason");
        }

        var start = ChinaTime.StartOfDay(from);
        var end = ChinaTime.StartOfDay(to.AddDays(1));
        var query = db.Calls.AsNoTracking().Where(c => c.EnterpriseId == request.EnterpriseId && c.StartedAt >= start && c.StartedAt < end && (request.Line == null || c.Line == request.Line));
        var count = await query.CountAsync(ct);
        if (count > o.MaxExportRows)
        {
            return Error.Validation("to", "EXPORT_TOO_LARGE", $"the period holds {count:N0} calls; one export may hold at most {o.MaxExportRows:N0}: narrow the period or the line.");
        }

        var watermark = $"# 导出人 Exported by: {request.Actor} | 时间 At: {ChinaTime.ToChina(now):yyyy-MM-dd HH:mm:ss zzz} | 事由 Reason: {request.Reason.Trim().Replace('\n', ' ')} | " +
            "含客户个人信息，仅限上述用途，不得向第三方提供 / contains personal data: for this purpose only, never to third parties";
        var csv = Csv.Start().Append(watermark).Append("\r\n")
            .Append("call_id,line,direction,customer_number,customer_name,agent,started_at,answered_at,ended_at,talk_seconds,disposition\r\n");
        await foreach (var call in query.OrderBy(c => c.StartedAt).AsAsyncEnumerable().WithCancellation(ct))
        {
            var (number, name, destroyed) = await reader.OpenAsync(call, ct);
            csv.AppendRow(
            [
                call.Id.ToString(CultureInfo.InvariantCulture), call.Line, call.Direction.ToString(), destroyed ? CallReader.Shredded : number ?? "", destroyed ? CallReader.Shredded : name ?? "",
                call.Agent ?? "", Stamp(call.StartedAt), Stamp(call.AnsweredAt), Stamp(call.EndedAt), call.TalkSeconds.ToString(CultureInfo.InvariantCulture), call.Disposition.ToString(),
            ]);
        }

        csv.Append(watermark).Append("\r\n");
        await audit.AppendAsync(request.EnterpriseId, request.Actor, AuditActions.CallsExported, $"calls:{request.Line ?? "all"}:{from:yyyy-MM-dd}..{to:yyyy-MM-dd}",
            $"rows={count} reason={request.Reason.Trim()}", ct);
        return new ExportFile(Encoding.UTF8.GetBytes(csv.ToString()), $"calls-{request.Line ?? "all"}-{from:yyyyMMdd}-{to:yyyyMMdd}.csv", count);
    }

    private static string Stamp(DateTimeOffset? at) => at is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";
}
