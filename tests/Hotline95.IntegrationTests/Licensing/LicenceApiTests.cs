using Hotline95.Core.Notifications;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Documents;
using Hotline95.Core.Licensing.Maintenance;
using Hotline95.Testing;
using Hotline95.Web.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hotline95.IntegrationTests.Licensing.LicenceScenario;

namespace Hotline95.IntegrationTests.Licensing;

public abstract class LicenceApiTests(DatabaseKind kind)
{
    [Fact]
    public async Task Check_TheExampleAndItsCommonRejections_AnswerEligibleAndTheStableCodes()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();

        var good = await (await officer.PostAsync("/api/dossiers/check", JsonBody(Example()))).ReadAsync();
        var bad = await (await officer.PostAsync("/api/dossiers/check", JsonBody(Example("dossier-common-rejections.json")))).ReadAsync();

        Assert.True(good.GetProperty("eligible").GetBoolean());
        Assert.Equal("shanghai-95-2024", good.GetProperty("policy").GetString());
        Assert.False(bad.GetProperty("eligible").GetBoolean());
        var codes = bad.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "COND3_PHOTOS", "COND4_SOCIAL_INSURANCE_CITY", "COND5_PURPOSE_VAGUE", "COND5_PURPOSE_MARKETING", "COND6_DATA_ENCRYPTION", "MATERIAL_UNSTAMPED" }, codes);
        var finding = bad.GetProperty("findings").EnumerateArray().First();
        foreach (var member in new[] { "code", "condition", "severity", "field", "message", "fix" })
        {
            Assert.True(finding.TryGetProperty(member, out _), member);
        }
    }

    [Theory]
    [InlineData("{\"company\": ", "$")]
    [InlineData("{\"agents\": [{\"fullTime\": \"yes\"}]}", "$.agents[0].fullTime")]
    public async Task Check_BadInput_Is422NamingTheJsonPath(string body, string path)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();

        var response = await officer.PostAsync("/api/dossiers/check", JsonBody(body));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(path, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Dossiers_WithoutThePermission_Are403()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var supervisor = await app.LoginAsSupervisorAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/dossiers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync("/api/dossiers/check", JsonBody(Example()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/dossiers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/dossiers", JsonBody(Example()))).StatusCode);
    }

    [Fact]
    public async Task Lifecycle_FromDeclarationToCertificate_OpensFilingAnnualReportAndChangeFiling()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        var application = await CertifyAsync(officer, dossier);

        var view = await (await officer.GetAsync($"/api/licence/applications/{application}")).ReadAsync();
        Assert.Equal("in-progress", Step(view, "certificate-and-filing").GetProperty("status").GetString());
        var tasks = await (await officer.GetAsync("/api/licence/tasks")).ReadAsync();
        Assert.Equal("2026-04-01", tasks.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "CertificateFiling").GetProperty("dueOn").GetString());
        var annual = tasks.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "AnnualReport");
        Assert.Equal("2027-03-31", annual.GetProperty("dueOn").GetString());
        Assert.Equal(2026, annual.GetProperty("forYear").GetInt32());
        Assert.StartsWith("《2026年度95码号使用情况报告》", annual.GetProperty("title").GetString());
        var portfolio = await (await officer.GetAsync("/api/dossiers")).ReadAsync();
        Assert.Equal("2026-04-01", portfolio[0].GetProperty("next").GetProperty("dueOn").GetString());

        // Filing closes the filing task; editing the company name opens a change filing due in 30 days.
        await StepsAsync(officer, application, ("filed", "2026-03-02"));
        var renamed = await (await officer.PutAsync($"/api/dossiers/{dossier}?number=95123", JsonBody(ExampleWith("company.name", "上海浦江信融数字科技有限公司")))).ReadAsync();
        var opened = Assert.Single(renamed.GetProperty("openedTasks").EnumerateArray());
        Assert.Equal("ChangeFiling", opened.GetProperty("kind").GetString());
        Assert.Equal("2026-04-01", opened.GetProperty("dueOn").GetString());
        Assert.Contains("上海浦江信融数字科技有限公司", opened.GetProperty("detail").GetString());

        // The annual report done opens the next year's, due on 31 March of the year after it.
        var done = await officer.PostAsJsonAsync($"/api/licence/tasks/{annual.GetProperty("id").GetGuid()}/done", new { on = "2026-03-02" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var open = await (await officer.GetAsync("/api/licence/tasks")).ReadAsync();
        Assert.StartsWith("《2027年度95码号使用情况报告》", open.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "AnnualReport").GetProperty("title").GetString());
        Assert.Equal(["AnnualReport:2028-03-31", "ChangeFiling:2026-04-01"],
            open.EnumerateArray().Select(t => $"{t.GetProperty("kind").GetString()}:{t.GetProperty("dueOn").GetString()}").Order().ToArray());
    }

    [Fact]
    public async Task Tasks_ReadInEachLanguage_TitlesAndDetailsInThatLanguageOnly()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        var application = await CertifyAsync(officer, dossier);
        await StepsAsync(officer, application, ("filed", "2026-03-02"));
        await officer.PutAsync($"/api/dossiers/{dossier}?number=95123", JsonBody(ExampleWith("company.name", "上海浦江信融数字科技有限公司")));
        const string title = "上海浦江信融科技有限公司", renamed = "上海浦江信融数字科技有限公司"; // a duty names the dossier as it was when opened

        var zh = await TasksAsync(officer);
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var en = await TasksAsync(officer);
        var next = (await (await officer.GetAsync("/api/dossiers")).ReadAsync())[0].GetProperty("next");

        Assert.Equal(($"《2026年度95码号使用情况报告》：{title}",
            "2026年度（2026-01-01 至 2026-12-31，持有号码期间）月均通话量、投诉及解决率、安全制度执行情况，2027-03-31 前报送（政策 shanghai-95-2024）。"), zh["AnnualReport"]);
        Assert.Equal(($"95 Number Usage Report for 2026: {title}",
            "Calls, complaints and security practice in 2026 (the part of it the number was held), due 2027-03-31 (policy shanghai-95-2024)."), en["AnnualReport"]);
        Assert.Equal(($"变更备案：{renamed}", $"公司名称：{title} → {renamed}"), zh["ChangeFiling"]);
        Assert.Equal(($"Change filing: {renamed}", $"company name: {title} → {renamed}"), en["ChangeFiling"]);
        Assert.Equal($"Change filing: {renamed}", next.GetProperty("what").GetString());

        static async Task<Dictionary<string, (string?, string?)>> TasksAsync(HttpClient client) =>
            (await (await client.GetAsync("/api/licence/tasks")).ReadAsync()).EnumerateArray().ToDictionary(
                t => t.GetProperty("kind").GetString()!, t => (t.GetProperty("title").GetString(), t.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Steps_OutOfOrderOrInTheFuture_AreRefused()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier })).ReadAsync()).GetProperty("id").GetGuid();

        var early = await officer.PostAsJsonAsync($"/api/licence/applications/{application}/steps", new { step = "declared", on = "2026-03-01" });
        var future = await officer.PostAsJsonAsync($"/api/licence/applications/{application}/steps", new { step = "materials-ready", on = "2026-03-03" });
        await officer.PostAsJsonAsync($"/api/licence/applications/{application}/steps", new { step = "materials-ready", on = "2026-03-01" });
        var twice = await officer.PostAsJsonAsync($"/api/licence/applications/{application}/steps", new { step = "materials-ready", on = "2026-03-02" });
        var second = await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task CorrectionNotice_ReopensItsFindingsUntilCorrected_AndHoldsTheFormalReview()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier })).ReadAsync()).GetProperty("id").GetGuid();
        await StepsAsync(officer, application, ("materials-ready", "2026-02-20"), ("declared", "2026-02-24"));

        var withNotice = await (await officer.PostAsJsonAsync($"/api/licence/applications/{application}/corrections",
            new { receivedOn = "2026-02-27", codes = new[] { "cond3_photos" }, text = "照片未显示公司标识" })).ReadAsync();
        var check = await (await officer.GetAsync($"/api/dossiers/{dossier}/check")).ReadAsync();
        var held = await officer.PostAsJsonAsync($"/api/licence/applications/{application}/steps", new { step = "formal-review-passed", on = "2026-03-02" });

        Assert.Equal("applicant", Step(withNotice, "formal-review").GetProperty("who").GetString());
        Assert.Equal("2026-03-09", Step(withNotice, "formal-review").GetProperty("dueOn").GetString());
        Assert.False(check.GetProperty("eligible").GetBoolean());
        var reopened = check.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "COND3_PHOTOS");
        Assert.Contains("照片未显示公司标识", reopened.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);

        var notice = withNotice.GetProperty("corrections")[0].GetProperty("id").GetGuid();
        await (await officer.PostAsJsonAsync($"/api/licence/applications/{application}/corrections/{notice}/corrected", new { on = "2026-03-02" })).ReadAsync();
        var after = await (await officer.GetAsync($"/api/dossiers/{dossier}/check")).ReadAsync();
        Assert.True(after.GetProperty("eligible").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/licence/applications/{application}/steps", new { step = "formal-review-passed", on = "2026-03-02" })).StatusCode);
    }

    [Fact]
    public async Task Check_StoredDossierWithADeclaredApplication_HoldsTheLeaseAgainstTheTimelinesInspectionDate()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, ExampleWith("premises.leaseStart", "2026-04-01"));

        // Today is 2026-03-02: declared today, the review's 5 + 20 working days end on 2026-04-07 and the inspection comes on 2026-04-08.
        var undeclared = await (await officer.GetAsync($"/api/dossiers/{dossier}/check")).ReadAsync();
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier })).ReadAsync()).GetProperty("id").GetGuid();
        await StepsAsync(officer, application, ("materials-ready", "2026-02-20"), ("declared", "2026-02-24"));
        var declared = await (await officer.GetAsync($"/api/dossiers/{dossier}/check")).ReadAsync();
        var unsaved = await (await officer.PostAsync("/api/dossiers/check", JsonBody(ExampleWith("premises.leaseStart", "2026-04-01")))).ReadAsync();

        Assert.True(undeclared.GetProperty("eligible").GetBoolean(), undeclared.GetRawText());
        Assert.True(unsaved.GetProperty("eligible").GetBoolean(), unsaved.GetRawText());
        Assert.False(declared.GetProperty("eligible").GetBoolean());
        var lease = declared.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "COND3_LEASE");
        Assert.Equal("$.premises.leaseStart", lease.GetProperty("field").GetString());
        var message = lease.GetProperty("message").GetString()!;
        Assert.Contains("2026-04-01", message);
        Assert.Contains("2026-03-31", message); // declared 2026-02-24 plus 25 working days, then the next working day
        Assert.Contains("申报日 2026-02-24", message);
        Assert.Contains("2026-03-31", lease.GetProperty("messageEn").GetString());
    }

    [Fact]
    public async Task Timeline_AuthorityStepPastItsDueDate_IsFlaggedLate()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier })).ReadAsync()).GetProperty("id").GetGuid();
        var declared = await StepsAsync(officer, application, ("materials-ready", "2026-03-02"), ("declared", "2026-03-02"));
        Assert.Equal("on-track", Step(declared, "formal-review").GetProperty("flag").GetString());
        Assert.Equal("2026-03-09", Step(declared, "formal-review").GetProperty("dueOn").GetString());

        app.Clock.Advance(TimeSpan.FromDays(8));
        officer = await app.LoginAsComplianceOfficerAsync();
        var later = await (await officer.GetAsync($"/api/licence/applications/{application}")).ReadAsync();

        Assert.Equal("late", Step(later, "formal-review").GetProperty("flag").GetString());
    }

    [Fact]
    public async Task CalendarFeed_NeedsItsToken_AndANewTokenRevokesTheOld()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        await CertifyAsync(officer, dossier);
        var first = (await (await officer.PostAsync("/api/licence/calendar-token", null)).ReadAsync()).GetProperty("token").GetString()!;
        var anonymous = app.CreateClient();

        var feed = await anonymous.GetAsync($"/api/licence/calendar.ics?token={Uri.EscapeDataString(first)}");
        var ics = await feed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        Assert.Contains("DTSTART;VALUE=DATE:20270331", ics);
        Assert.Contains("DTSTART;VALUE=DATE:20260401", ics);
        // A calendar application sends no language: an application step and what it is, in both.
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("SUMMARY:发证与备案：上海浦江信融科技有限公司 / Certificate and filing: 上海浦江信融科技有限公司", unfolded);
        Assert.Contains("DESCRIPTION:申请人时限 / the applicant's deadline · 证书 2026-03-02 起 30 天内备案 / file within 30 days of the certificate (2026-03-02)", unfolded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/licence/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/licence/calendar.ics?token=guess")).StatusCode);

        await officer.PostAsync("/api/licence/calendar-token", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/licence/calendar.ics?token={Uri.EscapeDataString(first)}")).StatusCode);
    }

    [Fact]
    public async Task Reminders_GoOutOncePerLeadTime()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        await CertifyAsync(officer, dossier);

        async Task<int> RemindAsync() => await app.WithScopeAsync(s => s.GetRequiredService<SendLicenceRemindersHandler>().HandleAsync());
        async Task<List<Notification>> NoticesAsync() => await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().Notifications.Where(n => n.Kind == "licence-reminder").ToListAsync());

        // Filing is due 2026-04-01: within 30 days from the start, so one reminder now and none again today.
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        app.Clock.Advance(TimeSpan.FromDays(24)); // 2026-03-26: 6 days left
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());

        var notices = await NoticesAsync();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal("ComplianceOfficer", n.Role));
        Assert.Contains(notices, n => global::Hotline95.Text.NoticeText.Render(n, english: true).StartsWith("due in 6 days: ", StringComparison.Ordinal));
        Assert.Contains(notices, n => global::Hotline95.Text.NoticeText.Render(n, english: false).StartsWith("6 天后到期：", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishPolicy_ListsTheDossiersThatPassedBeforeAndFailNow()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var eight = await SaveAsync(officer, Example());
        await SaveAsync(officer, ExampleWith("premises.seats", 12));

        // Policies are installation-wide: published by the operator on the server, not by a tenant over the web.
        var published = await PublishPolicyAsync(app, officer, policy =>
        {
            policy["id"] = "shanghai-95-2026-10seats";
            policy["effectiveFrom"] = "2026-03-01";
            policy["minSeats"] = 10;
        });
        var file = Path.Combine(app.Database.DataDirectory, "policy.json");
        var again = await CliRunner.RunAsync(CliRunner.On(app.Database, "policy", "publish", file));

        Assert.Equal(1, published.ExitCode);
        Assert.Contains("replacing shanghai-95-2024", published.Out);
        Assert.Contains($"{eight}  上海浦江信融科技有限公司: COND3_SEATS", published.Out);
        Assert.Single(published.Out.Split('\n'), l => l.Contains("COND3_SEATS", StringComparison.Ordinal));
        Assert.Equal(2, again.ExitCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await officer.PostAsync("/api/licence/policies", JsonBody(await File.ReadAllTextAsync(file)))).StatusCode);
        var before = await (await officer.GetAsync($"/api/dossiers/{eight}/check?on=2026-02-28")).ReadAsync();
        var now = await (await officer.GetAsync($"/api/dossiers/{eight}/check")).ReadAsync();
        Assert.True(before.GetProperty("eligible").GetBoolean());
        Assert.Equal("shanghai-95-2026-10seats", now.GetProperty("policy").GetString());
        Assert.False(now.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task OwnHotlineOnThePlatform_SeatsAndAgentsComeFromTheRoster()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example(), "usesPlatform=true&number=95123");

        var empty = await (await officer.GetAsync($"/api/dossiers/{dossier}/check")).ReadAsync();
        Assert.Contains(empty.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "COND3_SEATS"
            && f.GetProperty("messageEn").GetString()!.Contains("platform", StringComparison.Ordinal));
        Assert.Contains(empty.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "COND4_AGENTS");

        for (var i = 1; i <= 5; i++)
        {
            await (await officer.PutAsJsonAsync($"/api/roster/seats/A-0{i}", new { location = "20层东区", equipment = "话机、电脑、录音设备" })).ReadAsync();
            var agent = await (await officer.PostAsJsonAsync("/api/roster/agents", new { name = $"坐席员{i}", employment = "FullTime", socialInsuranceCity = "上海", socialInsuranceMonths = 6 })).ReadAsync();
            // The policy's topics, each with its date and sign-in sheet.
            foreach (var (topic, heldOn) in new[] { ("服务礼仪", "2026-02-10"), ("业务知识", "2026-02-12") })
            {
                using var form = new MultipartFormDataContent
                {
                    { new StringContent(topic), "topic" }, { new StringContent(heldOn), "heldOn" }, { new ByteArrayContent("%PDF-1.4 签到表"u8.ToArray()), "file", "signin.pdf" },
                };
                await (await officer.PostAsync($"/api/roster/agents/{agent.GetProperty("id").GetGuid()}/trainings", form)).ReadAsync();
            }
        }

        var staffed = await (await officer.GetAsync($"/api/dossiers/{dossier}/check")).ReadAsync();
        Assert.True(staffed.GetProperty("eligible").GetBoolean(), staffed.GetRawText());
        var evidence = staffed.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == 3).GetProperty("evidence")[0].GetString();
        Assert.Contains("5 seats", evidence);
        Assert.Contains("platform", evidence);
    }

    [Fact]
    public async Task Documents_DownloadAsDocxAndPdf_OnlyWithThePermission()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var auditor = await app.LoginAsRoleAsync(Core.Identity.Role.Auditor);
        var dossier = await SaveAsync(officer, Example());

        var docx = await officer.GetAsync($"/api/dossiers/{dossier}/documents/usage-plan?format=docx");
        var pdf = await officer.GetAsync($"/api/dossiers/{dossier}/documents/commitment-letter?format=pdf");
        var unknown = await officer.GetAsync($"/api/dossiers/{dossier}/documents/brochure?format=pdf");

        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        using (var stream = await docx.Content.ReadAsStreamAsync())
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false))
        {
            Assert.Contains("信用卡额度与账单咨询", document.MainDocumentPart!.Document!.Body!.InnerText);
        }

        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains("95123", string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/dossiers/{dossier}/documents/usage-plan")).StatusCode);
    }

    [Fact]
    public async Task Documents_ADossierWithErrorsOrAnOpenCorrectionNotice_AreDraftsOnEveryPage()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var failing = await SaveAsync(officer, Example("dossier-common-rejections.json"));
        var clean = await SaveAsync(officer, Example(), "number=95124");

        var failingPages = await PdfPagesAsync(officer, $"/api/dossiers/{failing}/documents/security-policies?format=pdf");
        var cleanPages = await PdfPagesAsync(officer, $"/api/dossiers/{clean}/documents/security-policies?format=pdf");
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = clean })).ReadAsync()).GetProperty("id").GetGuid();
        await StepsAsync(officer, application, ("materials-ready", "2026-02-20"), ("declared", "2026-02-24"));
        await (await officer.PostAsJsonAsync($"/api/licence/applications/{application}/corrections",
            new { receivedOn = "2026-02-27", codes = new[] { "COND3_PHOTOS" }, text = "照片未显示公司标识" })).ReadAsync();
        var noticedPages = await PdfPagesAsync(officer, $"/api/dossiers/{clean}/documents/commitment-letter?format=pdf");

        Assert.All(failingPages, page => Assert.Contains(LicenceDocuments.DraftWatermark, page));
        Assert.Contains("COND5_PURPOSE_MARKETING", failingPages[0]);
        Assert.All(cleanPages, page => Assert.DoesNotContain(LicenceDocuments.DraftWatermark, page));
        Assert.DoesNotContain("COND", string.Concat(cleanPages));
        Assert.All(noticedPages, page => Assert.Contains(LicenceDocuments.DraftWatermark, page));
        Assert.Contains("COND3_PHOTOS", noticedPages[0]);
        Assert.Contains("照片未显示公司标识", noticedPages[0]);
    }

    [Fact]
    public async Task Documents_OwnHotlineOnThePlatform_DescribeThePlatformsMeasuresAndTheRostersEquipment()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var own = await SaveAsync(officer, Example(), "usesPlatform=true&number=95123");
        var client = await SaveAsync(officer, Example(), "number=95124");
        await (await officer.PutAsJsonAsync("/api/roster/seats/A-01", new { location = "20层东区", equipment = "话机、电脑、耳麦" })).ReadAsync();

        var ownPolicies = string.Concat(await PdfPagesAsync(officer, $"/api/dossiers/{own}/documents/security-policies?format=pdf"));
        var ownPlan = string.Concat(await PdfPagesAsync(officer, $"/api/dossiers/{own}/documents/usage-plan?format=pdf"));
        var clientPolicies = string.Concat(await PdfPagesAsync(officer, $"/api/dossiers/{client}/documents/security-policies?format=pdf"));

        foreach (var measure in new[] { "Hotline95", "审计链", "数据密钥按月生成", "自动删除到期的通话记录" })
        {
            Assert.Contains(measure, ownPolicies);
            Assert.DoesNotContain(measure, clientPolicies);
        }

        Assert.Contains("AES-256-GCM", ownPolicies);
        Assert.Contains("耳麦", ownPlan);
        Assert.Contains("设坐席1个", ownPlan);
    }

    [Fact]
    public async Task Documents_ADeclaredDossier_AreJudgedAsOfTheDeclarationAndDoNotTurnIntoDraftsAsMonthsPass()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        // Insured through December 2025: the last paid month the declaration of 2026-01-12 needs, stale by today (2026-03-02).
        var dossier = await SaveAsync(officer, ExampleInsuredThrough(2025, 12));
        var application = (await (await officer.PostAsJsonAsync("/api/licence/applications", new { dossierId = dossier })).ReadAsync()).GetProperty("id").GetGuid();
        await StepsAsync(officer, application, ("materials-ready", "2026-01-05"), ("declared", "2026-01-12"));

        var today = await (await officer.GetAsync($"/api/dossiers/{dossier}/check")).ReadAsync();
        var response = await officer.GetAsync($"/api/dossiers/{dossier}/documents/usage-plan?format=pdf");

        Assert.Contains(today.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "COND4_SOCIAL_INSURANCE_MONTHS");
        Assert.Equal("false", response.Headers.GetValues(LicenceEndpoints.DraftHeader).Single());
        var pages = await PdfPagesAsync(response);
        Assert.All(pages, page => Assert.DoesNotContain(LicenceDocuments.DraftWatermark, page));
        Assert.DoesNotContain("COND4", string.Concat(pages));
    }

    [Fact]
    public async Task Documents_ACertifiedDossierAsFiled_AreNeverDraftsAndAreDatedOnTheDeclaration()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var dossier = await SaveAsync(officer, Example());
        await CertifyAsync(officer, dossier); // declared 2026-01-12, certified today 2026-03-02
        // Changed after the certificate into a dossier the pre-review rejects: the working copy is a draft, the filed one is not.
        await (await officer.PutAsync($"/api/dossiers/{dossier}?number=95123", JsonBody(ExampleWith("usagePlan.purposes", new JsonArray("信用卡账单查询", "新品促销通知"))))).ReadAsync();

        var working = await officer.GetAsync($"/api/dossiers/{dossier}/documents/security-policies?format=pdf");
        var filed = await officer.GetAsync($"/api/dossiers/{dossier}/documents/security-policies?format=pdf&asFiled=true");

        Assert.Equal("true", working.Headers.GetValues(LicenceEndpoints.DraftHeader).Single());
        Assert.Contains("COND5_PURPOSE_MARKETING", working.Headers.GetValues(LicenceEndpoints.DraftBecauseHeader).Single().Split(','));
        Assert.Equal("false", filed.Headers.GetValues(LicenceEndpoints.DraftHeader).Single());
        Assert.False(filed.Headers.Contains(LicenceEndpoints.DraftBecauseHeader));
        var filedPages = await PdfPagesAsync(filed);
        var workingText = string.Concat(await PdfPagesAsync(working));
        Assert.All(filedPages, page => Assert.DoesNotContain(LicenceDocuments.DraftWatermark, page));
        Assert.DoesNotContain("预审", string.Concat(filedPages));
        Assert.Contains("2026年1月12日", string.Concat(filedPages));
        Assert.DoesNotContain("2026年3月2日", string.Concat(filedPages));
        // The working copy is judged as of the declaration too (its cover says so) and dated today.
        Assert.Contains("2026年1月12日预审", workingText);
        Assert.Contains("2026年3月2日", workingText);
    }

    [Fact]
    public async Task Documents_TheResponseHeaders_SayWhetherADraftAndTheErrorsThatMakeIt()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var failing = await SaveAsync(officer, Example("dossier-common-rejections.json"));
        var clean = await SaveAsync(officer, Example(), "number=95124");

        var draft = await officer.GetAsync($"/api/dossiers/{failing}/documents/commitment-letter?format=docx");
        var final = await officer.GetAsync($"/api/dossiers/{clean}/documents/commitment-letter?format=docx");
        var check = await (await officer.GetAsync($"/api/dossiers/{failing}/check")).ReadAsync();

        Assert.Equal("true", draft.Headers.GetValues(LicenceEndpoints.DraftHeader).Single());
        var errors = check.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("severity").GetString() == "error").Select(f => f.GetProperty("code").GetString()!).ToHashSet();
        Assert.Equal(errors, draft.Headers.GetValues(LicenceEndpoints.DraftBecauseHeader).Single().Split(',').ToHashSet());
        Assert.Contains("COND5_PURPOSE_MARKETING", errors);
        Assert.Equal("false", final.Headers.GetValues(LicenceEndpoints.DraftHeader).Single());
        Assert.False(final.Headers.Contains(LicenceEndpoints.DraftBecauseHeader));
    }

    [Fact]
    public async Task Dossiers_OnePlatformAnswer_OwnStatedOrNone_AndTheCheckAndDocumentsTakeTheSameFacts()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var own = await SaveAsync(officer, Example(), "usesPlatform=true&number=95123");
        var stated = await SaveAsync(officer, ExampleWith("usesHotline95Platform", true), "number=95124");
        var none = await SaveAsync(officer, Example(), "number=95125");

        var ownView = await (await officer.GetAsync($"/api/dossiers/{own}")).ReadAsync();
        var statedView = await (await officer.GetAsync($"/api/dossiers/{stated}")).ReadAsync();
        var noneView = await (await officer.GetAsync($"/api/dossiers/{none}")).ReadAsync();
        var statedCheck = await (await officer.GetAsync($"/api/dossiers/{stated}/check")).ReadAsync();
        var ownCheck = await (await officer.GetAsync($"/api/dossiers/{own}/check")).ReadAsync();
        var statedPolicies = string.Concat(await PdfPagesAsync(officer, $"/api/dossiers/{stated}/documents/security-policies?format=pdf"));
        var statedPlan = string.Concat(await PdfPagesAsync(officer, $"/api/dossiers/{stated}/documents/usage-plan?format=pdf"));
        var nonePolicies = string.Concat(await PdfPagesAsync(officer, $"/api/dossiers/{none}/documents/security-policies?format=pdf"));

        Assert.Equal(["own", "stated", "none"], new[] { ownView, statedView, noneView }.Select(v => v.GetProperty("platform").GetString()!).ToArray());
        Assert.False(ownView.TryGetProperty("usesPlatform", out _));
        // Saved as the enterprise's own hotline here, the dossier itself says it runs on the platform.
        Assert.True(ownView.GetProperty("dossier").GetProperty("usesHotline95Platform").GetBoolean());
        Assert.False(noneView.GetProperty("dossier").TryGetProperty("usesHotline95Platform", out var noneFlag) && noneFlag.ValueKind == JsonValueKind.True);
        // Stated: the platform's measures are described, every fact is the dossier's, in the check as in the documents.
        Assert.True(statedCheck.GetProperty("eligible").GetBoolean(), statedCheck.GetRawText());
        Assert.DoesNotContain("platform", statedCheck.GetRawText());
        Assert.Contains("platform", ownCheck.GetRawText());
        foreach (var measure in new[] { "Hotline95", "审计链", "数据密钥按月生成" })
        {
            Assert.Contains(measure, statedPolicies);
            Assert.DoesNotContain(measure, nonePolicies);
        }

        Assert.DoesNotContain("AES-256-GCM", statedPolicies);
        Assert.Contains("以AES-256加密存储", statedPolicies);
        Assert.Contains("设坐席8个", statedPlan);
    }

    /// <summary>The example with each agent's insurance month by month: three consecutive months in 上海, the last one given.</summary>
    private static string ExampleInsuredThrough(int year, int month)
    {
        var root = JsonNode.Parse(Example())!;
        var last = new DateOnly(year, month, 1);
        foreach (var agent in root["agents"]!.AsArray())
        {
            agent!["socialInsuranceHistory"] = new JsonArray([.. Enumerable.Range(0, 3).Reverse().Select(i =>
                (JsonNode)new JsonObject { ["month"] = last.AddMonths(-i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), ["city"] = "上海" })]);
        }

        return root.ToJsonString();
    }

    /// <summary>A PDF from the API as pdftotext reads it, page by page, whitespace dropped.</summary>
    private static async Task<IReadOnlyList<string>> PdfPagesAsync(HttpClient client, string url) => await PdfPagesAsync(await client.GetAsync(url));

    private static async Task<IReadOnlyList<string>> PdfPagesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdftotext = TestEnvironment.RequirePdfToText();
        var file = Path.Combine(Path.GetTempPath(), $"h95-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(pdftotext, ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text.Split('\f')[..^1].Select(p => string.Concat(p.Where(c => !char.IsWhiteSpace(c)))).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Roster_TrainingFile_RoundTripsAndAgentsCannotEditTheRoster()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var supervisor = await app.LoginAsSupervisorAsync();
        var agentClient = await app.LoginAsAgentAsync();
        var agent = await (await supervisor.PostAsJsonAsync("/api/roster/agents", new { name = "王芳", socialInsuranceCity = "上海", socialInsuranceMonths = 4 })).ReadAsync();
        var bytes = "%PDF-1.4 签到表"u8.ToArray();
        using var form = new MultipartFormDataContent { { new StringContent("业务知识"), "topic" }, { new ByteArrayContent(bytes), "file", "signin.pdf" } };

        var training = await (await supervisor.PostAsync($"/api/roster/agents/{agent.GetProperty("id").GetGuid()}/trainings", form)).ReadAsync();
        var file = await supervisor.GetByteArrayAsync($"/api/roster/trainings/{training.GetProperty("id").GetGuid()}/file");

        Assert.Equal(bytes, file);

        // An upload that claims to be HTML is served as an opaque download, never rendered.
        using var html = new MultipartFormDataContent { { new StringContent("签到"), "topic" } };
        var script = new ByteArrayContent("<script>alert(1)</script>"u8.ToArray());
        script.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html");
        html.Add(script, "file", "x/");
        var hostile = await (await supervisor.PostAsync($"/api/roster/agents/{agent.GetProperty("id").GetGuid()}/trainings", html)).ReadAsync();
        var served = await supervisor.GetAsync($"/api/roster/trainings/{hostile.GetProperty("id").GetGuid()}/file");
        Assert.Equal("application/octet-stream", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await agentClient.PutAsJsonAsync("/api/roster/seats/A-01", new { location = "x", equipment = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentClient.GetAsync("/api/roster")).StatusCode);
        var bad = await supervisor.PutAsJsonAsync("/api/roster/seats/A-01", new { location = "20层", equipment = "" });
        Assert.Equal("equipment", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}

public sealed class LicenceApiTestsOnSqlite() : LicenceApiTests(DatabaseKind.Sqlite);

public sealed class LicenceApiTestsOnPostgres() : LicenceApiTests(DatabaseKind.Postgres);
