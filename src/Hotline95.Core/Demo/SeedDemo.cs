using Hotline95.Core.Common;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Core.Roster;
using Hotline95.Core.Service;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Demo;

public sealed record DemoSeedResult(bool Created, string EnterpriseSlug, string EnterpriseName, IReadOnlyList<LineView> Lines, IReadOnlyList<AddedUser> Users, int Seats,
    IReadOnlyList<CreatedApiKey> ApiKeys);

/// <summary>
/// A living example for newcomers: a Pudong bank (DOMAIN.md's first scenario) holding a 95 number, with its lines,
/// agents and seats, an Admin of its own so the demo can be seen in the browser (every account through the user
/// use case, passwords shown once), and the API key its PBX would use (shown once). Its traffic is <see cref="SeedDemoActivityHandler"/>. Running it again changes nothing.
/// </summary>
public sealed class SeedDemoHandler(Hotline95DbContext db, EnterpriseDirectory enterprises, AddLineHandler addLine, SetLineUsageHandler setUsage, AddUserHandler addUser, CreateApiKeyHandler createKey, EnterpriseProfileHandler profile,
    SetUserTelephonyHandler telephony, Licensing.Dossiers.DossiersHandler dossiers, Licensing.Uploads.UploadsHandler uploads, AuditLog audit, TimeProvider clock)
{
    public const string Slug = "demo-bank";

    /// <summary>The PBX extension of the demo's agent number <paramref name="index"/> (from 0): 8001, 8002…</summary>
    public static string DemoExtension(int index) => $"{8001 + index}";
    // The name as on the business licence (the bank's Shanghai LLC, which holds the number, as docs/examples has it): the
    // filings print it, and a Chinese filing has no English gloss.
    public const string Name = "上海浦江信融科技有限公司";

    /// <summary>The demo's licence record: the example dossier of docs/examples (one source), certified.</summary>
    public const string CertificateNumber = "沪码证（示例）95528号";

    /// <summary>The key of the demo's PBX (role Integration: CTI events, recordings).</summary>
    public const string PbxKeyName = "demo-pbx";

    private static readonly (string Number, string Name, string[] Purposes, string Hours)[] DemoLines =
    [
        ("95528", "客户服务热线 信用卡与账单查询 / Customer service: cards and bills", ["信贷咨询", "账单查询", "投诉处理"], "7×24"),
        ("955281", "投诉与风险咨询专线 / Complaints and risk enquiries", ["投诉处理", "反欺诈咨询"], "工作日 8:30–17:30"),
    ];

    private static readonly (string UserName, string DisplayName, Role Role)[] DemoUsers =
    [
        ("demo.agent1", "王晓丽 (坐席)", Role.Agent),
        ("demo.agent2", "李建国 (坐席)", Role.Agent),
        ("demo.agent3", "张敏 (坐席)", Role.Agent),
        ("demo.agent4", "陈思远 (坐席)", Role.Agent),
        ("demo.agent5", "刘芳 (坐席)", Role.Agent),
        ("demo.specialist", "赵磊 (信贷专员)", Role.Specialist),
        ("demo.supervisor", "周婷 (班组长)", Role.Supervisor),
        ("demo.compliance", "吴刚 (合规专员)", Role.ComplianceOfficer),
        ("demo.auditor", "郑洁 (审计)", Role.Auditor),
        ("demo.admin", "孙浩 (系统管理员)", Role.Admin),
    ];

    public async Task<DemoSeedResult> HandleAsync(CancellationToken ct = default)
    {
        if (await db.Enterprises.AnyAsync(e => e.Slug == Slug, ct))
        {
            var existing = await enterprises.FindAsync(Slug, ct);
            var lines = await db.Lines.AsNoTracking().Where(l => l.EnterpriseId == existing.Value.Id).ToListAsync(ct);
            var seats = await db.Seats.CountAsync(s => s.EnterpriseId == existing.Value.Id, ct);
            return new DemoSeedResult(false, Slug, existing.Value.Name, lines.Select(LineView.From).ToList(), [], seats, []);
        }

        var enterprise = await enterprises.EnsureAsync(Slug, Name, ct);
        // The company block of the demo's filings: a fictitious but well-formed profile (the code passes its check character).
        await profile.SetAsync(new SetEnterpriseProfileRequest(enterprise.Id, "demo", Uscc: "91310115MA1K3Y8N2D", RegisteredAddress: "上海市浦东新区世纪大道100号",
            LegalRepresentative: "钱立新", ContactPerson: "吴刚", ContactPhone: "021-50000000"), ct);
        var createdLines = new List<LineView>();
        foreach (var (number, name, purposes, hours) in DemoLines)
        {
            await addLine.HandleAsync(new AddLineRequest(enterprise.Id, number, name, "demo"), ct);
            createdLines.Add((await setUsage.HandleAsync(new SetLineUsageRequest(enterprise.Id, number, purposes, hours, "demo"), ct)).Value);
        }

        await CertifiedDossierAsync(enterprise.Id, ct);

        var users = new List<AddedUser>();
        foreach (var (userName, displayName, role) in DemoUsers)
        {
            users.Add((await addUser.HandleAsync(new AddUserRequest(enterprise.Id, userName, displayName, role.ToString(), "demo"), ct)).Value);
        }

        var pbxKey = (await createKey.HandleAsync(new CreateApiKeyRequest(enterprise.Id, PbxKeyName, nameof(Role.Integration), "demo"), ct)).Value;
        var agents = users.Where(u => u.User.Role == Role.Agent).ToList();
        // The agents' extensions on the PBX (8001, 8002…): a CTI event answered at 8001 rings demo.agent1's desk.
        foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
        {
            await telephony.HandleAsync(new SetUserTelephonyRequest(enterprise.Id, agent.User.UserName, null, DemoExtension(i), "demo"), ct);
        }

        for (var i = 0; i < 6; i++)
        {
            db.Seats.Add(new Seat
            {
                EnterpriseId = enterprise.Id,
                Code = $"A-{i + 1:00}",
                Location = "上海市浦东新区世纪大道 100 号 12 层呼叫中心",
                Equipment = "网络话机、电脑、录音系统",
                AgentUserId = i < agents.Count ? agents[i].User.Id : null,
            });
        }

        // The roster the licence check and the inspection pack read: the five agents, full-time, insured in Shanghai, trained.
        foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
        {
            var profile = new AgentProfile
            {
                EnterpriseId = enterprise.Id,
                UserId = agent.User.Id,
                Name = agent.User.DisplayName ?? agent.User.UserName,
                Employment = EmploymentType.FullTime,
                SocialInsuranceCity = "上海",
                SocialInsuranceMonths = 6 + i * 3,
                UpdatedAt = clock.GetUtcNow(),
            };
            db.Agents.Add(profile);
            foreach (var (topic, daysAgo) in new[] { ("服务礼仪", 30), ("信用卡业务知识", 23) })
            {
                db.Trainings.Add(new AgentTraining
                {
                    EnterpriseId = enterprise.Id, AgentId = profile.Id, Topic = topic, HeldOn = ChinaTime.DateOf(clock.GetUtcNow()).AddDays(-daysAgo),
                    FileName = $"培训记录-{topic}.pdf", ContentType = "application/pdf", Content = Specimen($"培训记录：{topic}", $"参加人：{profile.Name}；培训日期：{ChinaTime.DateOf(clock.GetUtcNow()).AddDays(-daysAgo):yyyy-MM-dd}"),
                });
            }
        }

        await db.SaveChangesAsync(ct);
        // The materials an inspection asks for, as specimens that say they are demo data.
        foreach (var (kind, title) in new[] { ("lease", "场地租赁合同"), ("sitePhoto", "呼叫中心现场照片"), ("certificate", "码号证书"), ("businessLicence", "营业执照") })
        {
            await uploads.UploadAsync(new Licensing.Uploads.UploadRequest(enterprise.Id, kind, $"{title}（示例）.pdf", new MemoryStream(Specimen(title, Name)), "演示数据", "demo"), ct);
        }
        await audit.AppendAsync(enterprise.Id, "demo", AuditActions.DemoSeeded, Slug, $"lines={createdLines.Count} users={users.Count} seats=6 agents={agents.Count}", ct);
        return new DemoSeedResult(true, Slug, Name, createdLines, users, 6, [pbxKey]);
    }

    /// <summary>
    /// The example dossier (docs/examples/dossier-pudong-bank.json, embedded) with the service line's purposes and hours,
    /// saved through the dossier use case and marked certified seven months ago, so the demo's filings have a licence record.
    /// </summary>
    private async Task CertifiedDossierAsync(Guid enterpriseId, CancellationToken ct)
    {
        await using var stream = typeof(SeedDemoHandler).Assembly.GetManifestResourceStream("Hotline95.Demo.dossier.json")
            ?? throw new InvalidOperationException("the demo dossier is not embedded");
        using var reader = new StreamReader(stream);
        var example = Licensing.Dossiers.DossierJson.Parse(await reader.ReadToEndAsync(ct)).Value;
        var (_, _, purposes, hours) = DemoLines[0];
        var json = Licensing.Dossiers.DossierJson.Write(example with { UsagePlan = example.UsagePlan! with { Purposes = purposes, ServiceHours = hours } });
        var saved = await dossiers.SaveAsync(new Licensing.Dossiers.SaveDossierRequest(enterpriseId, null, json, false, DemoLines[0].Number, "demo"), ct);
        var stored = await db.Dossiers.SingleAsync(d => d.Id == saved.Value.Id, ct);
        stored.CertificateNumber = CertificateNumber;
        stored.CertificateIssuedOn = ChinaTime.DateOf(clock.GetUtcNow()).AddMonths(-7);
        await db.SaveChangesAsync(ct);
    }


    /// <summary>A one-page PDF that says plainly it is a specimen of the demo, never a real document.</summary>
    private static byte[] Specimen(string title, string detail) =>
        Documents.PdfRenderer.Render(new Documents.DocumentModel($"{title}（示例）", detail,
            [new Documents.Paragraph("本文件由演示数据生成，仅用于展示，不是真实的证明材料。", Bold: true)]) { Watermark = "演示数据——非真实材料" });

}
