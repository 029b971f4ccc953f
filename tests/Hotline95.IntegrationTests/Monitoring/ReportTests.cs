using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Licensing;
using Hotline95.Core.Reports;
using Hotline95.Core.Retention;
using Microsoft.EntityFrameworkCore;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Hotline95.Web.Endpoints;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Monitoring;

/// <summary>
/// The annual report read as the administration's reviewer reads it: rendered to text, its words, numbers and what must
/// not be there. The app's clock starts on 2026-03-02; the CLI runs on the real clock.
/// </summary>
public abstract partial class ReportTests(DatabaseKind kind)
{
    private const string Company = "上海申联教育科技有限公司";
    private const string Uscc = "91310115MA1K3Y8N2D";

    /// <summary>Three months of calls (2,400 from 2026-01-01, one every 37 minutes) and two complaints, one resolved.</summary>
    internal static async Task<Hotline95AppFactory> StartAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", CallStoreScenario.Line, "--purposes", "信贷咨询,账单查询,投诉处理", "--hours", "7×24"));
        var file = Path.Combine(app.Database.DataDirectory, "q1.csv");
        SyntheticCalls.WriteAsteriskFile(file, 2_400, CallStoreScenario.Line, new DateTime(2026, 1, 1, 0, 3, 0), TimeSpan.FromMinutes(37));
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);
        var agent = await app.LoginAsAgentAsync();
        var complaint = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", callerPhone = "13800138000", callerName = "张三丰", summary = "张三丰来电：账单有误，来电 13800138000", receivedAt = "2026-02-10T10:00:00+08:00" })).Content.ReadFromJsonAsync<JsonElement>();
        await agent.PostAsJsonAsync($"/api/complaints/{complaint.GetProperty("id").GetInt64()}/resolve", new { resolution = "已更正", satisfaction = 5 });
        await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", callerPhone = "13900139000", summary = "等待过久", receivedAt = "2026-03-01T09:00:00+08:00" });
        return app;
    }

    private static async Task FillProfileAsync(Hotline95AppFactory app, string? phone = "021-61234567")
    {
        var officer = await app.LoginAsComplianceOfficerAsync();
        var saved = await officer.PutAsJsonAsync("/api/enterprise/profile", new
        {
            name = Company, uscc = Uscc, registeredAddress = "上海市浦东新区张江路88号", legalRepresentative = "王建国", contactPerson = "李敏", contactPhone = phone ?? "",
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    /// <summary>Moves the app's clock to a day in 2027 (Shanghai noon), when 2026 has ended.</summary>
    private static void MoveTo(Hotline95AppFactory app, int year, int month, int day) =>
        app.Clock.SetUtcNow(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    private static Task PurgeAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(async s => (await s.GetRequiredService<PurgeRetentionHandler>().HandleAsync(new PurgeRequest(null, false, "test"))).Value);

    internal static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(TestEnvironment.RequirePdfToText(), ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(JsonElement Json, byte[] Pdf, byte[] Xlsx, HttpResponseMessage Response)> RenderAsync(HttpClient client, string query)
    {
        var json = await client.GetAsync($"/api/reports/annual?{query}&format=json");
        Assert.True(json.IsSuccessStatusCode, await json.Content.ReadAsStringAsync());
        var pdf = await client.GetByteArrayAsync($"/api/reports/annual?{query}&format=pdf");
        var xlsx = await client.GetByteArrayAsync($"/api/reports/annual?{query}&format=xlsx");
        return (JsonDocument.Parse(await json.Content.ReadAsByteArrayAsync()).RootElement, pdf, xlsx, json);
    }

    [Fact]
    public async Task Annual_YearNotEnded_IsRefusedUnlessPartialWhichSaysAsOfOnEveryPage()
    {
        await using var app = await StartAsync(kind);
        await FillProfileAsync(app);
        var officer = await app.LoginAsComplianceOfficerAsync();

        var refused = await officer.GetAsync("/api/reports/annual?line=95528&year=2026&format=json");
        var (json, pdf, _, response) = await RenderAsync(officer, "line=95528&year=2026&partial=true");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("PERIOD_NOT_ENDED", await refused.Content.ReadAsStringAsync());
        // The app's day is 2026-03-02: the report runs to yesterday, over the months that have happened (no December row).
        Assert.Equal("2026-03-01", json.GetProperty("header").GetProperty("to").GetString());
        Assert.Equal(["2026-01", "2026-02", "2026-03"], json.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("month").GetString()!).ToArray());
        Assert.Equal(3, json.GetProperty("average").GetProperty("months").GetInt32());
        Assert.Equal("false", response.Headers.GetValues(ReportEndpoints.ReadyHeader).Single());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == ReportWarnings.PartialPeriod && w.GetProperty("blocking").GetBoolean());
        var pages = (await PdfTextAsync(pdf)).Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.True(pages.Count >= 2);
        Assert.All(pages, page => Assert.Contains("截至 2026-03-01", page));
        Assert.DoesNotContain("2026年12月", string.Concat(pages));
    }

    [Fact]
    public async Task Annual_EndedYear_IsAChineseFilingWhosePdfXlsxAndJsonAgree()
    {
        await using var app = await StartAsync(kind);
        await FillProfileAsync(app);
        MoveTo(app, 2027, 1, 5);
        await PurgeAsync(app);
        // A flood closed by the one-click block: its handling record names the caller in English; the filing must not.
        await AddHandledFloodAsync(app, "138****0000", "caller 138****0000 blocked / 已拉黑", blocked: true);
        var officer = await app.LoginAsComplianceOfficerAsync();

        var (json, pdf, xlsx, response) = await RenderAsync(officer, "line=95528&year=2026");
        var english = await PdfTextAsync(await officer.GetByteArrayAsync("/api/reports/annual?line=95528&year=2026&format=pdf&lang=en"));

        // The months of 2026 from the line's first call: twelve, each counted; the figures survive the purge of the calls.
        var months = json.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        var calls = months.Select(m => m.GetProperty("calls").GetInt32()).ToList();
        Assert.Equal(2_400, calls.Sum());
        Assert.Equal(Math.Round(2_400 / 12.0, 1), json.GetProperty("average").GetProperty("calls").GetDouble());
        Assert.Equal(JsonValueKind.Null, months[11].GetProperty("answerRate").ValueKind);
        Assert.Equal("true", response.Headers.GetValues(ReportEndpoints.ReadyHeader).Single());
        var complaints = json.GetProperty("complaints");
        Assert.Equal(2, complaints.GetProperty("received").GetInt32());
        Assert.Equal(0.5, complaints.GetProperty("resolutionRate").GetDouble());
        Assert.Single(complaints.GetProperty("openAtPeriodEnd").EnumerateArray());

        var text = await PdfTextAsync(pdf);
        var flat = Flat(text);
        foreach (var words in new[]
                 {
                     "2026年度95码号使用情况报告", "上海市通信管理局：", Company, Uscc, "上海市浦东新区张江路88号", "王建国", "李敏", "021-61234567",
                     "一、企业及码号基本情况", "二、服务概况", "三、通话情况", "四、投诉处理情况", "五、变更情况", "六、安全制度执行情况", "七、异常情况及处置", "八、合规红线",
                     "九、声明", "真实、准确、完整", "（盖章）", "法定代表人（签字）：王建国", "月均通话量 200.0 次", "2,400", "解决率 50.0%", "无超过保存期限的记录",
                     "2026年12月", "不适用", "单一号码频繁呼入", "已将该来电号码列入黑名单",
                 })
        {
            // Paragraphs wrap: the words are looked for with the line breaks and spaces taken out.
            Assert.Contains(Flat(words), flat);
        }

        // Every page numbered; the declaration, signature and seal on the last page.
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"第 {i + 1} 页 共 {pages.Count} 页", pages[i]);
        }

        Assert.DoesNotContain("138****0000", text);
        Assert.Contains("九、声明", pages[^1]);
        Assert.Contains("（盖章）", pages[^1]);
        Assert.DoesNotContain("截至 2026", pages[0][..200]);

        // A Chinese filing: no Latin letters outside codes and names; an English copy without Chinese outside names.
        Assert.Empty(LatinOutsideNames(text, [Uscc]));
        Assert.Contains("95 Number Usage Report for 2026", english);
        Assert.Empty(Regex.Matches(english.Replace(Company, "", StringComparison.Ordinal).Replace("上海市浦东新区张江路88号", "", StringComparison.Ordinal)
            .Replace("王建国", "", StringComparison.Ordinal).Replace("李敏", "", StringComparison.Ordinal).Replace("信用卡客服热线", "", StringComparison.Ordinal)
            .Replace("上海市通信管理局", "", StringComparison.Ordinal).Replace("信贷咨询, 账单查询, 投诉处理", "", StringComparison.Ordinal).Replace("7×24", "", StringComparison.Ordinal), @"\p{IsCJKUnifiedIdeographs}"));

        // The spreadsheet: the same numbers, as numbers with formats, one unit per column and set widths.
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "通话");
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var rows = worksheet.Descendants<Row>().ToList();
        Assert.Equal("通话量（次）", CellText(rows[0].Elements<Cell>().ElementAt(1)));
        Assert.Equal(calls, rows.Skip(1).Take(12).Select(r => int.Parse(r.Elements<Cell>().ElementAt(1).CellValue!.Text, CultureInfo.InvariantCulture)).ToList());
        var rate = rows[1].Elements<Cell>().ElementAt(6);
        Assert.Equal(months[0].GetProperty("answerRate").GetDouble(), double.Parse(rate.CellValue!.Text, CultureInfo.InvariantCulture), 6);
        var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var styles = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        Assert.Equal("0.0%", formats[styles[(int)rate.StyleIndex!.Value].NumberFormatId!.Value]);
        Assert.Equal(3U, styles[(int)rows[1].Elements<Cell>().ElementAt(1).StyleIndex!.Value].NumberFormatId!.Value); // #,##0
        Assert.Equal("不适用", CellText(rows[12].Elements<Cell>().ElementAt(6)));
        Assert.NotEmpty(worksheet.Elements<Columns>().Single().Elements<Column>());
    }

    /// <summary>A caller flood on 95528 in February 2026, handled (by the one-click block when <paramref name="blocked"/>).</summary>
    private static Task<int> AddHandledFloodAsync(Hotline95AppFactory app, string caller, string handling, bool blocked) => app.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<Hotline95DbContext>();
        var at = new DateTimeOffset(2026, 2, 3, 2, 0, 0, TimeSpan.Zero);
        var flood = new Hotline95.Core.Monitoring.MonitoringAlert
        {
            EnterpriseId = db.Enterprises.Single(e => e.Slug == Enterprise.DefaultSlug).Id, Line = "95528", Kind = Hotline95.Core.Monitoring.AlertKind.CallerFlood,
            DedupKey = $"flood-{caller}", RaisedAt = at, WindowStart = at, WindowEnd = at.AddMinutes(10), Observed = 14, Expected = 10, Score = 9,
            CallerMasked = caller, Status = Hotline95.Core.Monitoring.AlertStatus.Handled,
            Handling = handling, CallerBlocked = blocked, HandledBy = "officer", HandledAt = at.AddMinutes(20),
        };
        flood.Quote(Core.Common.Phrase.Of("evidence.callerFlood", ("caller", caller), ("calls", 14), ("minutes", 10.0), ("limit", 10)));
        db.Alerts.Add(flood);
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>A flood handled by a person whose note begins with "caller": the filing states the note, not a block that never happened.</summary>
    [Fact]
    public async Task Annual_FloodHandledWithANoteBeginningWithCaller_StatesTheNoteNotABlock()
    {
        await using var app = await StartAsync(kind);
        await FillProfileAsync(app);
        MoveTo(app, 2027, 1, 5);
        await AddHandledFloodAsync(app, "139****0000", "caller 已电话提醒，承诺不再频繁拨打", blocked: false);
        var officer = await app.LoginAsComplianceOfficerAsync();

        var (json, pdf, _, _) = await RenderAsync(officer, "line=95528&year=2026");

        var flat = Flat(await PdfTextAsync(pdf));
        Assert.Contains(Flat("已电话提醒，承诺不再频繁拨打"), flat);
        Assert.DoesNotContain(Flat("已将该来电号码列入黑名单"), flat);
        Assert.Equal("caller 已电话提醒，承诺不再频繁拨打", Assert.Single(json.GetProperty("anomalies").EnumerateArray()).GetProperty("handling").GetString());
    }

    /// <summary>
    /// A flood blocked in one click by a node of the version before the flag (a rolling upgrade): its record for this very
    /// caller is a block, stated as one, never the record's words with the caller's number in them.
    /// </summary>
    [Fact]
    public async Task Annual_FloodBlockedByAnOlderNode_StatesTheBlockNotTheRecord()
    {
        await using var app = await StartAsync(kind);
        await FillProfileAsync(app);
        MoveTo(app, 2027, 1, 5);
        await AddHandledFloodAsync(app, "137****0000", "caller 137****0000 blocked / 已拉黑", blocked: false);
        var officer = await app.LoginAsComplianceOfficerAsync();

        var (json, pdf, _, _) = await RenderAsync(officer, "line=95528&year=2026");

        var flat = Flat(await PdfTextAsync(pdf));
        Assert.Contains(Flat("已将该来电号码列入黑名单"), flat);
        Assert.DoesNotContain("137****0000", flat);
        Assert.DoesNotContain("已拉黑", flat);
        Assert.Equal(Core.Reports.ReportAnomaly.CallerBlocked, Assert.Single(json.GetProperty("anomalies").EnumerateArray()).GetProperty("handling").GetString());
    }

    /// <summary>One rotation re-wraps the keys of two enterprises and is recorded once for each: the filing counts it once.</summary>
    [Fact]
    public async Task Annual_MasterKeyRotatedOnceOverTwoEnterprises_StatesOneRotation()
    {
        await using var app = await StartAsync(kind);
        await FillProfileAsync(app);
        await app.WithScopeAsync(async s =>
        {
            var other = await s.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().EnsureAsync("other-bank", "另一银行");
            await s.GetRequiredService<Core.Security.KeyRing>().ForMonthAsync(other.Id, new DateOnly(2026, 3, 1));
            return 0;
        });
        var rotated = await app.WithScopeAsync(s => s.GetRequiredService<Core.Security.ManageKeysHandler>().RotateAsync("admin")); // on the test's clock, in 2026
        Assert.True(rotated.IsSuccess);
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.MasterKeyRotated));
        }

        MoveTo(app, 2027, 1, 5);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var (json, pdf, _, _) = await RenderAsync(officer, "line=95528&year=2026");

        Assert.Single(json.GetProperty("security").GetProperty("masterKeyRotations").EnumerateArray());
        Assert.Contains(Flat("报告期内轮换主密钥 1 次"), Flat(await PdfTextAsync(pdf)));
    }

    [Fact]
    public async Task Annual_RenderedTwice_GivesThePeriodsFiguresAsOfItsEnd()
    {
        await using var app = await StartAsync(kind);
        MoveTo(app, 2027, 1, 5);
        await PurgeAsync(app);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var (before, _, _, _) = await RenderAsync(officer, "line=95528&year=2026");

        // Answering the complaint still open, and more audit entries, after the period: the 2026 report does not change.
        var agent = await app.LoginAsAgentAsync();
        var open = (await agent.GetFromJsonAsync<JsonElement>("/api/complaints?status=open")).GetProperty("items").EnumerateArray().First();
        Assert.True((await agent.PostAsJsonAsync($"/api/complaints/{open.GetProperty("id").GetInt64()}/resolve", new { resolution = "已致歉并说明" })).IsSuccessStatusCode);
        var (after, _, _, _) = await RenderAsync(officer, "line=95528&year=2026");
        // In March 2028 both complaints, closed more than twelve months before, are purged: the facts the filing needs stay.
        MoveTo(app, 2028, 3, 15);
        await PurgeAsync(app);
        var held = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().Complaints.CountAsync());
        officer = await app.LoginAsComplianceOfficerAsync();
        var (purged, _, _, _) = await RenderAsync(officer, "line=95528&year=2026");

        Assert.Equal(0, held);
        foreach (var part in new[] { "months", "total", "average", "complaints", "security", "changes", "redLines" })
        {
            Assert.Equal(before.GetProperty(part).GetRawText(), after.GetProperty(part).GetRawText());
            Assert.Equal(before.GetProperty(part).GetRawText(), purged.GetProperty(part).GetRawText());
        }
    }

    [Fact]
    public async Task Annual_RecordsPastRetention_AreStatedAndBlockFilingOnApiAndCli()
    {
        await using var app = await StartAsync(kind);
        await FillProfileAsync(app);
        MoveTo(app, 2027, 1, 5);
        var officer = await app.LoginAsComplianceOfficerAsync();
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var check = await officer.GetFromJsonAsync<JsonElement>("/api/reports/annual/check?line=95528&year=2026");
        var (json, pdf, _, response) = await RenderAsync(officer, "line=95528&year=2026");
        // The CLI on the real clock: January to March 2026 are past six months whatever the day.
        var path = Path.Combine(app.Database.DataDirectory, "q1.pdf");
        var cli = await CliRunner.RunAsync(CliRunner.On(app.Database, "report", "annual", "--line", "95528", "--from", "2026-01-01", "--to", "2026-03-31", "--out", path));

        Assert.False(check.GetProperty("ready").GetBoolean());
        var warning = check.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == ReportWarnings.RetentionBreached);
        Assert.True(warning.GetProperty("blocking").GetBoolean());
        Assert.Contains("2,400".Replace(",", "", StringComparison.Ordinal), warning.GetProperty("message").GetString());
        Assert.Contains("not ready to file", warning.GetProperty("message").GetString());
        Assert.Equal("false", response.Headers.GetValues(ReportEndpoints.ReadyHeader).Single());
        Assert.Equal(2_400, json.GetProperty("asOfRendering").GetProperty("retention").GetProperty("callsPastRetention").GetInt64());
        var text = await PdfTextAsync(pdf);
        Assert.Contains(Flat("截至 2027-01-05（生成日）的情况"), Flat(text));
        Assert.Contains(Flat("保存的最早通话记录：2026-01-01"), Flat(text));
        Assert.Contains(Flat("超过保存期限的记录：通话记录 2,400 条（最早 2026-01-01）"), Flat(text));
        Assert.DoesNotContain("无超过保存期限的记录", text);
        Assert.Equal(1, cli.ExitCode);
        Assert.True(File.Exists(path));
        Assert.Contains("BLOCKING RETENTION_BREACHED", cli.Error);
        Assert.Contains("NOT READY TO FILE", cli.Error);
    }

    [Fact]
    public async Task Annual_CompanyBlock_BlanksWhatIsMissingAndTakesTheCertificateOfThisNumberOnly()
    {
        await using var app = await StartAsync(kind);
        await FillProfileAsync(app, phone: null);
        MoveTo(app, 2027, 1, 5);
        await PurgeAsync(app);
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<Hotline95DbContext>();
            var mine = db.Enterprises.Single(e => e.Slug == Enterprise.DefaultSlug).Id;
            var other = new Enterprise { Slug = "other", Name = "另一家公司", CreatedAt = DateTimeOffset.UtcNow };
            db.Enterprises.Add(other);
            db.Dossiers.AddRange(
                new StoredDossier { EnterpriseId = mine, Title = "本号码", Json = "{}", Number = "95528", CertificateNumber = "沪码证95528-A", CertificateIssuedOn = new DateOnly(2025, 6, 1), UpdatedBy = "t" },
                new StoredDossier { EnterpriseId = mine, Title = "另一号码", Json = "{}", Number = "95999", CertificateNumber = "沪码证95999-B", CertificateIssuedOn = new DateOnly(2026, 6, 1), UpdatedBy = "t" },
                new StoredDossier { EnterpriseId = other.Id, Title = "他人", Json = "{}", Number = "95528", CertificateNumber = "沪码证95528-OTHER", CertificateIssuedOn = new DateOnly(2026, 9, 1), UpdatedBy = "t" },
                // A later draft of the same number, and a certificate issued after the period: neither is the 2026 licence record.
                new StoredDossier { EnterpriseId = mine, Title = "草稿", Json = "{}", Number = "95528", UpdatedBy = "t", UpdatedAt = DateTimeOffset.UtcNow },
                new StoredDossier { EnterpriseId = mine, Title = "新证", Json = "{}", Number = "95528", CertificateNumber = "沪码证95528-NEW", CertificateIssuedOn = new DateOnly(2027, 1, 2), UpdatedBy = "t" });
            await db.SaveChangesAsync();
            return 0;
        });
        var officer = await app.LoginAsComplianceOfficerAsync();

        var (json, pdf, _, _) = await RenderAsync(officer, "line=95528&year=2026");

        var text = await PdfTextAsync(pdf);
        Assert.Contains("沪码证95528-A", text);
        Assert.Contains("2025年6月1日", text);
        Assert.DoesNotContain("95999-B", text);
        Assert.DoesNotContain("OTHER", text);
        Assert.DoesNotContain("95528-NEW", text);
        Assert.Contains("【待填写：联系电话】", text);
        Assert.Contains("【待填写：备案日期】", text);
        var codes = json.GetProperty("warnings").EnumerateArray().Select(w => $"{w.GetProperty("code").GetString()}:{(w.GetProperty("args").TryGetProperty("item", out var item) ? item.GetString() : "")}").ToList();
        Assert.Contains($"{ReportWarnings.ProfileMissing}:contactPhone", codes);
        Assert.DoesNotContain($"{ReportWarnings.ProfileMissing}:uscc", codes);
        Assert.Contains($"{ReportWarnings.FilingDateMissing}:", codes);
        Assert.True(json.GetProperty("warnings").EnumerateArray().All(w => !w.GetProperty("blocking").GetBoolean()));
    }

    [Fact]
    public async Task Cases_WithPersonalDataOrTooMany_AreRefusedAndNothingSaved_OthersArePrinted()
    {
        await using var app = await StartAsync(kind);
        MoveTo(app, 2027, 1, 5);
        await PurgeAsync(app);
        var officer = await app.LoginAsComplianceOfficerAsync();

        var phone = await officer.PutAsJsonAsync("/api/reports/cases?line=95528&year=2026", new { cases = new[] { "客户来电 138 0013 8000 反映扣费" } });
        var four = await officer.PutAsJsonAsync("/api/reports/cases?line=95528&year=2026", new { cases = new[] { "一", "二", "三", "四" } });
        var kept = await officer.GetFromJsonAsync<string[]>("/api/reports/cases?line=95528&year=2026");
        var saved = await officer.PutAsJsonAsync("/api/reports/cases?line=95528&year=2026", new { cases = new[] { "客户反映账单金额有误，核实后更正并致歉。", "客户反映等待过久，已增加高峰时段坐席。" } });
        var text = await PdfTextAsync(await officer.GetByteArrayAsync("/api/reports/annual?line=95528&year=2026&format=pdf"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, phone.StatusCode);
        Assert.Contains("CASE_PERSONAL_DATA", await phone.Content.ReadAsStringAsync());
        Assert.DoesNotContain("13800138000", await phone.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, four.StatusCode);
        Assert.Empty(kept!);
        Assert.True(saved.IsSuccessStatusCode);
        Assert.Contains("典型案例（已去除个人信息）", Flat(text));
        Assert.Contains("1.客户反映账单金额有误，核实后更正并致歉。", Flat(text));
        Assert.Contains("2.客户反映等待过久，已增加高峰时段坐席。", Flat(text));
    }

    [Fact]
    public async Task Annual_OverTheApi_NeedsThePermissionAndChecksItsInput()
    {
        await using var app = await StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var agent = await app.LoginAsAgentAsync();

        var ok = await officer.GetAsync("/api/reports/annual?line=95528&year=2025&format=json");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/reports/annual?line=95528&year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("/api/enterprise/profile", new { name = "x" })).StatusCode);
        var auditor = await app.LoginAsRoleAsync(Hotline95.Core.Identity.Role.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/reports/annual?line=95528&year=2025&format=json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PutAsJsonAsync("/api/reports/cases?line=95528&year=2025", new { cases = new[] { "改写" } })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.GetAsync("/api/reports/annual?line=95999&year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.GetAsync("/api/reports/annual?line=95528&from=2025-01-01&to=2026-03-01")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.GetAsync("/api/reports/annual?line=95528&year=2027&partial=true")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.GetAsync("/api/reports/annual?line=95528&year=2025&lang=fr")).StatusCode);
        var badUscc = await officer.PutAsJsonAsync("/api/enterprise/profile", new { uscc = "91310115MA1K3Y8N2E" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badUscc.StatusCode);
        Assert.Null((await officer.GetFromJsonAsync<JsonElement>("/api/enterprise/profile")).GetProperty("uscc").GetString());
    }

    /// <summary>Latin letters left once the allowed names and codes are removed (the PDF's text, as pdftotext gives it).</summary>
    internal static IReadOnlyList<string> LatinOutsideNames(string text, IReadOnlyList<string> allowed)
    {
        foreach (var name in allowed)
        {
            text = text.Replace(name, "", StringComparison.Ordinal);
        }

        return Latin().Matches(text).Select(m => m.Value).Distinct().ToList();
    }

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Latin();

    internal static string Flat(string text) => Regex.Replace(text, @"\s+", "");

    private static string CellText(Cell cell) => cell.InlineString?.Text?.Text ?? cell.CellValue?.Text ?? "";
}

public sealed class ReportTestsOnSqlite() : ReportTests(DatabaseKind.Sqlite);

public sealed class ReportTestsOnPostgres() : ReportTests(DatabaseKind.Postgres);
