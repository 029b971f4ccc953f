using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline95.Core.Common;
using Hotline95.Core.Documents;
using Table = Hotline95.Core.Documents.Table;

namespace Hotline95.Core.Reports;

public enum ReportFormat
{
    Pdf,
    Xlsx,
    Json,
}

/// <summary>The three renderings of an <see cref="AnnualReport"/>; numbers are formatted the same way in all of them (see <see cref="Format"/>).</summary>
public static class AnnualReportRenderer
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static (byte[] Content, string ContentType, string Extension) Render(AnnualReport report, ReportFormat format) => format switch
    {
        ReportFormat.Pdf => (PdfRenderer.Render(Document(report), $"{report.Header.Enterprise} · {report.Header.Line}"), "application/pdf", "pdf"),
        ReportFormat.Xlsx => (XlsxWriter.Write(Sheets(report)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        _ => (JsonSerializer.SerializeToUtf8Bytes(report, Json), "application/json", "json"),
    };

    /// <summary>How every rendering writes numbers: whole numbers with thousands separators, rates and averages with one decimal.</summary>
    public static class Format
    {
        public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        public static string Decimal(double d) => d.ToString("0.0", CultureInfo.InvariantCulture);

        public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Callbacks counted from the first one recorded; before any, the report says none was recorded rather than 0%.</summary>
    private static string CallbackText(Callbacks.CallbackFigures c) => c switch
    {
        { TrackedFrom: null } => "未接来电回拨 Missed-call callbacks：尚无回拨记录，不统计回拨率。 No callback has been recorded: no callback share is reported.",
        { Missed: 0 } => "未接来电回拨 Missed-call callbacks：统计期内无未接来电。 No missed inbound call in the period.",
        _ => $"未接来电回拨 Missed-call callbacks（自 {c.TrackedFrom:yyyy-MM-dd} 起统计 counted from）：未接来电 {Format.Count(c.Missed)} 个，" +
            $"24小时内回拨 {Format.Count(c.CalledBackWithin24Hours)} 个（{Format.Percent(c.ShareWithin24Hours ?? 0)}），共回拨 {Format.Count(c.CalledBack)} 个。",
    };

    /// <summary>
    /// The queue figures as call centres report them; without queue records the report says that none were imported rather
    /// than printing rates it was never given.
    /// </summary>
    private static IEnumerable<Block> QueueBlocks(QueueSummary q)
    {
        if (q.Total.Offered == 0)
        {
            yield return new Paragraph("排队服务水平 Queue service level：本期未导入交换机队列记录（queue_log 或 mod_callcenter），不统计接通率等排队指标。 No PBX queue records were imported for this period: no queue figures are reported.");
            yield break;
        }

        string Rate(double? v) => v is { } x ? Format.Percent(x) : "不适用 n/a";
        string Seconds(double? v) => v is { } x ? Format.Decimal(x) : "不适用 n/a";
        // A month without queue records has no figures at all: "no records", not zeros.
        IReadOnlyList<string> Row(string label, Queues.QueueFigures f) => f.Offered == 0
            ? [label, "无记录 none", "—", "—", "—", "—", "—"]
            : [label, Format.Count(f.Offered), Format.Count(f.Answered), Format.Count(f.Abandoned), Rate(f.ServiceLevel), Seconds(f.AverageSpeedOfAnswer), Rate(f.AbandonmentRate)];
        yield return new Paragraph($"排队服务水平 Queue service level：{q.ServiceLevelSeconds}秒接通率 = {q.ServiceLevelSeconds}秒内接通 ÷（进线 − 等待{q.ShortAbandonSeconds}秒内放弃）；" +
            $"平均应答时长 = 接通前平均等待；放弃率 =（放弃 − 短时放弃）÷（进线 − 短时放弃）。本期 {q.ServiceLevelSeconds}秒接通率 {Rate(q.Total.ServiceLevel)}，平均应答时长 {Seconds(q.Total.AverageSpeedOfAnswer)} 秒，放弃率 {Rate(q.Total.AbandonmentRate)}。");
        yield return new Table(["月份 Month", "进线 Offered", "接通 Answered", "放弃 Abandoned", $"{q.ServiceLevelSeconds}秒接通率 Service level", "平均应答时长(秒) ASA s", "放弃率 Abandonment"],
            [.. q.Months.Select(m => Row(m.Key, m)), Row("合计 Total", q.Total)]);
    }

    public static DocumentModel Document(AnnualReport r)
    {
        var h = r.Header;
        List<Block> blocks =
        [
            new Heading("一、基本情况 Enterprise and number"),
            new Table(["项目 Item", "内容 Value"],
            [
                ["企业名称 Enterprise", h.Enterprise],
                ["码号 Number", $"{h.Line} {h.LineName}"],
                ["证书编号 Certificate", h.CertificateNumber is null ? "—" : $"{h.CertificateNumber}（{h.CertificateIssuedOn:yyyy-MM-dd}）"],
                ["用途 Purposes", h.Purposes.Count == 0 ? "—" : string.Join("、", h.Purposes)],
                ["服务时间 Service hours", h.ServiceHours ?? "—"],
                ["坐席数 Seats", Format.Count(h.Seats)],
                ["全职客服 Full-time agents", Format.Count(h.FullTimeAgents)],
                ["报告期 Period", $"{h.From:yyyy-MM-dd} – {h.To:yyyy-MM-dd}"],
            ]),
            new Heading("二、通话情况 Calls"),
            new Paragraph($"月均通话量 Monthly average calls: {Format.Decimal(r.MonthlyAverageCalls)}；通话总量 Total calls: {Format.Count(r.Total.Calls)}；接通率 Answer rate: {Format.Percent(r.Total.AnswerRate)}；平均通话时长 Average talk: {Format.Decimal(r.Total.AverageTalkSeconds)} s"),
            new Table(["月份 Month", "通话量 Calls", "呼入 In", "呼出 Out", "接通率 Answer rate", "平均通话(秒) Avg talk s", "来电号码 Callers", "投诉 Complaints"],
                [.. r.Months.Select(m => (IReadOnlyList<string>)[m.Period, Format.Count(m.Calls), Format.Count(m.CallsIn), Format.Count(m.CallsOut), Format.Percent(m.AnswerRate),
                    Format.Decimal(m.AverageTalkSeconds), Format.Count(m.DistinctCallers), Format.Count(m.Complaints)]),
                 ["合计 Total", Format.Count(r.Total.Calls), Format.Count(r.Total.CallsIn), Format.Count(r.Total.CallsOut), Format.Percent(r.Total.AnswerRate),
                    Format.Decimal(r.Total.AverageTalkSeconds), Format.Count(r.Total.DistinctCallers), Format.Count(r.Total.Complaints)]]),
            new BarChart("各月通话量 Calls by month", r.Months.Select(m => (m.Period[2..], (double)m.Calls)).ToList()),
            new Paragraph(CallbackText(r.Callbacks)),
            .. QueueBlocks(r.Queues),
            new Heading("三、投诉处理 Complaints"),
            new Paragraph($"投诉 Complaints: {Format.Count(r.Complaints.Received)}；{r.Complaints.ResponseHours}小时内响应 Responded within {r.Complaints.ResponseHours} h: {Format.Count(r.Complaints.RespondedWithinDeadline)} ({Format.Decimal(r.Complaints.RespondedWithinDeadlinePercent)}%)；" +
                $"{r.Complaints.ResolutionWorkingDays}个工作日内办结 Resolved within {r.Complaints.ResolutionWorkingDays} working days: {Format.Count(r.Complaints.ResolvedWithinDeadline)} ({Format.Decimal(r.Complaints.ResolvedWithinDeadlinePercent)}%)；" +
                $"已办结 Resolved: {Format.Count(r.Complaints.Resolved)}；解决率 Resolution rate: {Format.Decimal(r.Complaints.ResolutionRatePercent)}%"),
            new BarChart("各月投诉量 Complaints by month", r.Months.Select(m => (m.Period[2..], (double)m.Complaints)).ToList()),
            new Heading("四、安全制度执行情况 Security policies in practice"),
            new BulletList(
            [
                $"个人信息字段加密率 Personal-data fields encrypted: {Format.Decimal(r.Security.EncryptedFieldsPercent)}%（抽查 sampled {Format.Count(r.Security.FieldsSampled)}）；{r.Security.Encryption}",
                $"通话记录保存 Call records kept {r.Security.CallRecordMonths} 个月 months；投诉记录保存 complaint records kept {r.Security.ComplaintRecordMonths} 个月 months",
                $"主密钥轮换 Master-key rotations: {Format.Count(r.Security.MasterKeyRotations.Count)}{(r.Security.MasterKeyRotations.Count == 0 ? "" : "（" + string.Join("、", r.Security.MasterKeyRotations.Select(d => ChinaTime.ToChina(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) + "）")}",
                $"到期清理 Retention purges: {Format.Count(r.Security.Purges.Count)}；删除通话 calls deleted {Format.Count(r.Security.Purges.Sum(p => p.CallsDeleted))}",
                $"审计日志校验 Audit log verification: {(r.Security.AuditLogIntact ? "完整 intact" : "异常 BROKEN: " + r.Security.AuditProblem)}（{Format.Count(r.Security.AuditEntriesChecked)} entries）",
                $"个人信息明文查看 Reveals: {Format.Count(r.Security.Reveals)}；导出 Exports: {Format.Count(r.Security.Exports)}；录音访问 Recording accesses: {Format.Count(r.Security.RecordingAccesses)}",
            ]),
        ];
        if (r.Security.Purges.Count > 0)
        {
            blocks.Add(new Table(["清理时间 Ran at", "截止 Cutoff", "删除通话 Calls deleted", "保全 Held", "销毁密钥 Keys destroyed"],
                r.Security.Purges.Select(p => (IReadOnlyList<string>)[ChinaTime.ToChina(p.RanAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    ChinaTime.ToChina(p.Cutoff).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Format.Count(p.CallsDeleted), Format.Count(p.CallsKeptOnHold), p.KeysDestroyed]).ToList()));
        }

        blocks.Add(new Heading("五、异常情况及处置 Anomalies and their handling"));
        blocks.Add(r.Anomalies.Count == 0
            ? new Paragraph("报告期内未发现异常。 No anomaly in the period.")
            : new Table(["时间 Raised", "类型 Kind", "证据 Evidence", "处置 Handling"],
                r.Anomalies.Select(a => (IReadOnlyList<string>)[ChinaTime.ToChina(a.RaisedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), a.Kind, a.Evidence,
                    a.Handling is null ? "未处置 open" : $"{a.Handling}（{a.HandledBy}）"]).ToList()));
        blocks.Add(new Heading("六、合规红线 Red lines"));
        blocks.Add(r.RedLines.Count == 0
            ? new Paragraph("报告期内无红线告警。 No red-line alert in the period.")
            : new Table(["月份 Month", "红线 Red line", "告警 Raised", "已处理 Resolved"],
                r.RedLines.Select(c => (IReadOnlyList<string>)[c.Month, c.RedLine, Format.Count(c.Raised), Format.Count(c.Resolved)]).ToList()));
        blocks.Add(new SignatureBlock([$"{h.Enterprise}（盖章）", $"{ChinaTime.ToChina(h.GeneratedAt):yyyy年M月d日}"]));
        return new DocumentModel("95码号使用情况报告", $"{h.Enterprise} · {h.Line} · {h.From:yyyy-MM-dd} – {h.To:yyyy-MM-dd}", blocks);
    }

    public static IReadOnlyList<SheetData> Sheets(AnnualReport r)
    {
        var h = r.Header;
        return
        [
            new SheetData("基本情况 Summary",
            [
                ["项目 Item", "内容 Value"],
                ["企业名称 Enterprise", h.Enterprise],
                ["码号 Number", h.Line],
                ["证书编号 Certificate", h.CertificateNumber],
                ["用途 Purposes", string.Join("、", h.Purposes)],
                ["服务时间 Service hours", h.ServiceHours],
                ["坐席数 Seats", h.Seats],
                ["全职客服 Full-time agents", h.FullTimeAgents],
                ["报告期 From", h.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                ["报告期 To", h.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
                ["月均通话量 Monthly average calls", r.MonthlyAverageCalls],
                ["通话总量 Total calls", r.Total.Calls],
            ]),
            new SheetData("通话 Calls",
            [
                ["月份 Month", "通话量 Calls", "呼入 In", "呼出 Out", "接通 Answered", "未接 Missed", "接通率 Answer rate", "平均通话(秒) Avg talk s", "来电号码 Callers", "投诉 Complaints"],
                .. r.Months.Select(m => (IReadOnlyList<object?>)[m.Period, m.Calls, m.CallsIn, m.CallsOut, m.Answered, m.Missed, m.AnswerRate, m.AverageTalkSeconds, m.DistinctCallers, m.Complaints]),
                ["合计 Total", r.Total.Calls, r.Total.CallsIn, r.Total.CallsOut, r.Total.Answered, r.Total.Missed, r.Total.AnswerRate, r.Total.AverageTalkSeconds, r.Total.DistinctCallers, r.Total.Complaints],
            ]),
            new SheetData("排队 Queues",
            [
                ["月份 Month", "进线 Offered", "接通 Answered", "放弃 Abandoned", "短时放弃 Short abandons", $"{r.Queues.ServiceLevelSeconds}秒接通率 Service level", "平均应答时长(秒) ASA s", "放弃率 Abandonment rate", "平均处理时长(秒) AHT s"],
                .. r.Queues.Months.Append(r.Queues.Total).Select(m => (IReadOnlyList<object?>)[m.Key == "total" ? "合计 Total" : m.Key, m.Offered, m.Answered, m.Abandoned, m.ShortAbandoned,
                    m.ServiceLevel, m.AverageSpeedOfAnswer, m.AbandonmentRate, m.AverageHandleTime]),
            ]),
            new SheetData("投诉 Complaints",
            [
                ["月份 Month", "投诉 Received", "按时响应 Responded in time", "按时办结 Resolved in time", "已办结 Resolved", "解决率% Resolution rate"],
                .. r.Complaints.Months.Select(m => (IReadOnlyList<object?>)[m.Month, m.Received, m.RespondedWithinDeadline, m.ResolvedWithinDeadline, m.Resolved, m.ResolutionRatePercent]),
                ["合计 Total", r.Complaints.Received, r.Complaints.RespondedWithinDeadline, r.Complaints.ResolvedWithinDeadline, r.Complaints.Resolved, r.Complaints.ResolutionRatePercent],
            ]),
            new SheetData("安全 Security",
            [
                ["项目 Item", "值 Value"],
                ["加密率% Encrypted fields", r.Security.EncryptedFieldsPercent],
                ["抽查字段 Fields sampled", r.Security.FieldsSampled],
                ["加密方式 Encryption", r.Security.Encryption],
                ["通话记录保存月数 Call record months", r.Security.CallRecordMonths],
                ["主密钥轮换 Master-key rotations", r.Security.MasterKeyRotations.Count],
                ["到期清理 Purges", r.Security.Purges.Count],
                ["删除通话 Calls deleted", r.Security.Purges.Sum(p => p.CallsDeleted)],
                ["审计日志完整 Audit log intact", r.Security.AuditLogIntact ? "是 yes" : "否 no"],
                ["明文查看 Reveals", r.Security.Reveals],
                ["导出 Exports", r.Security.Exports],
                ["录音访问 Recording accesses", r.Security.RecordingAccesses],
            ]),
            new SheetData("红线 Red lines",
            [
                ["月份 Month", "红线 Red line", "告警 Raised", "已处理 Resolved"],
                .. r.RedLines.Select(c => (IReadOnlyList<object?>)[c.Month, c.RedLine, c.Raised, c.Resolved]),
            ]),
            new SheetData("异常 Anomalies",
            [
                ["时间 Raised", "线路 Line", "类型 Kind", "观测 Observed", "基线 Expected", "得分 Score", "证据 Evidence", "处置 Handling"],
                .. r.Anomalies.Select(a => (IReadOnlyList<object?>)[ChinaTime.ToChina(a.RaisedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), a.Line, a.Kind, a.Observed, a.Expected, a.Score, a.Evidence, a.Handling]),
            ]),
        ];
    }
}
