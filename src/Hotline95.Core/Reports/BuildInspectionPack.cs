using System.Globalization;
using System.IO.Compression;
using System.Text;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Documents;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Licensing.Uploads;
using Hotline95.Core.Retention;
using Hotline95.Core.Roster;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Table = Hotline95.Core.Documents.Table;

namespace Hotline95.Core.Reports;

public sealed record InspectionPackRequest(Guid EnterpriseId, string? Line, string Actor, DateOnly? From = null, DateOnly? To = null);

public sealed record InspectionPackResult(byte[] Zip, PackManifest Manifest, string ManifestSha256, RetentionStateView Retention, IReadOnlyList<string> Missing);

/// <summary>
/// The on-site inspection's evidence (现场核查), as a reviewer checks it: the roster with training records and their files,
/// the enterprise's uploaded documents (lease, site photos, certificate, business licence), the security policy compilation,
/// the authorised users and their roles, the reveal and export log of the period, one complaint's full history (masked),
/// proof that encryption is on (stored ciphertext beside its masked view, the key inventory without key material), the
/// retention policy, purge history and the records held against it, the audit-log verification and the complaint
/// deadline figures; an index PDF, and a manifest with every file's SHA-256 whose own hash goes into the audit chain.
/// </summary>
public sealed class BuildInspectionPackHandler(
    Hotline95DbContext db, RosterHandler roster, ManageKeysHandler keys, VerifyAuditLogHandler verify, PeriodComplaintsHandler complaints, ComplaintReader complaintReader, FieldCipher cipher,
    CallReader calls, UploadsHandler uploads, GenerateDocumentHandler documents, RetentionStateHandler retentionState, IOptions<RetentionOptions> retention,
    IOptions<ComplaintPolicyOptions> complaintPolicy, AuditLog audit, TimeProvider clock)
{
    public const int CiphertextSample = 20;

    /// <summary>The audit actions of the access log: every reveal of personal data, export and recording access.</summary>
    public static readonly IReadOnlyList<string> AccessActions =
        [AuditActions.CallRevealed, AuditActions.CallsExported, AuditActions.PersonalDataExported, AuditActions.RecordingPlayed, AuditActions.RecordingDownloaded];

    public async Task<Result<InspectionPackResult>> HandleAsync(InspectionPackRequest request, CancellationToken ct = default)
    {
        var line = await db.Lines.AsNoTracking().SingleOrDefaultAsync(l => l.EnterpriseId == request.EnterpriseId && l.Number == (request.Line ?? "").Trim(), ct);
        if (line is null)
        {
            return Enterprises.LineErrors.Unknown(request.Line);
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var to = request.To ?? today.AddDays(-1);
        var from = request.From ?? to.AddMonths(-12).AddDays(1);
        if (to < from || to >= today)
        {
            return Error.Validation("to", "PERIOD_INVALID", ("rule", Phrase.Of("period.beforeToday", ("from", from), ("to", to), ("today", today))));
        }

        var enterpriseId = request.EnterpriseId;
        var (start, end) = (ChinaTime.StartOfDay(from), ChinaTime.StartOfDay(to.AddDays(1)));
        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterpriseId, ct);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var missing = new List<string>();

        var people = await RosterAsync(enterpriseId, files, missing, ct);
        var uploaded = await UploadsAsync(enterpriseId, files, missing, ct);
        var policies = await PoliciesAsync(enterpriseId, line.Number, to, files, missing, ct);
        var users = await UsersAsync(enterpriseId, files, ct);
        var accesses = await AccessLogAsync(enterpriseId, start, end, files, ct);
        var history = await ComplaintHistoryAsync(enterpriseId, line.Number, start, end, files, missing, ct);
        var sampled = await EncryptionAsync(enterpriseId, line.Number, files, missing, ct);
        var (purges, state) = await RetentionAsync(enterpriseId, line.Number, files, ct);
        var verification = await verify.HandleAsync(ct);
        files["audit/verification.txt"] = Encoding.UTF8.GetBytes(
            $"verified_at: {Stamp(now)}\nintact: {verification.Intact}\nentries_checked: {verification.EntriesChecked}\nfirst_bad_sequence: {verification.FirstBadSequence}\n");
        // The period's complaint figures by month, each month clipped to the period and taken as of its own end.
        var months = new List<(string Month, PeriodComplaintFigures Figures)>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var first = month < from ? from : month;
            var last = month.AddMonths(1).AddDays(-1) > to ? to : month.AddMonths(1).AddDays(-1);
            months.Add(($"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}", await complaints.HandleAsync(enterpriseId, line.Number, ChinaTime.StartOfDay(first), ChinaTime.StartOfDay(last.AddDays(1)), ct)));
        }

        var period = await complaints.HandleAsync(enterpriseId, line.Number, start, end, ct);
        files["complaints/deadline-figures.csv"] = Csv.Write(["days", "received", "responded_in_time", "resolved_in_time", "resolved_by_end", "resolution_rate"],
            months.Append((Month: $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}", Figures: period)).Select(m => new[]
            {
                m.Month, Num(m.Figures.Received), Num(m.Figures.RespondedWithinDeadline), Num(m.Figures.ResolvedWithinDeadline), Num(m.Figures.Resolved),
                m.Figures.ResolutionRate is { } rate ? rate.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a",
            }));

        var index = new DocumentModel("现场核查证据包", $"{enterprise.Name}　码号 {line.Number}　期间 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}　生成 {today:yyyy-MM-dd}",
        [
            new Heading("一、坐席与人员"),
            new Paragraph($"坐席 {people.Seats.Count} 个；人员 {people.Agents.Count} 人（全职 {people.Agents.Count(a => a.Employment == nameof(EmploymentType.FullTime))} 人）；培训记录 {people.Agents.Sum(a => a.Training.Count)} 条，" +
                $"培训文件 {files.Keys.Count(k => k.StartsWith("roster/training/", StringComparison.Ordinal))} 个。见 roster/。"),
            new Heading("二、企业上传的材料"),
            new Paragraph(uploaded == 0 ? "未上传租赁合同、现场照片、证书或营业执照等材料。" : $"上传材料 {uploaded} 个（租赁合同、现场照片、证书、营业执照等），原样收录，SHA-256 见清单。见 uploads/。"),
            new Heading("三、安全管理制度"),
            new Paragraph(policies ? "安全管理制度汇编由本号码的申请材料生成。见 policies/。" : "未登记本号码的申请材料，未收录安全管理制度汇编。"),
            new Heading("四、授权用户及角色"),
            new Paragraph($"授权用户 {users} 个，含角色与状态。见 users/users.csv。"),
            new Heading("五、个人信息查看与导出记录"),
            new Paragraph($"期间内明文查看、导出及录音访问 {accesses} 次，逐条列出。见 audit/access-log.csv。"),
            new Heading("六、投诉处理全过程示例"),
            new Paragraph(history is { } id ? $"投诉 {id} 的全过程（个人信息已脱敏）。见 complaints/history-{id}.txt。" : "期间内无投诉，无处理过程示例。"),
            new Heading("七、客户数据加密"),
            new Paragraph($"个人信息以 {PlatformFactsSource.Encryption} 加密存储，按月数据密钥由主密钥封装。encryption/ciphertext-sample.csv 列出 {sampled} 条通话的存储密文与其脱敏显示；encryption/keys.csv 为密钥清单（编号与日期，不含密钥本身）。"),
            new Heading("八、通话记录保存"),
            new Paragraph($"通话记录保存 {retention.Value.CallRecordMonths} 个月，到期删除并销毁该月密钥；已执行清理 {purges.Count} 次，共删除 {purges.Sum(p => p.CallsDeleted):N0} 条。见 retention/。"),
            new Paragraph($"截至 {state.AsOf:yyyy-MM-dd}：保存的最早通话记录为 {(state.OldestCallHeld is { } o ? $"{ChinaTime.DateOf(o):yyyy-MM-dd}" : "无")}；" +
                (state.Breached
                    ? $"超过保存期限的通话记录 {state.CallsPastRetention:N0} 条（最早 {(state.OldestCallPastRetention is { } p ? $"{ChinaTime.DateOf(p):yyyy-MM-dd}" : "—")}）、投诉记录 {state.ComplaintsPastRetention:N0} 条，尚未清理。"
                    : "无超过保存期限的记录。") +
                (state.CallsPastRetentionOnHold > 0 ? $"另有法律保全保留的超期通话记录 {state.CallsPastRetentionOnHold:N0} 条。" : ""), Bold: state.Breached),
            new Heading("九、审计日志"),
            new Paragraph($"哈希链校验：{(verification.Intact ? "完整" : "异常")}，{verification.EntriesChecked:N0} 条。见 audit/verification.txt。"),
            new Heading("十、投诉处理时限"),
            new Paragraph($"期间内投诉 {period.Received} 件，按时响应 {period.RespondedWithinDeadline} 件，按时办结 {period.ResolvedWithinDeadline} 件，期末未办结 {period.OpenAtEnd.Count} 件。见 complaints/。"),
            .. missing.Count == 0 ? Array.Empty<Block>() : [new Heading("缺少的材料"), new BulletList(missing)],
            new Heading("文件清单"),
            new Paragraph("每个文件的 SHA-256 见 manifest.json 与 manifest.txt；manifest.json 的 SHA-256 已记入审计日志，可用 hotline95 report verify-pack 核验。"),
            new Table(["文件", "字节"], files.Select(f => (IReadOnlyList<string>)[f.Key, f.Value.Length.ToString("N0", CultureInfo.InvariantCulture)]).ToList()),
        ]);
        files["index.pdf"] = PdfRenderer.Render(index, $"{enterprise.Name} · {line.Number}");

        var manifest = new PackManifest(PackManifest.CurrentFormat, "Hotline95", PackManifest.Version, request.Actor, now, enterprise.Name, line.Number, from, to,
            files.Select(f => PackManifest.Entry(f.Key, f.Value)).ToList());
        var manifestJson = manifest.ToJson();
        var manifestSha = PackManifest.Sha256(manifestJson);
        files[PackManifest.JsonName] = manifestJson;
        files[PackManifest.TextName] = manifest.ToText(manifestSha);

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = now;
                await using var stream = entry.Open();
                await stream.WriteAsync(content, ct);
            }
        }

        await audit.AppendAsync(enterpriseId, request.Actor, AuditActions.InspectionPackGenerated, $"line:{line.Number}",
            $"manifest-sha256={manifestSha} files={manifest.Files.Count} period={from:yyyy-MM-dd}..{to:yyyy-MM-dd}", ct);
        return new InspectionPackResult(output.ToArray(), manifest, manifestSha, state, missing);
    }

    private async Task<RosterView> RosterAsync(Guid enterpriseId, SortedDictionary<string, byte[]> files, List<string> missing, CancellationToken ct)
    {
        var people = await roster.GetAsync(enterpriseId, ct);
        files["roster/seats.csv"] = Csv.Write(["code", "location", "equipment"], people.Seats.Select(s => new[] { s.Code, s.Location, s.Equipment }));
        files["roster/agents.csv"] = Csv.Write(["name", "account", "employment", "social_insurance_city", "social_insurance_months", "training"],
            people.Agents.Select(a => new[] { a.Name, a.UserName ?? "", a.Employment, a.SocialInsuranceCity ?? "", a.SocialInsuranceMonths.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", a.Training.Select(t => $"{t.HeldOn:yyyy-MM-dd} {t.Topic}")) }));
        var trainings = await db.Trainings.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId).ToListAsync(ct);
        if (trainings.Count == 0)
        {
            missing.Add("无培训记录");
        }

        foreach (var training in trainings)
        {
            var agent = people.Agents.FirstOrDefault(a => a.Id == training.AgentId)?.Name ?? "agent";
            if (training.Content is null)
            {
                missing.Add($"培训记录无文件：{agent} {training.HeldOn:yyyy-MM-dd} {training.Topic}");
                continue;
            }

            files[$"roster/training/{Safe(agent)}/{training.HeldOn:yyyy-MM-dd}-{training.Id.ToString("N")[..8]}-{Safe(training.FileName ?? "file")}"] = training.Content;
        }

        return people;
    }

    private async Task<int> UploadsAsync(Guid enterpriseId, SortedDictionary<string, byte[]> files, List<string> missing, CancellationToken ct)
    {
        var list = await uploads.ListAsync(enterpriseId, ct);
        foreach (var upload in list)
        {
            var opened = await uploads.OpenAsync(enterpriseId, upload.Id, ct);
            files[$"uploads/{upload.Kind}/{ChinaTime.DateOf(upload.UploadedAt):yyyyMMdd}-{upload.Id.ToString("N")[..8]}-{Safe(upload.FileName)}"] = opened.Value.Content;
        }

        foreach (var (kind, name) in new[] { (UploadKinds.Lease, "场地租赁合同或产权证明"), (UploadKinds.SitePhoto, "呼叫中心现场照片"), (UploadKinds.Certificate, "码号证书"), (UploadKinds.BusinessLicence, "营业执照") })
        {
            if (!list.Any(u => u.Kind == kind))
            {
                missing.Add($"未上传{name}");
            }
        }

        return list.Count;
    }

    private async Task<bool> PoliciesAsync(Guid enterpriseId, string number, DateOnly to, SortedDictionary<string, byte[]> files, List<string> missing, CancellationToken ct)
    {
        var dossierId = (await LicenceRecord.OfAsync(db, enterpriseId, number, to, ct)).Dossier?.Id;
        if (dossierId is null)
        {
            missing.Add("本号码未登记申请材料：无安全管理制度汇编");
            return false;
        }

        // As filed: a certified dossier's compilation is the one it was granted on, not re-judged today.
        var document = await documents.HandleAsync(enterpriseId, dossierId.Value, "security-policies", "pdf", asFiled: true, ct);
        if (!document.IsSuccess)
        {
            missing.Add($"安全管理制度汇编无法生成：{document.Error.Code}");
            return false;
        }

        files["policies/security-policies.pdf"] = document.Value.Content;
        return true;
    }

    private async Task<int> UsersAsync(Guid enterpriseId, SortedDictionary<string, byte[]> files, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId).OrderBy(u => u.UserName).ToListAsync(ct);
        files["users/users.csv"] = Csv.Write(["user_name", "display_name", "role", "state", "created_at", "last_login_at"],
            users.Select(u => new[] { u.UserName, u.DisplayName, u.Role.ToString(), u.DisabledAt is null ? "enabled" : $"disabled {Stamp(u.DisabledAt)}", Stamp(u.CreatedAt), Stamp(u.LastLoginAt) }));
        return users.Count;
    }

    private async Task<int> AccessLogAsync(Guid enterpriseId, DateTimeOffset start, DateTimeOffset end, SortedDictionary<string, byte[]> files, CancellationToken ct)
    {
        var actions = AccessActions.ToList();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.At >= start && a.At < end && actions.Contains(a.Action))
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.At, a.Actor, a.Action, a.Target }).ToListAsync(ct);
        files["audit/access-log.csv"] = Csv.Write(["sequence", "at", "actor", "action", "target"],
            entries.Select(e => new[] { e.Sequence.ToString(CultureInfo.InvariantCulture), Stamp(e.At), e.Actor, e.Action, e.Target }));
        return entries.Count;
    }

    /// <summary>The latest complaint of the period, closed ones first: every step, who and when, its texts with personal data masked.</summary>
    private async Task<long?> ComplaintHistoryAsync(Guid enterpriseId, string line, DateTimeOffset start, DateTimeOffset end, SortedDictionary<string, byte[]> files, List<string> missing, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line && c.ReceivedAt >= start && c.ReceivedAt < end)
            .OrderByDescending(c => c.ResolvedAt != null).ThenByDescending(c => c.ReceivedAt).FirstOrDefaultAsync(ct);
        if (complaint is null)
        {
            return null;
        }

        var view = await complaintReader.ViewAsync(complaint, clock.GetUtcNow(), ct);
        // The caller's own number and name are masked wherever the texts repeat them, then anything else that looks personal.
        var phone = await cipher.DecryptAsync(enterpriseId, ComplaintReader.PhoneField, complaint.CallerPhone, ct);
        var name = await cipher.DecryptAsync(enterpriseId, ComplaintReader.NameField, complaint.CallerName, ct);
        string Masked(string? text)
        {
            text ??= "";
            if (phone is { Length: > 0 })
            {
                text = text.Replace(phone, view.CallerPhone, StringComparison.Ordinal);
            }

            if (name is { Length: > 0 })
            {
                text = text.Replace(name, view.CallerName, StringComparison.Ordinal);
            }

            return PersonalDataText.Mask(text);
        }

        var trail = await db.AuditEntries.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.Target == $"complaint:{complaint.Id}")
            .OrderBy(a => a.Sequence).Select(a => new { a.At, a.Actor, a.Action }).ToListAsync(ct);
        var steps = complaint.TicketId is { } ticket
            ? await db.TicketSteps.AsNoTracking().Where(s => s.EnterpriseId == enterpriseId && s.TicketId == ticket).OrderBy(s => s.At).Select(s => new { s.At, s.By, s.Step }).ToListAsync(ct)
            : [];
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"投诉编号 Complaint: {view.Id}\n码号 Line: {view.Line}\n来电 Caller: {view.CallerPhone} {view.CallerName}\n类别 Category: {view.Category}\n");
        text.Append(CultureInfo.InvariantCulture, $"受理 Received: {Stamp(view.ReceivedAt)}\n响应期限 Respond by: {Stamp(view.RespondBy)}\n办结期限 Resolve by: {Stamp(view.ResolveBy)}\n");
        text.Append(CultureInfo.InvariantCulture, $"响应 Responded: {Stamp(view.RespondedAt)}\n办结 Resolved: {Stamp(view.ResolvedAt)}\n状态 Status: {view.Status}\n");
        text.Append(CultureInfo.InvariantCulture, $"内容 Summary: {Masked(view.Summary)}\n响应说明 Response: {Masked(view.ResponseNote)}\n办结说明 Resolution: {Masked(view.Resolution)}\n");
        text.Append("\n# 全过程 Every step (audit log)\n");
        foreach (var entry in trail)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Stamp(entry.At)}  {entry.Action}  {entry.Actor}\n");
        }

        foreach (var step in steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Stamp(step.At)}  ticket.{step.Step}  {step.By}\n");
        }

        files[$"complaints/history-{complaint.Id}.txt"] = Encoding.UTF8.GetBytes(text.ToString());
        return complaint.Id;
    }

    private async Task<int> EncryptionAsync(Guid enterpriseId, string line, SortedDictionary<string, byte[]> files, List<string> missing, CancellationToken ct)
    {
        var sample = await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line && c.CustomerNumber != null)
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
        else
        {
            missing.Add($"密钥清单无法生成：{keyStatus.Error.Code}");
        }

        return rows.Count;
    }

    private async Task<(List<PurgeRun> Purges, RetentionStateView State)> RetentionAsync(Guid enterpriseId, string line, SortedDictionary<string, byte[]> files, CancellationToken ct)
    {
        var purges = await db.PurgeRuns.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId).OrderBy(p => p.RanAt).ToListAsync(ct);
        var state = await retentionState.HandleAsync(enterpriseId, ct);
        files["retention/policy.txt"] = Encoding.UTF8.GetBytes(
            $"通话记录及录音保存 Call records and recordings kept: {retention.Value.CallRecordMonths} months, then deleted and their month's data key destroyed.\n" +
            $"投诉记录保存 Complaint records kept: {retention.Value.ComplaintRecordMonths} months after closing.\n" +
            $"每日自动清理 Nightly purge: {(retention.Value.NightlyEnabled ? $"on, at {retention.Value.NightlyAt:HH\\:mm} Asia/Shanghai" : "off")}.\n" +
            $"投诉时限 Complaint limits: respond within {complaintPolicy.Value.ResponseHours} hours, resolve within {complaintPolicy.Value.ResolutionWorkingDays} working days.\n");
        files["retention/purges.csv"] = Csv.Write(["ran_at", "cutoff", "calls_deleted", "recordings_deleted", "kept_on_hold", "keys_destroyed", "ran_by"],
            purges.Select(p => new[] { Stamp(p.RanAt), Stamp(p.Cutoff), p.CallsDeleted.ToString(CultureInfo.InvariantCulture), p.RecordingsDeleted.ToString(CultureInfo.InvariantCulture),
                p.CallsKeptOnHold.ToString(CultureInfo.InvariantCulture), p.KeysDestroyed, p.RanBy }));
        files["retention/state.txt"] = Encoding.UTF8.GetBytes(
            $"as_of: {state.AsOf:yyyy-MM-dd}\ncall_cutoff: {Stamp(state.CallCutoff)}\noldest_call_held: {Stamp(state.OldestCallHeld)}\n" +
            $"calls_past_retention: {state.CallsPastRetention}\noldest_call_past_retention: {Stamp(state.OldestCallPastRetention)}\ncalls_past_retention_on_legal_hold: {state.CallsPastRetentionOnHold}\n" +
            $"complaints_past_retention: {state.ComplaintsPastRetention}\nbreached: {state.Breached}\n");
        return (purges, state);
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset? at) => at is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "";

    private static string Safe(string name) => UploadsHandler.SafeName(name);
}
