using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Compliance;
using Hotline95.Core.Data;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Compliance;

public abstract class RedLineTests(DatabaseKind kind)
{
    private static async Task<(Hotline95AppFactory App, HttpClient Pbx, string Cti)> StartAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", CallStoreScenario.Line, "--purposes", "信贷咨询,账单查询,投诉处理", "--hours", "7×24"));
        return (app, app.CreateClient(), await CallStoreScenario.CtiUrlAsync(app));
    }

    private static Task<IReadOnlyList<RedLineAlert>> CheckAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(s => s.GetRequiredService<DetectRedLinesHandler>().HandleAsync());

    [Fact]
    public async Task Raise_AuditEntryCannotBeWritten_NoAlertNorNoticeStored_AndRaisedOnceItCan()
    {
        var (app, _, _) = await StartAsync(kind);
        await using var __ = app;
        var enterprise = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Lines.Select(l => l.EnterpriseId).FirstAsync());
        var evidence = Core.Common.Phrase.Of("evidence.revealBurst", ("actor", "supervisor"), ("calls", 20), ("minutes", 60.0), ("limit", 20));
        Task<RedLineAlert?> RaiseAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<RedLineAlertsHandler>().RaiseAsync(enterprise, RedLine.DataLeak, "reveal-burst", null, "burst", evidence));

        await using (await app.Database.RefuseInsertsAsync<AuditEntry>())
        {
            await Assert.ThrowsAnyAsync<Exception>(RaiseAsync);
        }

        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(0, await db.RedLineAlerts.CountAsync()); // no alert the audit log does not know of
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.Kind == Core.Notifications.NoticeKinds.RedLine));
        }

        var raised = await RaiseAsync();
        Assert.NotNull(raised);
        Assert.Null(await RaiseAsync()); // once
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.RedLineRaised && e.Target == $"red-line:{raised.Id}"));
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.Kind == Core.Notifications.NoticeKinds.RedLine));
        }
    }

    [Fact]
    public async Task Raise_TwoAtOnce_OneAlertOneNoticeOneAuditEntry()
    {
        var (app, _, _) = await StartAsync(kind);
        await using var __ = app;
        var enterprise = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Lines.Select(l => l.EnterpriseId).FirstAsync());
        var evidence = Core.Common.Phrase.Of("evidence.exportLimit", ("actor", "officer"), ("number", 4), ("allowance", 3), ("reason", "核查"));

        var raised = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.WithScopeAsync(sp =>
            sp.GetRequiredService<RedLineAlertsHandler>().RaiseAsync(enterprise, RedLine.DataLeak, "export-limit", null, "export-limit:officer", evidence))));

        var alert = Assert.Single(raised, r => r is not null);
        await using var db = app.Database.OpenContext();
        Assert.Equal(1, await db.RedLineAlerts.CountAsync());
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.Kind == Core.Notifications.NoticeKinds.RedLine));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.RedLineRaised && e.Target == $"red-line:{alert!.Id}"));
    }

    [Fact]
    public async Task OutboundCallsFromAMarketingQueue_RaiseOneOutOfScopeAlert()
    {
        var (app, pbx, cti) = await StartAsync(kind);
        await using var _ = app;
        for (var i = 0; i < 3; i++)
        {
            await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = $"o{i}", from = "95528", to = $"1380013800{i}", direction = "out", user = "1001", queue = "信用卡分期促销外呼" });
        }

        await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = "fb", from = "95528", to = "13900139000", direction = "out", user = "1001", queue = "投诉回访" });

        var raised = await CheckAsync(app);
        var again = await CheckAsync(app);

        var alert = Assert.Single(raised);
        Assert.Equal(RedLine.OutOfScope, alert.RedLine);
        Assert.Contains("3 outbound call(s)", alert.EvidenceText());
        Assert.Contains("促销", alert.EvidenceText());
        Assert.StartsWith("过去 24 小时 95528 有 3 通外呼来自队列或活动“信用卡分期促销外呼”", alert.EvidenceText(english: false));
        Assert.Empty(again);
    }

    [Fact]
    public async Task CallsThroughATrunkNotRegisteredToTheHolder_RaiseALendingAlert()
    {
        var (app, _, _) = await StartAsync(kind);
        await using var __ = app;
        var file = Path.Combine(app.Database.DataDirectory, "today.csv");
        // Synthetic Asterisk rows arrive on channel PJSIP/trunk-…: the trunk is PJSIP/trunk.
        Hotline95.Core.Demo.SyntheticCalls.WriteAsteriskFile(file, 12, CallStoreScenario.Line, new DateTime(2026, 3, 2, 8, 0, 0), TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);
        var admin = await app.LoginAsAdminAsync();

        var unregistered = await CheckAsync(app); // no trunk registered: the check is off
        (await admin.PutAsJsonAsync("/api/lines/95528/trunks", new { trunks = new[] { "PJSIP/carrier-ct", "acct-95528" } })).EnsureSuccessStatusCode();
        var raised = await CheckAsync(app);
        (await admin.PutAsJsonAsync("/api/lines/95528/trunks", new { trunks = new[] { "PJSIP/carrier-ct", "PJSIP/trunk" } })).EnsureSuccessStatusCode();
        var registeredNow = await CheckAsync(app);

        Assert.Empty(unregistered);
        var alert = Assert.Single(raised);
        Assert.Equal((RedLine.NumberLending, "unregistered-trunk"), (alert.RedLine, alert.Kind));
        Assert.Contains("12 call(s)", alert.EvidenceText());
        Assert.Contains("'PJSIP/trunk'", alert.EvidenceText());
        Assert.Empty(registeredNow);
    }

    [Fact]
    public async Task TicketUnderAnUnapprovedCategory_IsRefusedAndRaisesAnAlert()
    {
        var (app, _, _) = await StartAsync(kind);
        await using var __ = app;
        var agent = await app.LoginAsAgentAsync();
        var ticket = await (await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13800138000", note = "来电" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = ticket.GetProperty("id").GetInt64();
        await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Answered" });

        var refused = await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Recorded", category = "理财产品推荐", note = "客户询问理财" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var alert = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().RedLineAlerts.SingleAsync());
        Assert.Equal(("ticket-category", RedLine.OutOfScope), (alert.Kind, alert.RedLine));
        Assert.Contains("理财产品推荐", alert.EvidenceText());
    }

    [Fact]
    public async Task Export_NeedsAReasonCarriesAWatermarkAndIsLimitedPerDay()
    {
        var (app, pbx, cti) = await StartAsync(kind);
        await using var _ = app;
        await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = "c1", from = "13800138000", to = "95528", direction = "in" });
        var officer = await app.LoginAsComplianceOfficerAsync();
        var agent = await app.LoginAsAgentAsync();
        const string Url = "/api/calls/export?from=2026-03-01&to=2026-03-02&line=95528";

        var noReason = await officer.GetAsync(Url);
        var forbidden = await agent.GetAsync(Url + "&reason=监管调取");
        var exported = await officer.GetAsync(Url + "&reason=监管调取 2026-031");
        var csv = await exported.Content.ReadAsStringAsync();
        await officer.GetAsync(Url + "&reason=复核第二次");
        await officer.GetAsync(Url + "&reason=复核第三次");
        var fourth = await officer.GetAsync(Url + "&reason=复核第四次");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.StartsWith("\uFEFF\"# 导出人 Exported by: ", lines[0]);
        Assert.Contains("监管调取 2026-031", lines[0]);
        Assert.Equal(lines[0].TrimStart('\uFEFF'), lines[^1]);
        Assert.Contains("\"13800138000\"", csv);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        var audit = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().AuditEntries.CountAsync(e => e.Action == AuditActions.CallsExported));
        Assert.Equal(3, audit);
        var alert = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().RedLineAlerts.SingleAsync());
        Assert.Equal(("export-limit", RedLine.DataLeak), (alert.Kind, alert.RedLine));
    }

    [Fact]
    public async Task Export_ConcurrentRequestsAtAndOverTheAllowance_OneMoreExportAtMostAndEveryRefusalIs429()
    {
        var (app, pbx, cti) = await StartAsync(kind);
        await using var _ = app;
        await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = "c1", from = "13800138000", to = "95528", direction = "in" });
        var officer = await app.LoginAsComplianceOfficerAsync();
        const string Url = "/api/calls/export?from=2026-03-01&to=2026-03-02&line=95528";
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(Url + "&reason=第一次导出")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(Url + "&reason=第二次导出")).StatusCode);

        // One export left of three: four at once take it once; then four more at once, all over the allowance.
        var atLimit = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => officer.GetAsync(Url + $"&reason=并发导出 {i}")));
        var overLimit = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => officer.GetAsync(Url + $"&reason=超限导出 {i}")));

        Assert.Equal(1, atLimit.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(atLimit.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(overLimit, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(3, await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().AuditEntries.CountAsync(e => e.Action == AuditActions.CallsExported)));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().RedLineAlerts.CountAsync()));
    }

    [Fact]
    public async Task Export_ComplaintsAsXlsxAndTicketsAsCsv_CarryTheWatermarkAndShareTheDailyAllowance()
    {
        var (app, _, _) = await StartAsync(kind);
        await using var _ = app;
        var agent = await app.LoginAsAgentAsync();
        await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", callerPhone = "13800138000", callerName = "王小明", summary = "账单多扣款", receivedAt = "2026-03-01T10:00:00+08:00" });
        await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13900139000", note = "来电" });
        var officer = await app.LoginAsComplianceOfficerAsync();

        var complaints = await officer.GetAsync("/api/exports/complaints?from=2026-03-01&to=2026-03-02&format=xlsx&reason=投诉复核 2026-07");
        var tickets = await officer.GetAsync("/api/exports/tickets?from=2026-03-01&to=2026-03-02&reason=工单复核 2026-07");
        var unknown = await officer.GetAsync("/api/exports/recordings?from=2026-03-01&to=2026-03-02&reason=复核复核");

        Assert.Equal(HttpStatusCode.OK, complaints.StatusCode);
        using (var stream = await complaints.Content.ReadAsStreamAsync())
        using (var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false))
        {
            var cells = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
            Assert.StartsWith("导出人 Exported by: ", cells[0]);
            Assert.Contains("投诉复核 2026-07", cells[0]);
            Assert.Contains("13800138000", cells);
            Assert.Contains("账单多扣款", cells);
            Assert.Equal(cells[0], cells[^1]);
        }

        var csv = await tickets.Content.ReadAsStringAsync();
        Assert.Contains("\"13900139000\"", csv);
        Assert.Contains("工单复核 2026-07", csv.Split("\r\n")[0]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var exports = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().AuditEntries.CountAsync(e => e.Action == AuditActions.PersonalDataExported));
        Assert.Equal(2, exports);
    }

    [Fact]
    public async Task ManyRevealsByOneUser_RaiseADataLeakAlert()
    {
        var (app, pbx, cti) = await StartAsync(kind);
        await using var _ = app;
        for (var i = 0; i < 20; i++)
        {
            await pbx.PostAsJsonAsync(cti, new { @event = "newCall", callId = $"r{i}", from = $"1390013{i:0000}", to = "95528", direction = "in" });
        }

        var supervisor = await app.LoginAsSupervisorAsync();
        var ids = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().Calls.Select(c => c.Id).ToListAsync());
        foreach (var id in ids)
        {
            (await supervisor.PostAsJsonAsync($"/api/calls/{id}/reveal", new { reason = "核实来电" })).EnsureSuccessStatusCode();
        }

        var alert = Assert.Single(await CheckAsync(app));
        Assert.Equal(RedLine.DataLeak, alert.RedLine);
        Assert.Contains("revealed 20 calls", alert.EvidenceText());
        Assert.Contains("查看了 20 通电话的客户个人信息", alert.EvidenceText(english: false));
    }

    [Fact]
    public async Task NumberOperatedByAnotherCompanyThanTheHolder_RaisesALendingAlert_AndTheConsoleResolvesItWithNotes()
    {
        var (app, _, _) = await StartAsync(kind);
        await using var __ = app;
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = Path.Combine(AppContext.BaseDirectory, "Fixtures", "dossiers", "dossier-pudong-bank.json");
        var json = (await File.ReadAllTextAsync(dossier)).Replace("95123", "95528", StringComparison.Ordinal);
        var saved = await (await officer.PostAsync("/api/dossiers?usesPlatform=true&number=95528", new StringContent(json, System.Text.Encoding.UTF8, "application/json"))).Content.ReadFromJsonAsync<JsonElement>();
        await Licensing.LicenceScenario.CertifyAsync(officer, saved.GetProperty("id").GetGuid());

        var alert = Assert.Single(await CheckAsync(app));
        Assert.Equal(RedLine.NumberLending, alert.RedLine);
        Assert.Contains("上海浦江信融科技有限公司", alert.EvidenceText());

        var unresolved = await officer.PostAsJsonAsync($"/api/compliance/red-lines/{alert.Id}/resolve", new { note = "" });
        var acknowledged = await officer.PostAsJsonAsync($"/api/compliance/red-lines/{alert.Id}/acknowledge", new { note = "已联系法务" });
        var resolved = await (await officer.PostAsJsonAsync($"/api/compliance/red-lines/{alert.Id}/resolve", new { note = "企业名称已变更备案，证书持有人即本企业" })).Content.ReadFromJsonAsync<JsonElement>();
        var counts = await officer.GetFromJsonAsync<JsonElement>("/api/compliance/red-lines/counts?from=2026-01-01&to=2026-12-31");
        var agent = await app.LoginAsAgentAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unresolved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("Resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("已联系法务\n企业名称已变更备案，证书持有人即本企业", resolved.GetProperty("note").GetString());
        var month = Assert.Single(counts.EnumerateArray());
        Assert.Equal(("2026-03", "NumberLending", 1, 1), (month.GetProperty("month").GetString(), month.GetProperty("redLine").GetString(), month.GetProperty("raised").GetInt32(), month.GetProperty("resolved").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/compliance/red-lines")).StatusCode);
        var steps = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().AuditEntries.Where(e => e.Target == $"red-line:{alert.Id}").Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.RedLineRaised, AuditActions.RedLineAcknowledged, AuditActions.RedLineResolved], steps);
    }
}

