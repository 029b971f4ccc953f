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
    public async Task Queues_SupervisorSeesQueueDayFiguresAndHeatMapWithNotApplicable()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"));
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "queues", "95528", "--queues", "support,vip"));
        // Monday 2026-03-02, 09:00–10:00 Shanghai (01:00 UTC): support answers after 10 s and 30 s, one caller gives up after 40 s;
        // vip's only call is a 3 s abandon (short), so its service level has nothing to divide by.
        var log = Path.Combine(app.Database.DataDirectory, "queue_log");
        await File.WriteAllLinesAsync(log,
        [
            "1772413200|c1|support|NONE|ENTERQUEUE||13800138000|1", "1772413210|c1|support|PJSIP/8001|CONNECT|10|c1b|2", "1772413330|c1|support|PJSIP/8001|COMPLETECALLER|10|120|1",
            "1772413800|c2|support|NONE|ENTERQUEUE||13900139000|1", "1772413830|c2|support|PJSIP/8002|CONNECT|30|c2b|2", "1772413930|c2|support|PJSIP/8002|COMPLETEAGENT|30|100|1",
            "1772414400|c3|support|NONE|ENTERQUEUE||13700137000|1", "1772414440|c3|support|NONE|ABANDON|1|1|40",
            "1772414500|c4|vip|NONE|ENTERQUEUE||13600136000|1", "1772414503|c4|vip|NONE|ABANDON|1|1|3",
        ]);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "queues", "import", "--format", "asterisk-queue-log", log))).ExitCode);
        var (user, password) = await app.CreateUserAsync(Role.Supervisor);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/monitoring").ToString());
        await page.FillAsync("#mon-from", "2026-03-02");
        await page.FillAsync("#mon-to", "2026-03-03");
        await page.ClickAsync("#mon-filters button[type=submit]");
        await page.WaitForSelectorAsync("#queues-body tr[data-queue-day='2026-03-02 support']");
        await browser.SnapAsync("monitoring-queues");

        var support = await page.InnerTextAsync("#queues-body tr[data-queue-day='2026-03-02 support']");
        var vip = await page.InnerTextAsync("#queues-body tr[data-queue-day='2026-03-02 vip']");
        Assert.Contains("33.3%", support); // 1 of 3 within 20 s
        Assert.Contains("20.0", support); // average speed of answer (10 + 30) / 2
        Assert.Contains("不适用", vip); // 0 ÷ 0 is not 0%
        Assert.Equal("33", (await page.InnerTextAsync("#sl-heatmap td[data-cell='0-9']")).Trim()); // Monday, 09:00
        Assert.Equal(1, await page.Locator("#sl-heatmap td.poor").CountAsync());
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
