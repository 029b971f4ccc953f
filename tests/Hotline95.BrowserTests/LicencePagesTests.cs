using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.BrowserTests;

public sealed class LicencePagesTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "dossiers", name);

    [Fact]
    public async Task Dossier_OfficerImportsPreReviewsFixesAndSaves_ThePortfolioShowsItReady()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var (user, password) = await app.CreateUserAsync(Role.ComplianceOfficer);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/licence").ToString());
        await page.SetInputFilesAsync("#import-file", Fixture("dossier-common-rejections.json"));
        await page.WaitForSelectorAsync("#findings-body tr[data-code='COND5_PURPOSE_VAGUE']");
        await page.WaitForSelectorAsync("#conditions li.cond-fail[data-condition='5']");
        await browser.SnapAsync("licence-prereview");

        // Fix the usage plan in the form and pre-review again: its findings go away.
        await page.FillAsync("[data-path='usagePlan.purposes']", "包裹追踪\n派送提醒\n投诉处理");
        await page.FillAsync("[data-path='usagePlan.serviceHours']", "工作日 8:30-17:30");
        await page.FillAsync("[data-path='usagePlan.flow']", "用户拨打\n客服接听\n问题记录\n转办处理\n反馈结果");
        await page.CheckAsync("[data-path='usagePlan.noMarketingCommitment']");
        await page.ClickAsync("#save");
        await page.WaitForSelectorAsync("#portfolio-body tr");
        await page.ClickAsync("#check");
        await page.WaitForSelectorAsync("#conditions li.cond-pass[data-condition='5']");
        Assert.Equal(0, await page.Locator("#findings-body tr[data-code^='COND5']").CountAsync());
        Assert.True(await page.Locator("#findings-body tr[data-code='COND3_PHOTOS']").CountAsync() > 0);

        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Dossiers.SingleAsync());
        Assert.Contains("包裹追踪", stored.Json);
        Assert.Equal("苏州某某客服有限公司", stored.Title);
        Assert.Contains("苏州某某客服有限公司", await page.InnerTextAsync("#portfolio-body"));
    }

    [Fact]
    public async Task Dossier_ImportedAndSaved_KeepsTheFactsTheDocumentsAreWrittenFrom()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var (user, password) = await app.CreateUserAsync(Role.ComplianceOfficer);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/licence").ToString());
        await page.SetInputFilesAsync("#import-file", Fixture("dossier-pudong-bank.json"));
        await page.WaitForSelectorAsync("#conditions li");
        await page.SelectOptionAsync("#platform-use", "stated");
        await page.ClickAsync("#save");
        await page.WaitForSelectorAsync("#portfolio-body tr");

        var stored = Core.Licensing.Dossiers.DossierJson.Parse((await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Dossiers.SingleAsync())).Json).Value;
        Assert.Equal("金融科技（信用卡客户服务）", stored.Company!.Industry);
        Assert.Equal(["话机", "电脑", "录音设备"], stored.Premises!.Equipment!);
        Assert.Equal("信用卡客户服务热线", stored.UsagePlan!.Description);
        Assert.Equal("信用卡持卡客户", stored.UsagePlan.Callers);
        Assert.Equal("合规部负责人", stored.SecurityPolicies!.Officer);
        Assert.StartsWith("本公司上海机房", stored.SecurityPolicies.ServerLocation);
        Assert.Equal(new DateOnly(2026, 6, 1), stored.SecurityPolicies.EffectiveDate);
        Assert.True(stored.UsesHotline95Platform);
        Assert.False((await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Dossiers.SingleAsync())).UsesPlatform);
    }

    /// <summary>
    /// The first agent's row is deleted: the agent who moves up keeps its own month-by-month insurance history (shown
    /// read-only), and a training record entered with its date and file is saved with them.
    /// </summary>
    [Fact]
    public async Task Dossier_AgentRowDeletedAndTrainingAdded_EachAgentKeepsItsOwnHistoryAndTheRecordHasDateAndFile()
    {
        var dossier = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Fixture("dossier-pudong-bank.json")))!;
        var agents = dossier["agents"]!.AsArray();
        agents[0]!["socialInsuranceHistory"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"month":"2026-01","city":"江苏"},{"month":"2026-02","city":"江苏"}]""");
        agents[1]!["socialInsuranceHistory"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"month":"2026-08","city":"上海"},{"month":"2026-09","city":"上海"},{"month":"2026-10","city":"上海"}]""");
        var file = Path.Combine(Path.GetTempPath(), $"dossier-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, dossier.ToJsonString());

        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var (user, password) = await app.CreateUserAsync(Role.ComplianceOfficer);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;
        try
        {
            await page.GotoAsync(new Uri(app.BaseAddress, "/licence").ToString());
            await page.SetInputFilesAsync("#import-file", file);
            await page.WaitForSelectorAsync("#conditions li");
            Assert.Contains("2026-08 上海", await page.InnerTextAsync("#agents-body > tr:nth-child(2) .a-history"));
            Assert.Equal(0, await page.Locator("#agents-body > tr:nth-child(2) .a-history input").CountAsync());

            await page.ClickAsync("#agents-body > tr:nth-child(1) .a-remove");
            var first = page.Locator("#agents-body > tr:nth-child(1)");
            Assert.Equal("李强", await first.Locator(".a-name").InputValueAsync());
            await first.Locator(".a-add-training").ClickAsync();
            var added = first.Locator(".t-row").Last;
            await added.Locator(".t-topic").FillAsync("投诉处理规范");
            await added.Locator(".t-date").FillAsync("2026-10-15");
            await added.Locator(".t-file").FillAsync("training/20261015-complaints-signin.pdf");
            await page.ClickAsync("#save");
            await page.WaitForSelectorAsync("#portfolio-body tr");
        }
        finally
        {
            File.Delete(file);
        }

        var saved = Core.Licensing.Dossiers.DossierJson.Parse((await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Dossiers.SingleAsync())).Json).Value.Agents!;
        Assert.Equal(["李强", "张敏", "陈晨", "刘洋"], saved.Select(a => a.Name!).ToArray());
        Assert.Equal(["2026-08 上海", "2026-09 上海", "2026-10 上海"], saved[0].SocialInsuranceHistory!.Select(m => $"{m.Month} {m.City}").ToArray());
        Assert.All(saved.Skip(1), a => Assert.Null(a.SocialInsuranceHistory));
        var record = saved[0].Training!.Single(t => t.Topic == "投诉处理规范");
        Assert.Equal(new DateOnly(2026, 10, 15), record.Date);
        Assert.Equal("training/20261015-complaints-signin.pdf", record.File);
        Assert.Equal(new DateOnly(2025, 12, 5), saved[0].Training![0].Date);
    }

    [Fact]
    public async Task Roster_SupervisorAddsAnAgentAndATrainingRecord()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var (user, password) = await app.CreateUserAsync(Role.Supervisor);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/roster").ToString());
        await page.FillAsync("#seat-code", "A-01");
        await page.FillAsync("#seat-location", "20层东区");
        await page.FillAsync("#seat-equipment", "话机、电脑、录音设备");
        await page.ClickAsync("#seat-form button");
        await page.WaitForSelectorAsync("#seats-body tr");
        await page.FillAsync("#agent-name", "王芳");
        await page.FillAsync("#agent-months", "6");
        await page.ClickAsync("#agent-form button");
        await page.WaitForSelectorAsync("#training-form:not([hidden])");
        await page.FillAsync("#training-topic", "服务礼仪");
        var posted = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#training-form button"), r => r.Url.Contains("/trainings", StringComparison.Ordinal));
        Assert.True(posted.Ok, $"{posted.Status} {await posted.TextAsync()}");
        await page.WaitForFunctionAsync("() => document.querySelector('#agents-body').innerText.includes('服务礼仪')");
        await browser.SnapAsync("roster");

        var training = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Trainings.SingleAsync());
        Assert.Equal("服务礼仪", training.Topic);
    }

    [Fact]
    public async Task Uploads_APdfThroughTheForm_IsListedAndAfterTheSessionEndedElsewhereTheNextGoesToSignIn()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        browser.AllowConsoleError("status of 401"); // the refused upload: the browser logs it
        await browser.LoginAsync(app.BaseAddress, "admin", app.AdminPassword);
        var page = browser.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, "/licence").ToString());
        await page.WaitForSelectorAsync("#uploads-empty:not([hidden])");
        var lease = new Microsoft.Playwright.FilePayload { Name = "租赁合同.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray() };

        await page.SetInputFilesAsync("#upload-file", lease);
        await page.ClickAsync("#upload-form button[type=submit]");
        await page.WaitForSelectorAsync("#uploads-body tr[data-kind='lease']");
        Assert.Equal("已上传。", await page.TextContentAsync("#upload-status"));
        Assert.Equal("租赁合同.pdf", await page.TextContentAsync("#uploads-body tr[data-kind='lease'] a"));

        // The same user signs out on another device: the next upload is refused, and the page goes to sign-in.
        using var otherDevice = await app.LoginAsAdminAsync();
        Assert.True((await otherDevice.PostAsync("/api/auth/logout", null)).IsSuccessStatusCode);
        await page.SetInputFilesAsync("#upload-file", lease);
        await page.ClickAsync("#upload-form button[type=submit]");
        await BrowserSession.WaitForAddressAsync(page, new Uri(app.BaseAddress, "/login?ReturnUrl=%2Flicence").ToString());
        browser.AssertNoConsoleErrors();
    }
}