public sealed class RedLineTestsOnSqlite() : RedLineTests(DatabaseKind.Sqlite);

public sealed class RedLineTestsOnPostgres() : RedLineTests(DatabaseKind.Postgres);

public sealed class CampaignTests
{
    [Fact]
    public async Task Register_ScriptWithMarketing_IsHeldAndRaisesAnOutOfScopeAlert_ACleanOneIsAccepted()
    {
        await using var app = await CallStoreScenario.StartAsync(DatabaseKind.Sqlite);
        var supervisor = await app.LoginAsSupervisorAsync();

        var held = await supervisor.PostAsJsonAsync("/api/compliance/campaigns", new { line = "95528", name = "账单提醒回访", script = "您好，本月办理分期享限时优惠，欢迎推荐办理。" });
        var accepted = await supervisor.PostAsJsonAsync("/api/compliance/campaigns", new { line = "95528", name = "投诉回访", script = "您好，这里是95528，回访您上周反映的账单问题，请问是否已解决？" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, held.StatusCode);
        var body = await held.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("held").GetBoolean());
        Assert.Equal(["限时", "优惠", "推荐办理"], body.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("term").GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var alert = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().RedLineAlerts.SingleAsync());
        Assert.Equal(("campaign-script", RedLine.OutOfScope), (alert.Kind, alert.RedLine));
    }
}
