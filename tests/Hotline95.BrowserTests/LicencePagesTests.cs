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
}
