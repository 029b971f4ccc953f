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

/// <summary>
/// The renderings of an <see cref="AnnualReport"/>: the filing in Chinese, or an English reading copy (never the two
/// mixed). Every text of the report is written here once per language (<see cref="Words"/>); numbers are formatted the
/// same way in all renderings (<see cref="Format"/>): counts with thousands separators, rates with one decimal, and
/// 不适用 (n/a) where a denominator is 0.
/// </summary>
public static class AnnualReportRenderer
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static (byte[] Content, string ContentType, string Extension) Render(AnnualReport report, ReportFormat format, bool english = false)
    {
        var w = new Words(english);
        return format switch
        {
            ReportFormat.Pdf => (PdfRenderer.Render(Document(report, english), $"{report.Company.Name} · {report.Header.Line}"), "application/pdf", "pdf"),
            ReportFormat.Xlsx => (XlsxWriter.Write(Sheets(report, w)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            _ => (JsonSerializer.SerializeToUtf8Bytes(report, Json), "application/json", "json"),
        };
    }

    /// <summary>How every rendering writes numbers.</summary>
    public static class Format
    {
        public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        public static string Decimal(double d) => d.ToString("#,##0.0", CultureInfo.InvariantCulture);

        public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

        public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public static string Day(DateTimeOffset at) => Day(ChinaTime.DateOf(at));
    }

    /// <summary>The report's words in one language: <c>T("中文", "English")</c> picks one; nothing else in the report is text.</summary>
    public sealed class Words(bool english)
    {
        public bool English { get; } = english;

        public string T(string zh, string en) => English ? en : zh;

        public string NotApplicable => T("不适用", "n/a");

        public string Blank(string? value, string zhItem, string enItem) => string.IsNullOrWhiteSpace(value) ? T($"【待填写：{zhItem}】", $"[to fill in: {enItem}]") : value;

        public string Rate(double? fraction) => fraction is { } f ? Format.Percent(f) : NotApplicable;

        public string Seconds(double? seconds) => seconds is { } s ? Format.Decimal(s) : NotApplicable;

        public string Month(string yyyyMm) => English ? yyyyMm : $"{yyyyMm[..4]}年{int.Parse(yyyyMm[5..], CultureInfo.InvariantCulture)}月";

        public string Date(DateOnly d) => English ? Format.Day(d) : $"{d.Year}年{d.Month}月{d.Day}日";

        // Every member has its words: a new member fails loudly instead of printing its English name into the filing.
        public string RedLine(string name) => Enum.Parse<Compliance.RedLine>(name) switch
        {
            Compliance.RedLine.OutOfScope => T("超范围使用（营销等）", "Use outside the approved purposes (marketing etc.)"),
            Compliance.RedLine.DataLeak => T("客户信息泄露", "Customer data leak"),
            Compliance.RedLine.NumberLending => T("出借或转让码号", "Lending or transferring the number"),
            Compliance.RedLine.FalseAdvertising => T("广告绝对化用语", "Absolute advertising terms"),
            var other => throw new InvalidOperationException($"red line {other} has no words in the report"),
        };

        public string AlertKind(Monitoring.AlertKind kind) => kind switch
        {
            Monitoring.AlertKind.VolumeSurge => T("话务量突增", "Call volume surge"),
            Monitoring.AlertKind.CallerFlood => T("单一号码频繁呼入", "One caller flooding the line"),
            Monitoring.AlertKind.ServiceLevel => T("服务水平低于目标", "Service level below target"),
            var other => throw new InvalidOperationException($"alert kind {other} has no words in the report"),
        };

        public string ChangeKind(string kind) => kind switch
        {
            ReportChangeKinds.ChangeFiling => T("变更备案", "Change filing"),
            ReportChangeKinds.Roster => T("坐席或人员变更", "Seats or agents changed"),
            ReportChangeKinds.LineUsage => T("号码用途或服务时间变更", "Purposes or service hours of the number changed"),
            ReportChangeKinds.Dossier => T("申请材料及管理制度修订", "Dossier and policies revised"),
            _ => kind,
        };
    }

    public static string Title(AnnualReport r, Words w)
    {
        var h = r.Header;
        return h.Year is { } year
            ? w.T($"{year}年度95码号使用情况报告", $"95 Number Usage Report for {year}")
            : w.T($"95码号使用情况报告（{Format.Day(h.From)}至{Format.Day(h.To)}）", $"95 Number Usage Report ({Format.Day(h.From)} to {Format.Day(h.To)})");
    }

    public static DocumentModel Document(AnnualReport r, bool english = false)
    {
        var w = new Words(english);
        var h = r.Header;
        var c = r.Company;
        var l = r.Licence;
        List<Block> blocks =
        [
            new Paragraph(w.T($"{w.Blank(h.Addressee, "主管部门", "the authority")}：", $"To: {w.Blank(h.AddresseeEnglish, "主管部门", "the authority")}"), Bold: true),
            new Paragraph(w.T(
                $"根据《电信网码号资源管理办法》和码号使用证书的要求，现将本单位95码号 {h.Line} 在 {w.Date(h.From)}至{w.Date(h.To)}期间的使用情况报告如下。",
                $"As the Telecommunication Network Number Resources Regulation and the number's certificate require, we report the use of our 95 number {h.Line} from {w.Date(h.From)} to {w.Date(h.To)}.")),
            new Heading(w.T("一、企业及码号基本情况", "1. The enterprise and the number")),
            new Table([w.T("项目", "Item"), w.T("内容", "Value")],
            [
                [w.T("企业名称", "Enterprise"), c.Name],
                [w.T("统一社会信用代码", "Unified social credit code"), w.Blank(c.Uscc, "统一社会信用代码", "unified social credit code")],
                [w.T("住所", "Registered address"), w.Blank(c.RegisteredAddress, "住所", "registered address")],
                [w.T("法定代表人", "Legal representative"), w.Blank(c.LegalRepresentative, "法定代表人", "legal representative")],
                [w.T("联系人", "Contact person"), w.Blank(c.ContactPerson, "联系人", "contact person")],
                [w.T("联系电话", "Contact telephone"), w.Blank(c.ContactPhone, "联系电话", "contact telephone")],
                [w.T("码号", "Number"), h.Line],
                [w.T("码号证书编号", "Certificate number"), w.Blank(l.CertificateNumber, "证书编号", "certificate number")],
                [w.T("发证日期", "Certificate issued"), l.CertificateIssuedOn is { } issued ? w.Date(issued) : w.Blank(null, "发证日期", "date of issue")],
                [w.T("备案日期", "Filed"), l.FiledOn is { } filed ? w.Date(filed) : w.Blank(null, "备案日期", "filing date")],
                [w.T("批准用途", "Approved purposes"), l.Purposes.Count == 0 ? w.Blank(null, "批准用途", "approved purposes") : string.Join(w.T("、", ", "), l.Purposes)],
                [w.T("服务时间", "Service hours"), w.Blank(l.ServiceHours, "服务时间", "service hours")],
                [w.T("报告期", "Period"), w.T($"{w.Date(h.From)}至{w.Date(h.To)}", $"{w.Date(h.From)} to {w.Date(h.To)}")],
            ]),
            new Heading(w.T("二、服务概况", "2. Service summary")),
            new Paragraph(Summary(r, w)),
            new Heading(w.T("三、通话情况", "3. Calls")),
            new Table([w.T("月份", "Month"), w.T("通话量（次）", "Calls"), w.T("呼入（次）", "Inbound"), w.T("呼出（次）", "Outbound"), w.T("接通率", "Answer rate"),
                    w.T("平均通话时长（秒）", "Average talk (s)"), w.T("来电号码数（个）", "Callers"), w.T("投诉（件）", "Complaints")],
                [.. r.Months.Select(m => CallRow(w.Month(m.Month), m, w)), CallRow(w.T("合计", "Total"), r.Total, w)]),
            new BarChart(w.T("各月通话量（次）", "Calls by month"), r.Months.Select(m => (m.Month[2..], (double)m.Calls)).ToList()),
            new Paragraph(CallbackText(r.Callbacks, w)),
            .. QueueBlocks(r.Queues, w),
            new Heading(w.T("四、投诉处理情况", "4. Complaints")),
            .. ComplaintBlocks(r, w),
            new Heading(w.T("五、变更情况", "5. Changes during the period")),
            .. ChangeBlocks(r, w),
            new Heading(w.T("六、安全制度执行情况", "6. Security policies in practice")),
            .. SecurityBlocks(r, w),
            new Heading(w.T("七、异常情况及处置", "7. Anomalies and their handling")),
            r.Anomalies.Count == 0
                ? new Paragraph(w.T("报告期内未发现话务异常。", "No anomaly was detected in the period."))
                : new Table([w.T("发现时间", "Raised"), w.T("类型", "Kind"), w.T("观测值", "Observed"), w.T("基线", "Expected"), w.T("处置情况", "Handling")],
                    r.Anomalies.Select(a => (IReadOnlyList<string>)[ChinaTime.ToChina(a.RaisedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), w.AlertKind(a.Kind),
                        Format.Decimal(a.Observed), Format.Decimal(a.Expected), a.Handling switch
                        {
                            null => w.T("期末未处置", "not handled by the period's end"),
                            ReportAnomaly.CallerBlocked => w.T("已将该来电号码列入黑名单", "the caller was blocked"),
                            var note => note,
                        }]).ToList()),
            new Heading(w.T("八、合规红线", "8. Red lines")),
            r.RedLines.Count == 0
                ? new Paragraph(w.T("报告期内未发生红线告警。", "No red-line alert was raised in the period."))
                : new Table([w.T("月份", "Month"), w.T("红线", "Red line"), w.T("告警（次）", "Raised"), w.T("期末已处理（次）", "Resolved by the period's end")],
                    r.RedLines.Select(x => (IReadOnlyList<string>)[w.Month(x.Month), w.RedLine(x.RedLine), Format.Count(x.Raised), Format.Count(x.Resolved)]).ToList()),
            new SignatureBlock(
            [
                w.T($"法定代表人（签字）：{c.LegalRepresentative ?? "＿＿＿＿＿＿"}", $"Legal representative (signature): {c.LegalRepresentative ?? "______"}"),
                w.T($"{c.Name}（盖章）", $"{c.Name} (seal)"),
                w.T("日期：　　　年　　月　　日", "Date: ____________"),
            ], w.T("九、声明：本单位承诺，本报告所填内容及所附数据真实、准确、完整，如有不实，愿承担相应法律责任。",
                "9. Declaration: we declare that the content of this report and its figures are true, accurate and complete, and accept the legal consequences of any untruth.")),
        ];
        return new DocumentModel(Title(r, w), w.T($"{c.Name}　生成日期：{w.Date(ChinaTime.DateOf(h.GeneratedAt))}", $"{c.Name} · rendered {w.Date(ChinaTime.DateOf(h.GeneratedAt))}"), blocks)
        {
            English = english,
            PageNote = h.Partial ? w.T($"截至 {Format.Day(h.To)}（报告期尚未结束）", $"As of {Format.Day(h.To)} (the period has not ended)") : null,
        };
    }

    private static string Summary(AnnualReport r, Words w)
    {
        var a = r.Average;
        var t = r.Total;
        return w.T(
            $"报告期内本号码共处理通话 {Format.Count(t.Calls)} 次（呼入 {Format.Count(t.CallsIn)} 次、呼出 {Format.Count(t.CallsOut)} 次），呼入接通率 {w.Rate(t.AnswerRate)}；" +
            (a.Calls is { } perMonth
                ? $"月均通话量 {Format.Decimal(perMonth)} 次（自{w.Month($"{a.From:yyyy-MM}")}起计 {a.Months} 个月，不足一月按一月计）。"
                : "报告期内本号码尚未启用，月均通话量不适用。") + $"受理投诉 {Format.Count(r.Complaints.Received)} 件，" +
            $"期末已办结 {Format.Count(r.Complaints.Resolved)} 件，解决率 {w.Rate(r.Complaints.ResolutionRate)}。",
            $"In the period the number handled {Format.Count(t.Calls)} calls ({Format.Count(t.CallsIn)} inbound, {Format.Count(t.CallsOut)} outbound), with an inbound answer rate of {w.Rate(t.AnswerRate)}; " +
            (a.Calls is { } average
                ? $"{Format.Decimal(average)} calls a month on average (over {a.Months} months from {a.From:yyyy-MM}, a partial month counting as one). "
                : "The number was not yet in use in the period: no monthly average. ") + $"{Format.Count(r.Complaints.Received)} complaints were received, " +
            $"{Format.Count(r.Complaints.Resolved)} resolved by the period's end: a resolution rate of {w.Rate(r.Complaints.ResolutionRate)}.");
    }

    private static IReadOnlyList<string> CallRow(string label, CallMonth m, Words w) =>
        [label, Format.Count(m.Calls), Format.Count(m.CallsIn), Format.Count(m.CallsOut), w.Rate(m.AnswerRate), w.Seconds(m.AverageTalkSeconds), Format.Count(m.DistinctCallers), Format.Count(m.Complaints)];

    /// <summary>Callbacks counted from the first one recorded; before any, the report says none was recorded rather than 0%.</summary>
    private static string CallbackText(Callbacks.CallbackFigures c, Words w) => c switch
    {
        { TrackedFrom: null } => w.T("未接来电回拨：尚无回拨记录，不统计回拨率。", "Missed-call callbacks: none has been recorded, so no callback share is reported."),
        { Missed: 0 } => w.T("未接来电回拨：报告期内无未接来电。", "Missed-call callbacks: no missed inbound call in the period."),
        _ => w.T($"未接来电回拨（自 {Format.Day(c.TrackedFrom.Value)} 起统计）：未接来电 {Format.Count(c.Missed)} 个，24小时内回拨 {Format.Count(c.CalledBackWithin24Hours)} 个（{w.Rate(c.ShareWithin24Hours)}），共回拨 {Format.Count(c.CalledBack)} 个。",
            $"Missed-call callbacks (counted from {Format.Day(c.TrackedFrom.Value)}): {Format.Count(c.Missed)} missed calls, {Format.Count(c.CalledBackWithin24Hours)} called back within 24 hours ({w.Rate(c.ShareWithin24Hours)}), {Format.Count(c.CalledBack)} called back in all."),
    };

    /// <summary>The queue figures as call centres report them; without queue records the report says none were imported rather than printing rates it was never given.</summary>
    private static IEnumerable<Block> QueueBlocks(QueueSummary q, Words w)
    {
        if (q.Total.Offered == 0)
        {
            yield return new Paragraph(w.T("排队服务水平：本期未导入交换机队列记录，不统计接通率等排队指标。", "Queue service level: no PBX queue records were imported for the period, so no queue figures are reported."));
            yield break;
        }

        var s = q.ServiceLevelSeconds;
        IReadOnlyList<string> Row(string label, Queues.QueueFigures f) => f.Offered == 0
            ? [label, w.T("无记录", "no records"), "—", "—", "—", "—", "—"]
            : [label, Format.Count(f.Offered), Format.Count(f.Answered), Format.Count(f.Abandoned), w.Rate(f.ServiceLevel), w.Seconds(f.AverageSpeedOfAnswer), w.Rate(f.AbandonmentRate)];
        yield return new Paragraph(w.T(
            $"排队服务水平：{s}秒接通率 = {s}秒内接通 ÷（进线 − 等待{q.ShortAbandonSeconds}秒内放弃）；平均应答时长 = 接通前平均等待；放弃率 =（放弃 − 短时放弃）÷（进线 − 短时放弃）。" +
            $"本期{s}秒接通率 {w.Rate(q.Total.ServiceLevel)}，平均应答时长 {w.Seconds(q.Total.AverageSpeedOfAnswer)} 秒，放弃率 {w.Rate(q.Total.AbandonmentRate)}。",
            $"Queue service level: answered within {s} s ÷ (offered − abandoned within {q.ShortAbandonSeconds} s); average speed of answer = mean wait before answer; abandonment = (abandoned − short abandons) ÷ (offered − short abandons). " +
            $"For the period: service level {w.Rate(q.Total.ServiceLevel)}, average speed of answer {w.Seconds(q.Total.AverageSpeedOfAnswer)} s, abandonment {w.Rate(q.Total.AbandonmentRate)}."));
        yield return new Table([w.T("月份", "Month"), w.T("进线（次）", "Offered"), w.T("接通（次）", "Answered"), w.T("放弃（次）", "Abandoned"), w.T($"{s}秒接通率", $"Service level ({s} s)"),
                w.T("平均应答时长（秒）", "Speed of answer (s)"), w.T("放弃率", "Abandonment")],
            [.. q.Months.Select(m => Row(w.Month(m.Key), m)), Row(w.T("合计", "Total"), q.Total)]);
    }

    private static IEnumerable<Block> ComplaintBlocks(AnnualReport r, Words w)
    {
        var k = r.Complaints;
        yield return new Paragraph(k.Received == 0
            ? w.T("报告期内未受理投诉。", "No complaint was received in the period.")
            : w.T($"报告期内受理投诉 {Format.Count(k.Received)} 件；{k.ResponseHours}小时内响应 {Format.Count(k.RespondedWithinDeadline)} 件（{w.Rate(k.RespondedWithinDeadlineRate)}）；" +
                  $"{k.ResolutionWorkingDays}个工作日内办结 {Format.Count(k.ResolvedWithinDeadline)} 件（{w.Rate(k.ResolvedWithinDeadlineRate)}）；期末已办结 {Format.Count(k.Resolved)} 件，解决率 {w.Rate(k.ResolutionRate)}。",
                $"{Format.Count(k.Received)} complaints were received; {Format.Count(k.RespondedWithinDeadline)} answered within {k.ResponseHours} hours ({w.Rate(k.RespondedWithinDeadlineRate)}); " +
                  $"{Format.Count(k.ResolvedWithinDeadline)} resolved within {k.ResolutionWorkingDays} working days ({w.Rate(k.ResolvedWithinDeadlineRate)}); {Format.Count(k.Resolved)} resolved by the period's end, a resolution rate of {w.Rate(k.ResolutionRate)}."));
        if (k.OpenAtPeriodEnd.Count == 0)
        {
            yield return new Paragraph(w.T("期末无未办结投诉。", "No complaint was open at the period's end."));
        }
        else
        {
            yield return new Paragraph(w.T($"期末未办结投诉 {Format.Count(k.OpenAtPeriodEnd.Count)} 件，其中超期 {Format.Count(k.OpenAtPeriodEnd.Count(o => o.Overdue))} 件：",
                $"{Format.Count(k.OpenAtPeriodEnd.Count)} complaints were open at the period's end, {Format.Count(k.OpenAtPeriodEnd.Count(o => o.Overdue))} of them overdue:"));
            yield return new Table([w.T("编号", "No."), w.T("受理日期", "Received"), w.T("响应期限", "Answer by"), w.T("办结期限", "Resolve by"), w.T("状态", "State")],
                k.OpenAtPeriodEnd.Select(o => (IReadOnlyList<string>)[o.Id.ToString(CultureInfo.InvariantCulture), Format.Day(o.ReceivedOn), Format.Day(o.RespondBy), Format.Day(o.ResolveBy),
                    o.Overdue ? w.T("超期未办结", "overdue") : o.Responded ? w.T("已响应，办理中", "answered, in progress") : w.T("待响应", "awaiting an answer")]).ToList());
        }

        if (k.TypicalCases.Count > 0)
        {
            yield return new Paragraph(w.T("典型案例（已去除个人信息）：", "Typical cases (without personal data):"));
            yield return new BulletList(k.TypicalCases, Numbered: true);
        }
        else if (k.Received > 0)
        {
            yield return new Paragraph(w.T("典型案例：【待填写：不超过三例，不含个人信息】", "Typical cases: [to fill in: up to three, without personal data]"));
        }
    }

    private static IEnumerable<Block> ChangeBlocks(AnnualReport r, Words w)
    {
        if (r.Changes.Count == 0)
        {
            yield return new Paragraph(w.T("报告期内无变更事项。", "No change in the period."));
        }
        else
        {
            yield return new Table([w.T("日期", "Date"), w.T("事项", "Change"), w.T("说明", "Note")],
                r.Changes.Select(x => (IReadOnlyList<string>)[Format.Day(x.On), w.ChangeKind(x.Kind),
                    x.Kind == ReportChangeKinds.ChangeFiling ? (x.Detail is null ? w.T("期末尚未完成备案", "not filed by the period's end") : w.T($"已于 {x.Detail} 完成备案", $"filed on {x.Detail}")) : ""]).ToList());
        }

        yield return new Paragraph(w.T($"截至 {Format.Day(r.AsOfRendering.On)}：坐席 {Format.Count(r.AsOfRendering.Seats)} 个，全职客服人员 {Format.Count(r.AsOfRendering.FullTimeAgents)} 人。",
            $"As of {Format.Day(r.AsOfRendering.On)}: {Format.Count(r.AsOfRendering.Seats)} seats and {Format.Count(r.AsOfRendering.FullTimeAgents)} full-time agents."));
    }

    private static IEnumerable<Block> SecurityBlocks(AnnualReport r, Words w)
    {
        var s = r.Security;
        var now = r.AsOfRendering;
        var state = now.Retention;
        yield return new BulletList(
        [
            w.T($"保存期限：通话记录及录音保存 {s.CallRecordMonths} 个月，投诉记录办结后保存 {s.ComplaintRecordMonths} 个月，期满删除。",
                $"Retention: call records and recordings are kept {s.CallRecordMonths} months, complaint records {s.ComplaintRecordMonths} months after closing, then deleted."),
            s.Purges.Count == 0
                ? w.T("报告期内未执行到期清理。", "No retention purge ran in the period.")
                : w.T($"报告期内执行到期清理 {Format.Count(s.Purges.Count)} 次，删除通话记录 {Format.Count(s.Purges.Sum(p => p.CallsDeleted))} 条、录音 {Format.Count(s.Purges.Sum(p => p.RecordingsDeleted))} 个。",
                    $"{Format.Count(s.Purges.Count)} retention purges ran in the period, deleting {Format.Count(s.Purges.Sum(p => p.CallsDeleted))} call records and {Format.Count(s.Purges.Sum(p => p.RecordingsDeleted))} recordings."),
            s.MasterKeyRotations.Count == 0
                ? w.T("报告期内未轮换主密钥。", "The master key was not rotated in the period.")
                : w.T($"报告期内轮换主密钥 {Format.Count(s.MasterKeyRotations.Count)} 次（{string.Join("、", s.MasterKeyRotations.Select(Format.Day))}）。",
                    $"The master key was rotated {Format.Count(s.MasterKeyRotations.Count)} times ({string.Join(", ", s.MasterKeyRotations.Select(Format.Day))})."),
            w.T($"个人信息查看（明文）{Format.Count(s.Reveals)} 次，导出 {Format.Count(s.Exports)} 次，录音访问 {Format.Count(s.RecordingAccesses)} 次，均记入审计日志；报告期内审计日志记录 {Format.Count(s.AuditEntries)} 条。",
                $"Personal data was revealed {Format.Count(s.Reveals)} times, exported {Format.Count(s.Exports)} times and recordings accessed {Format.Count(s.RecordingAccesses)} times, each in the audit log; the period's audit log holds {Format.Count(s.AuditEntries)} entries."),
        ]);
        yield return new Paragraph(w.T($"截至 {Format.Day(now.On)}（生成日）的情况：", $"As of {Format.Day(now.On)} (the day of rendering):"), Bold: true);
        yield return new BulletList(new[]
        {
            state.OldestCallHeld is { } oldest
                ? w.T($"保存的最早通话记录：{Format.Day(oldest)}。", $"Oldest call record held: {Format.Day(oldest)}.")
                : w.T("未保存通话记录。", "No call record is held."),
            state.Breached
                ? w.T($"超过保存期限的记录：通话记录 {Format.Count(state.CallsPastRetention)} 条（最早 {(state.OldestCallPastRetention is { } o ? Format.Day(o) : "—")}），投诉记录 {Format.Count(state.ComplaintsPastRetention)} 条，须立即清理。",
                    $"Records past retention: {Format.Count(state.CallsPastRetention)} call records (oldest {(state.OldestCallPastRetention is { } o2 ? Format.Day(o2) : "—")}) and {Format.Count(state.ComplaintsPastRetention)} complaint records, to be purged at once.")
                : w.T("无超过保存期限的记录。", "No record is held past its retention period."),
            state.CallsPastRetentionOnHold > 0
                ? w.T($"因法律保全保留的超期通话记录 {Format.Count(state.CallsPastRetentionOnHold)} 条。", $"{Format.Count(state.CallsPastRetentionOnHold)} call records past retention are kept under legal hold.")
                : "",
            now.EncryptedFieldsPercent is { } p
                ? w.T($"抽查最近通话的个人信息字段 {Format.Count(now.FieldsSampled)} 个，加密比例 {Format.Decimal(p)}%（256位高级加密标准，按月数据密钥由主密钥保护）。",
                    $"{Format.Count(now.FieldsSampled)} personal-data fields of recent calls sampled: {Format.Decimal(p)}% encrypted (monthly data keys protected by a master key).")
                : w.T("无可抽查的个人信息字段。", "No personal-data field to sample."),
            now.AuditLogIntact
                ? w.T($"审计日志哈希链校验完整（{Format.Count(now.AuditEntriesChecked)} 条）。", $"The audit log's hash chain verifies ({Format.Count(now.AuditEntriesChecked)} entries).")
                : w.T($"审计日志哈希链在第 {now.AuditFirstBadSequence} 条处校验失败。", $"The audit log's hash chain fails at entry {now.AuditFirstBadSequence}."),
        }.Where(item => item.Length > 0).ToList());
    }

    private static SheetData Wide(string name, IReadOnlyList<(string Heading, object? Value)> items) =>
        new(name, [items.Select(i => (object?)i.Heading).ToList(), items.Select(i => i.Value).ToList()]);

    public static IReadOnlyList<SheetData> Sheets(AnnualReport r, Words w)
    {
        var h = r.Header;
        var c = r.Company;
        object? Rate(double? v) => v is { } x ? new XlsxRate(x) : w.NotApplicable;
        object? Seconds(double? v) => v is { } x ? x : w.NotApplicable;
        return
        [
            // Sheets of single figures are one row under their headings: one column, one unit.
            Wide(w.T("基本情况", "Summary"),
            [
                (w.T("报告", "Report"), Title(r, w)),
                (w.T("报送单位", "Addressee"), w.T(w.Blank(h.Addressee, "主管部门", "the authority"), w.Blank(h.AddresseeEnglish, "主管部门", "the authority"))),
                (w.T("企业名称", "Enterprise"), c.Name),
                (w.T("统一社会信用代码", "Unified social credit code"), w.Blank(c.Uscc, "统一社会信用代码", "unified social credit code")),
                (w.T("住所", "Registered address"), w.Blank(c.RegisteredAddress, "住所", "registered address")),
                (w.T("法定代表人", "Legal representative"), w.Blank(c.LegalRepresentative, "法定代表人", "legal representative")),
                (w.T("联系人", "Contact person"), w.Blank(c.ContactPerson, "联系人", "contact person")),
                (w.T("联系电话", "Contact telephone"), w.Blank(c.ContactPhone, "联系电话", "contact telephone")),
                (w.T("码号", "Number"), h.Line),
                (w.T("码号证书编号", "Certificate number"), w.Blank(r.Licence.CertificateNumber, "证书编号", "certificate number")),
                (w.T("报告期起", "Period from"), Format.Day(h.From)),
                (w.T("报告期止", "Period to"), Format.Day(h.To)),
                (w.T("月均通话量（次）", "Monthly average calls"), r.Average.Calls is { } avg ? avg : w.NotApplicable),
                (w.T("计算月数（个月）", "Months averaged over"), r.Average.Months),
                (w.T("通话总量（次）", "Total calls"), r.Total.Calls),
            ]),
            new SheetData(w.T("通话", "Calls"),
            [
                [w.T("月份", "Month"), w.T("通话量（次）", "Calls"), w.T("呼入（次）", "Inbound"), w.T("呼出（次）", "Outbound"), w.T("接通（次）", "Answered"), w.T("未接（次）", "Missed"),
                    w.T("接通率", "Answer rate"), w.T("平均通话时长（秒）", "Average talk (s)"), w.T("来电号码数（个）", "Callers"), w.T("投诉（件）", "Complaints")],
                .. r.Months.Append(r.Total).Select(m => (IReadOnlyList<object?>)[m == r.Total ? w.T("合计", "Total") : m.Month, m.Calls, m.CallsIn, m.CallsOut, m.Answered, m.Missed,
                    Rate(m.AnswerRate), Seconds(m.AverageTalkSeconds), m.DistinctCallers, m.Complaints]),
            ]),
            new SheetData(w.T("排队", "Queues"),
            [
                [w.T("月份", "Month"), w.T("进线（次）", "Offered"), w.T("接通（次）", "Answered"), w.T("放弃（次）", "Abandoned"), w.T("短时放弃（次）", "Short abandons"),
                    w.T($"{r.Queues.ServiceLevelSeconds}秒接通率", $"Service level ({r.Queues.ServiceLevelSeconds} s)"), w.T("平均应答时长（秒）", "Speed of answer (s)"), w.T("放弃率", "Abandonment"),
                    w.T("平均处理时长（秒）", "Handle time (s)")],
                .. r.Queues.Months.Append(r.Queues.Total).Select(m => (IReadOnlyList<object?>)[m == r.Queues.Total ? w.T("合计", "Total") : m.Key, m.Offered, m.Answered, m.Abandoned, m.ShortAbandoned,
                    Rate(m.ServiceLevel), Seconds(m.AverageSpeedOfAnswer), Rate(m.AbandonmentRate), Seconds(m.AverageHandleTime)]),
            ]),
            Wide(w.T("投诉", "Complaints"),
            [
                (w.T("受理（件）", "Received"), r.Complaints.Received),
                (w.T("按时响应（件）", "Answered in time"), r.Complaints.RespondedWithinDeadline),
                (w.T("按时响应率", "Answered in time, share"), Rate(r.Complaints.RespondedWithinDeadlineRate)),
                (w.T("按时办结（件）", "Resolved in time"), r.Complaints.ResolvedWithinDeadline),
                (w.T("按时办结率", "Resolved in time, share"), Rate(r.Complaints.ResolvedWithinDeadlineRate)),
                (w.T("期末已办结（件）", "Resolved by the period's end"), r.Complaints.Resolved),
                (w.T("解决率", "Resolution rate"), Rate(r.Complaints.ResolutionRate)),
                (w.T("期末未办结（件）", "Open at the period's end"), r.Complaints.OpenAtPeriodEnd.Count),
                (w.T("其中超期（件）", "of which overdue"), r.Complaints.OpenAtPeriodEnd.Count(o => o.Overdue)),
            ]),
            Wide(w.T("安全", "Security"),
            [
                (w.T("通话记录保存（个月）", "Call records kept (months)"), r.Security.CallRecordMonths),
                (w.T("到期清理（次）", "Retention purges"), r.Security.Purges.Count),
                (w.T("删除通话记录（条）", "Call records deleted"), r.Security.Purges.Sum(p => p.CallsDeleted)),
                (w.T("主密钥轮换（次）", "Master-key rotations"), r.Security.MasterKeyRotations.Count),
                (w.T("明文查看（次）", "Reveals"), r.Security.Reveals),
                (w.T("导出（次）", "Exports"), r.Security.Exports),
                (w.T("录音访问（次）", "Recording accesses"), r.Security.RecordingAccesses),
                (w.T("审计日志记录（条）", "Audit entries in the period"), r.Security.AuditEntries),
                (w.T("生成日", "Day of rendering"), Format.Day(r.AsOfRendering.On)),
                (w.T("保存的最早通话记录（日期）", "Oldest call record held (date)"), r.AsOfRendering.Retention.OldestCallHeld is { } o ? Format.Day(o) : "—"),
                (w.T("超过保存期限的通话记录（条）", "Call records past retention"), r.AsOfRendering.Retention.CallsPastRetention),
                (w.T("超过保存期限的投诉记录（条）", "Complaint records past retention"), r.AsOfRendering.Retention.ComplaintsPastRetention),
                (w.T("抽查字段加密比例", "Encrypted share of the fields sampled"), r.AsOfRendering.EncryptedFieldsPercent is { } p ? new XlsxRate(p / 100) : w.NotApplicable),
                (w.T("审计日志完整（是/否）", "Audit log intact (yes/no)"), r.AsOfRendering.AuditLogIntact ? w.T("是", "yes") : w.T("否", "no")),
            ]),
            new SheetData(w.T("红线", "Red lines"),
            [
                [w.T("月份", "Month"), w.T("红线", "Red line"), w.T("告警（次）", "Raised"), w.T("期末已处理（次）", "Resolved by the period's end")],
                .. r.RedLines.Select(x => (IReadOnlyList<object?>)[x.Month, w.RedLine(x.RedLine), x.Raised, x.Resolved]),
            ]),
        ];
    }
}
