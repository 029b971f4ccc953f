using System.Text.RegularExpressions;
using Hotline95.Testing;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

public sealed partial class DashboardPagesTests
{
    private static readonly string[] AllCards =
        ["card-my-tickets", "card-callbacks", "card-today-calls", "card-complaints", "card-alerts", "card-red-lines", "card-licence", "card-retention", "card-audit",
         "card-users", "card-api-keys", "card-keys"];

    /// <summary>What one role must see: its cards (all others absent), its first section, and figures per language (selector, Chinese, English).</summary>
    private sealed record Expectation(string User, string Password, string FirstSection, string[] Cards, (string Selector, string Zh, string En)[] Texts);

    [Fact]
    public async Task Dashboard_EachRole_SeesItsOwnCardsWithTheSeededFiguresInBothLanguages()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var s = await DashboardScenario.SeedAsync(app);
        var page = browser.Page;
        await page.SetViewportSizeAsync(1366, 768);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} ({m.Location})"); };
        page.PageError += (_, e) => errors.Add(e);

        Expectation[] roles =
        [
            new(s.AgentA.Name, s.AgentA.Password, "work", ["card-my-tickets", "card-callbacks"],
            [
                ("#card-my-tickets [data-figure=open]", "3", "3"),
                ($"#card-my-tickets li[data-ticket='{s.TransferredTicket}']", "转办给我", "transferred to me"),
                ("#card-callbacks [data-figure=open]", "1", "1"),
                ("#card-callbacks [data-figure=oldest]", "最久已等待 40 分钟", "the oldest has waited 40 min"),
                ("#card-my-tickets a[href='/desk']", "打开坐席台", "Open the desk"),
            ]),
            new(s.Supervisor.Name, s.Supervisor.Password, "service", ["card-my-tickets", "card-callbacks", "card-today-calls", "card-complaints", "card-alerts"],
            [
                ("#card-today-calls [data-figure=callsIn]", "4", "4"),
                ("#card-today-calls [data-figure=answerRate]", "75.0%", "75.0%"),
                ("#card-today-calls [data-figure=serviceLevel]", "33.3%", "33.3%"),
                ("#card-complaints [data-figure=overdue]", "1", "1"),
                ("#card-complaints [data-figure=atRisk]", "1", "1"),
                ($"#card-complaints li[data-complaint='{s.OverdueComplaint}']", "已超时 1 小时", "overdue by 1 h"),
                ($"#card-complaints li[data-complaint='{s.AtRiskComplaint}']", "剩 2 小时", "2 h left"),
                ("#card-alerts [data-figure=open]", "2", "2"),
                ("#card-alerts", "频繁呼入", "Caller flood"),
            ]),
            new(s.Officer.Name, s.Officer.Password, "compliance", ["card-today-calls", "card-complaints", "card-alerts", "card-red-lines", "card-licence", "card-retention", "card-audit"],
            [
                ("#card-red-lines [data-figure=open]", "1", "1"),
                ("#card-red-lines [data-figure=acknowledged]", "已确认、处理中 1", "acknowledged, being dealt with: 1"),
                ("#card-licence [data-figure=open]", "2", "2"),
                ("#card-licence [data-figure=late]", "逾期 0", "late 0"),
                ("#card-licence li[data-duty=CertificateFiling]", "码号备案", "Certificate filing"),
                ("#card-retention [data-figure=pastRetention]", "2025-08-20", "2025-08-20"),
                ("#card-retention [data-figure=pastRetention]", "1 条通话已超过保存期限", "Calls past retention: 1"),
                ("#card-audit [data-figure=intact]", "哈希链完整", "Chain intact"),
            ]),
            new("admin", app.AdminPassword, "admin", ["card-today-calls", "card-complaints", "card-alerts", "card-red-lines", "card-licence", "card-retention", "card-audit",
                "card-users", "card-api-keys", "card-keys"],
            [
                ("#card-users [data-figure=total]", "6", "6"),
                ("#card-users [data-figure=disabled]", "停用 1", "disabled 1"),
                ("#card-api-keys [data-figure=active]", "1", "1"),
                ("#card-api-keys", DashboardScenario.ApiKeyName, DashboardScenario.ApiKeyName),
                ("#card-keys [data-figure=master]", "已核对", "verified"),
                ("#card-keys [data-figure=backup]", "没有备份记录", "No backup recorded"),
            ]),
        ];

        foreach (var role in roles)
        {
            await browser.LoginAsync(app.BaseAddress, role.User, role.Password);
            await page.WaitForSelectorAsync("#dash-sections .dash-card");
            Assert.Equal("section-" + role.FirstSection, await page.GetAttributeAsync("#dash-sections > section:first-child", "id"));
            foreach (var card in AllCards)
            {
                Assert.True(role.Cards.Contains(card) == await page.Locator("#" + card).IsVisibleAsync(), $"{role.User}: #{card}");
            }

            await ExpectTextsAsync(page, role, english: false);
            await browser.SnapAsync($"dashboard-{role.FirstSection}-{role.User}-zh");
            await page.ClickAsync("[data-lang-toggle]");
            await page.WaitForSelectorAsync("#dashboard-heading:text('Dashboard')");
            await ExpectTextsAsync(page, role, english: true);
            Assert.Empty(await ChineseOutsideUserDataAsync(page));
            await browser.SnapAsync($"dashboard-{role.FirstSection}-{role.User}-en");
            await page.ClickAsync("[data-lang-toggle]");
            await page.ClickAsync("#logout");
            await BrowserSession.WaitForAddressAsync(page, new Regex("/login"));
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Dashboard_NewInstallation_ShowsEmptyStatesThatSayWhatToDo()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var (user, password) = await app.CreateUserAsync(Core.Identity.Role.Supervisor);
        var page = browser.Page;
        await page.SetViewportSizeAsync(1366, 768);

        await browser.LoginAsync(app.BaseAddress, user, password);
        await page.WaitForSelectorAsync("#card-today-calls");
        await browser.SnapAsync("dashboard-empty");

        Assert.Contains("尚无 95 线路，请联系管理员添加", await page.InnerTextAsync("#lines-empty"));
        Assert.Contains("今天还没有通话", await page.InnerTextAsync("#card-today-calls"));
        Assert.Equal("不适用", await page.InnerTextAsync("#card-today-calls [data-figure=answerRate]"));
        Assert.Contains("没有已超时或 4 小时内到期的投诉", await page.InnerTextAsync("#card-complaints"));
        Assert.Contains("没有未关闭的工单", await page.InnerTextAsync("#card-my-tickets"));
        await AssertNoDeveloperTextAsync(page);
    }

    private static async Task ExpectTextsAsync(IPage page, Expectation role, bool english)
    {
        foreach (var (selector, zh, en) in role.Texts)
        {
            var text = await page.InnerTextAsync(selector);
            Assert.True(text.Contains(english ? en : zh, StringComparison.Ordinal), $"{role.User} {(english ? "en" : "zh")} {selector}: '{text}'");
        }

        await AssertNoDeveloperTextAsync(page);
    }

    private static async Task AssertNoDeveloperTextAsync(IPage page)
    {
        var body = await page.InnerTextAsync("body");
        foreach (var developer in new[] { "README", "即将上线", "benchmark", "coming soon" })
        {
            Assert.DoesNotContain(developer, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Chinese characters shown in the page's main part outside user data (elements marked translate="no").</summary>
    private static async Task<string> ChineseOutsideUserDataAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>("""
            () => { const main = document.querySelector("main").cloneNode(true);
                    main.querySelectorAll("[translate=no]").forEach(e => e.remove());
                    return main.innerText; }
            """);
        return string.Concat(Cjk().Matches(text).Select(m => m.Value));
    }

    [GeneratedRegex(@"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")]
    private static partial Regex Cjk();
}
