using System.Net.Http.Json;
using Hotline95.Core.Demo;
using Hotline95.Core.Identity;
using Hotline95.Testing;

namespace Hotline95.BrowserTests;

public sealed class MonitoringPagesTests
{
    [Fact]
    public async Task Dashboard_SupervisorSeesMonthlyFiguresWithChartsAndAReportLink()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"));
        var file = Path.Combine(app.Database.DataDirectory, "q1.csv");
        SyntheticCalls.WriteAsteriskFile(file, 900, "95528", new DateTime(2026, 1, 5, 8, 0, 0), TimeSpan.FromMinutes(80));
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "asterisk", file));
        var (user, password) = await app.CreateUserAsync(Role.Supervisor);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/monitoring").ToString());
        await page.WaitForSelectorAsync("#months-body tr[data-month='2026-02']");
        await browser.SnapAsync("monitoring");

        var january = await page.InnerTextAsync("#months-body tr[data-month='2026-01']");
        Assert.Contains("2026-01", january);
        Assert.Equal(12, await page.Locator("#chart-calls rect").CountAsync());
        var bars = await page.Locator("#chart-calls rect").EvaluateAllAsync<int[]>("rs => rs.map(r => +r.getAttribute('data-value'))");
        Assert.Equal(900, bars.Sum());
        Assert.True(await page.Locator("#report-pdf").IsHiddenAsync() || (await page.GetAttributeAsync("#report-pdf", "href"))!.Contains("/api/reports/annual", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedLines_AgentChecksAScriptAndSeesEachHitWithItsRewrite()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var (user, password) = await app.CreateUserAsync(Role.Agent);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/compliance").ToString());
        await page.FillAsync("#scan-text", "您好，我们是全国最专业的客服团队，本月办卡限时优惠！\n第一次来电请先登记。");
        await page.ClickAsync("#scan");
        await page.WaitForSelectorAsync("#findings-body tr[data-term='最专业']");
        await browser.SnapAsync("red-lines");

        var terms = await page.Locator("#findings-body tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.getAttribute('data-term'))");
        Assert.Equal(["最专业", "限时", "优惠"], terms);
        Assert.True(await page.Locator("#term-form").IsHiddenAsync());
    }
}
