using System.Globalization;
using System.IO.Compression;
using System.Text;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Retention;
using Hotline95.Core.Roster;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Table = Hotline95.Core.Documents.Table;

namespace Hotline95.Core.Reports;

public sealed record InspectionPackResult(byte[] Zip, IReadOnlyList<string> Files);

/// <summary>
/// The on-site inspection's evidence (现场核查): the roster with training records, proof that encryption is on
/// (stored ciphertext beside its masked view, key ids and dates, never key material), the retention policy and
/// purge history, the audit-log verification and the complaint deadline figures, with an index PDF.
/// </summary>
public sealed class BuildInspectionPackHandler(
    Hotline95DbContext db, RosterHandler roster, ManageKeysHandler keys, VerifyAuditLogHandler verify, ComplaintFiguresHandler complaints, CallReader calls,
    IOptions<RetentionOptions> retention, IOptions<ComplaintPolicyOptions> complaintPolicy, AuditLog audit, TimeProvider clock)
{
    public const int CiphertextSample = 20;

    public async Task<Result<InspectionPackResult>> HandleAsync(Guid enterpriseId, string? lineNumber, string actor, CancellationToken ct = default)
    {
        var line = await db.Lines.AsNoTracking().SingleOrDefaultAsync(l => l.EnterpriseId == enterpriseId && l.Number == (lineNumber ?? "").Trim(), ct);
        if (line is null)
        {
            return Error.Validation("line", "LINE_UNKNOWN", $"line '{lineNumber}' is not a configured 95 line of this enterprise. / 线路不存在。");
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterpriseId, ct);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        // Roster: seats, agents, training records and their files.
        var people = await roster.GetAsync(enterpriseId, ct);
        files["roster/seats.csv"] = Csv.Write(["code", "location", "equipment"], people.Seats.Select(s => new[] { s.Code, s.Location, s.Equipment }));
        files["roster/agents.csv"] = Csv.Write(["name", "account", "employment", "social_insurance_city", "social_insurance_months", "training"],
            people.Agents.Select(a => new[] { a.Name, a.UserName ?? "", a.Employment, a.SocialInsuranceCity ?? "", a.SocialInsuranceMonths.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", a.Training.Select(t => $"{t.HeldOn:yyyy-MM-dd} {t.Topic}")) }));
        foreach (var training in await db.Trainings.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId && t.Content != null).ToListAsync(ct))
        {
            var agent = people.Agents.FirstOrDefault(a => a.Id == training.AgentId)?.Name ?? "agent";
            files[$"roster/training/{Safe(agent)}/{training.HeldOn:yyyy-MM-dd}-{Safe(training.FileName ?? "file")}"] = training.Content!;
        }

        // Encryption: what is stored, beside what staff see.
        var sample = await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line.Number && c.CustomerNumber != null)
            .OrderByDescending(c => c.StartedAt).Take(CiphertextSample).ToListAsync(ct);
        var rows = new List<string[]>();
        foreach (var call in sample)
        {
            var view = await calls.MaskedAsync(call, false, ct);
            rows.Add([call.Id.ToString(CultureInfo.InvariantCulture), ChinaTime.ToChina(call.StartedAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                view.Customer, Convert.ToHexString(call.CustomerNumber!), call.CustomerNumberIndex is null ? "" : Convert.ToHexString(call.CustomerNumberIndex)]);
        }

        files["encryption/ciphertext-sample.csv"] = Csv.Write(["call_id", "started_at", "masked_number_as_shown", "stored_number_aes256gcm_envelope_hex", "blind_index_hmac_hex"], rows);
        var keyStatus = await keys.StatusAsync(enterpriseId, ct);
        if (keyStatus.IsSuccess)
        {
            files["encryption/keys.csv"] = Csv.Write(["data_key_id", "purpose", "month", "wrapped_by_master_key", "created_at", "rotated_at", "destroyed_at"],
                keyStatus.Value.DataKeys.Select(k => new[] { k.Id.ToString(CultureInfo.InvariantCulture), k.Purpose, k.Month, k.MasterKeyId, Stamp(k.CreatedAt), Stamp(k.RotatedAt), Stamp(k.DestroyedAt) }));
        }

        // Retention: the policy in force and every purge.
        var purges = await db.PurgeRuns.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId).OrderBy(p => p.RanAt).ToListAsync(ct);
        files["retention/policy.txt"] = Encoding.UTF8.GetBytes(
            $"通话记录及录音保存 Call records and recordings kept: {retention.Value.CallRecordMonths} months, then deleted and their month's data key destroyed.\n" +
            $"投诉记录保存 Complaint records kept: {retention.Value.ComplaintRecordMonths} months.\n" +
            $"每日自动清理 Nightly purge: {(retention.Value.NightlyEnabled ? $"on, at {retention.Value.NightlyAt:HH\\:mm} Asia/Shanghai" : "off")}.\n" +
            $"投诉时限 Complaint limits: respond within {complaintPolicy.Value.ResponseHours} hours, resolve within {complaintPolicy.Value.ResolutionWorkingDays} working days.\n");
        files["retention/purges.csv"] = Csv.Write(["ran_at", "cutoff", "calls_deleted", "recordings_deleted", "kept_on_hold", "keys_destroyed", "ran_by"],
            purges.Select(p => new[] { Stamp(p.RanAt), Stamp(p.Cutoff), p.CallsDeleted.ToString(CultureInfo.InvariantCulture), p.RecordingsDeleted.ToString(CultureInfo.InvariantCulture),
                p.CallsKeptOnHold.ToString(CultureInfo.InvariantCulture), p.KeysDestroyed, p.RanBy }));

        // Audit log.
        var verification = await verify.HandleAsync(ct);
        files["audit/verification.txt"] = Encoding.UTF8.GetBytes(
            $"verified_at: {Stamp(now)}\nintact: {verification.Intact}\nentries_checked: {verification.EntriesChecked}\nfirst_bad_sequence: {verification.FirstBadSequence}\n");

        // Complaints: twelve months of deadline figures.
        var months = new List<ComplaintMonthFigures>();
        for (var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-11); month <= today; month = month.AddMonths(1))
        {
            months.AddRange(await complaints.HandleAsync(enterpriseId, month, line.Number, ct));
        }

        files["complaints/deadline-figures.csv"] = Csv.Write(["month", "received", "responded_in_time", "resolved_in_time", "resolved", "resolution_rate_percent"],
            months.Select(m => new[] { m.Month, Num(m.Received), Num(m.RespondedWithinDeadline), Num(m.ResolvedWithinDeadline), Num(m.Resolved), m.ResolutionRatePercent.ToString("0.0", CultureInfo.InvariantCulture) }));

        var index = new DocumentModel("现场核查证据包 On-site inspection evidence", $"{enterprise.Name} · {line.Number} · {today:yyyy-MM-dd}",
        [
            new Heading("一、坐席与人员 Seats and agents"),
            new Paragraph($"坐席 Seats: {people.Seats.Count}；人员 Agents: {people.Agents.Count}（全职 full-time {people.Agents.Count(a => a.Employment == nameof(EmploymentType.FullTime))}）；培训记录 Training records: {people.Agents.Sum(a => a.Training.Count)}。见 roster/。"),
            new Heading("二、客户数据加密系统 Customer-data encryption"),
            new Paragraph($"个人信息以 {PlatformFactsSource.Encryption} 加密存储，按月数据密钥由主密钥封装。encryption/ciphertext-sample.csv 列出 {rows.Count} 条通话的存储密文与其脱敏显示；encryption/keys.csv 列出密钥编号与日期（不含密钥本身）。"),
            new Heading("三、通话记录保存系统 Call-record retention"),
            new Paragraph($"通话记录保存 {retention.Value.CallRecordMonths} 个月，到期删除并销毁该月密钥；已执行清理 {purges.Count} 次，共删除 {purges.Sum(p => p.CallsDeleted)} 条。见 retention/。"),
            new Heading("四、审计日志 Audit log"),
            new Paragraph($"哈希链校验 Hash-chain verification: {(verification.Intact ? "完整 intact" : "异常 BROKEN")}，{verification.EntriesChecked} 条。见 audit/verification.txt。"),
            new Heading("五、投诉处理时限 Complaint deadlines"),
            new Paragraph($"近12个月投诉 {months.Sum(m => m.Received)} 件，按时响应 {months.Sum(m => m.RespondedWithinDeadline)} 件，按时办结 {months.Sum(m => m.ResolvedWithinDeadline)} 件。见 complaints/。"),
            new Heading("文件清单 Files"),
            new Table(["文件 File", "字节 Bytes"], files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (IReadOnlyList<string>)[f.Key, f.Value.Length.ToString("N0", CultureInfo.InvariantCulture)]).ToList()),
        ]);
        files["index.pdf"] = PdfRenderer.Render(index, $"{enterprise.Name} · {line.Number}");

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = now;
                await using var stream = entry.Open();
                await stream.WriteAsync(content, ct);
            }
        }

        await audit.AppendAsync(enterpriseId, actor, AuditActions.InspectionPackGenerated, $"line:{line.Number}", $"files={files.Count}", ct);
        return new InspectionPackResult(output.ToArray(), files.Keys.Order(StringComparer.Ordinal).ToList());
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset? at) => at is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "";

    private static string Safe(string name) => string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '/' or '\\' ? '_' : c));
}
