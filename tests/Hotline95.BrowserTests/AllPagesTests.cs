using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

/// <summary>
/// Every page, in both languages, as a role that may see it: no console error, no serious or critical axe-core
/// violation, no Chinese in English mode outside user data and the texts that are Chinese by nature, and the top bar
/// on one line at 1366 px with every entry. Pages other parts of the desk issue add are skipped while they answer 404.
/// </summary>
public sealed class AllPagesTests
{
    /// <summary>Path (with {ticket} and {complaint} for the seeded ones) → the role that opens it ("" signed out).</summary>
    public static TheoryData<string, string> Pages() => new()
    {
        { "/login", "" },
        { "/", nameof(Role.Admin) },
        { "/desk", nameof(Role.Agent) },
        { "/calls", nameof(Role.Supervisor) },
        { "/service", nameof(Role.Supervisor) },
        { "/tickets/{ticket}", nameof(Role.Agent) },
        { "/complaints/{complaint}", nameof(Role.Supervisor) },
        { "/security", nameof(Role.ComplianceOfficer) },
        // The access-denied page: an agent may not see the keys.
        { "/security", nameof(Role.Agent) },
        { "/monitoring", nameof(Role.ComplianceOfficer) },
        { "/licence", nameof(Role.ComplianceOfficer) },
        { "/compliance", nameof(Role.ComplianceOfficer) },
        { "/roster", nameof(Role.Supervisor) },
        { "/docs/api", nameof(Role.Agent) },
        { "/admin", nameof(Role.Admin) },
        { "/admin/users", nameof(Role.Admin) },
        { "/admin/keys", nameof(Role.Admin) },
        { "/admin/lines", nameof(Role.Admin) },
        { "/admin/enterprise", nameof(Role.Admin) },
        { "/admin/calendar", nameof(Role.Admin) },
    };

    /// <summary>What a page shows only after a click: done before the checks, so that they see it too.</summary>
    private static readonly Dictionary<string, Func<IPage, Task>> Prepare = new()
    {
        ["/calls"] = async page =>
        {
            await page.ClickAsync("#calls-body tr .reveal");
            await page.WaitForSelectorAsync("#calls-body .reveal-form");
        },
        ["/security"] = async page =>
        {
            await page.ClickAsync("#dry-run");
            await page.WaitForFunctionAsync("() => document.getElementById('purge-result').textContent.length > 0");
        },
        ["/compliance"] = async page =>
        {
            await page.FillAsync("#scan-text", "我们是全国最专业的客服团队，本月限时优惠！");
            await page.ClickAsync("#scan");
            await page.WaitForSelectorAsync("#findings-body tr");
        },
        ["/licence"] = async page =>
        {
            await page.ClickAsync("#new-dossier");
            await page.ClickAsync("#add-agent");
            await page.ClickAsync("#agents-body .a-add-training");
            await page.ClickAsync("#add-material");
            await page.ClickAsync("#check");
            await page.WaitForSelectorAsync("#report:not([hidden]) #findings-body tr");
        },
    };

    /// <summary>A line, two calls (one missed), a ticket and a complaint, all with ASCII data (Chinese on an English page is then the product's).</summary>
    private static async Task<(Hotline95AppFactory App, long Ticket, long Complaint)> StartAsync()
    {
        var app = await Hotline95AppFactory.StartAsync(realServer: true);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "Card service"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", "95528", "--purposes", "billing,cards", "--hours", "7×24"))).ExitCode);
        var file = Path.Combine(app.Database.DataDirectory, "calls.csv");
        await File.WriteAllTextAsync(file, """
            call_id,direction,from,to,caller_name,start,answer,end
            a1,in,13800138000,95528,Wang,2026-03-02T09:00:00+08:00,2026-03-02T09:00:05+08:00,2026-03-02T09:03:05+08:00
            a2,in,13900139000,95528,Li,2026-03-02T09:10:00+08:00,,2026-03-02T09:10:30+08:00
            """);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file))).ExitCode);
        var agent = await app.LoginAsAgentAsync();
        var ticket = await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13800138000", note = "asks about a bill" });
        var complaint = await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", callerPhone = "13900139000", summary = "nobody answered" });
        Assert.True(ticket.IsSuccessStatusCode && complaint.IsSuccessStatusCode, $"{await ticket.Content.ReadAsStringAsync()} {await complaint.Content.ReadAsStringAsync()}");
        return (app, (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64(),
            (await complaint.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_InBothLanguages_HasNoErrorNoSeriousViolationNoStrayChineseAndANavigationOnOneLine(string path, string role)
    {
        await using var browser = await BrowserSession.StartAsync();
        var (app, ticket, complaint) = await StartAsync();
        await using var _ = app;
        var url = new Uri(app.BaseAddress, path.Replace("{ticket}", $"{ticket}", StringComparison.Ordinal).Replace("{complaint}", $"{complaint}", StringComparison.Ordinal)).ToString();
        var page = browser.Page;
        if (role.Length > 0)
        {
            var (user, password) = await app.CreateUserAsync(Enum.Parse<Role>(role));
            await browser.LoginAsync(app.BaseAddress, user, password);
        }

        var response = await page.GotoAsync(url);
        if (response?.Status == 404)
        {
            browser.AllowConsoleError("status of 404");
            Assert.Skip($"{path} answers 404: the page is not in this build (another part of issue 17 adds it).");
        }

        // A page the role may not see answers 403 with the access-denied page (checked like any other page); such a
        // failed load is logged by the browser, and is what this case asks for.
        var denied = response?.Status == 403;
        if (denied)
        {
            browser.AllowConsoleError("status of 403");
        }

        var problems = new List<string>();
        var name = (path.Trim('/').Replace('/', '-').Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal) is { Length: > 0 } n ? n : "dashboard")
            + (denied ? "-denied" : "");
        foreach (var language in new[] { "zh-CN", "en" })
        {
            await browser.SetLanguageAsync(language);
            await SettleAsync(page);
            if (!denied && Prepare.TryGetValue(path, out var prepare))
            {
                await prepare(page);
            }

            if (denied != (await page.QuerySelectorAsync("#denied") is not null))
            {
                problems.Add($"{language}: answered {response?.Status}, {(denied ? "without" : "with")} the access-denied page");
            }

            problems.AddRange((await browser.AccessibilityViolationsAsync()).Select(v => $"{language} axe: {v}"));
            if (language == "en")
            {
                problems.AddRange((await browser.ChineseOutsideAllowedAsync()).Select(c => $"en, Chinese: {c}"));
            }

            if (await browser.TopBarLayoutAsync() is { } bar && (!bar.OneLine || !bar.AllVisible || bar.Height > 64))
            {
                problems.Add($"{language}: top bar not on one line at 1366 px (one line {bar.OneLine}, all visible {bar.AllVisible}, {bar.Height} px): {bar.Entries}");
            }

            await browser.SnapAsync($"page-{name}-{language}");
        }

        problems.AddRange(browser.TakeUnexpectedErrors());
        Assert.True(problems.Count == 0, $"{path} as {(role.Length > 0 ? role : "signed out")}:\n{string.Join('\n', problems)}");
    }

    /// <summary>Until the page's requests are answered (a page with a live event stream never goes quiet: then 5 s at most).</summary>
    private static async Task SettleAsync(IPage page)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // a stream stays open: what has arrived by now is what the checks look at
        }
    }

    [Fact]
    public async Task Checks_OnAPageWithFaults_ReportEachFault()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        await browser.LoginAsync(app.BaseAddress, "admin", app.AdminPassword);
        var page = browser.Page;
        await browser.SetLanguageAsync("en");
        Assert.Empty(await browser.ChineseOutsideAllowedAsync());
        Assert.Empty(await browser.AccessibilityViolationsAsync());
        Assert.True((await browser.TopBarLayoutAsync())!.Value.AllVisible);

        await page.EvaluateAsync("""
            () => {
              document.querySelector("main").insertAdjacentHTML("beforeend",
                '<input id="unlabelled"><p id="stray">待处理</p><p lang="zh-CN">《广告法》第九条</p><p translate="no">王小明</p>');
              const nav = document.querySelector("header.topbar nav");
              for (let i = 0; i < 8; i++) nav.insertAdjacentHTML("beforeend", '<a href="/">A rather long navigation entry</a>');
            }
            """);

        Assert.Contains(await browser.AccessibilityViolationsAsync(), v => v.Contains(" label: ", StringComparison.Ordinal) && v.Contains("#unlabelled", StringComparison.Ordinal));
        Assert.EndsWith("p#stray: 待处理", Assert.Single(await browser.ChineseOutsideAllowedAsync()), StringComparison.Ordinal);
        Assert.False((await browser.TopBarLayoutAsync())!.Value.AllVisible);
        await page.EvaluateAsync("() => console.error('a fault')");
        Assert.Contains(browser.UnexpectedErrors(), e => e.Contains("a fault", StringComparison.Ordinal));
        browser.AllowConsoleError("a fault");
    }

    [Fact]
    public async Task AccessDenied_InEnglish_SaysSoInEnglishWithALinkHome()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        browser.AllowConsoleError("status of 403");
        var (user, password) = await app.CreateUserAsync(Role.Agent);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await browser.SetLanguageAsync("en");
        var response = await page.GotoAsync(new Uri(app.BaseAddress, "/licence").ToString());

        Assert.Equal(403, response!.Status);
        Assert.Equal("You may not open this page", await page.TextContentAsync("#denied h1"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.ClickAsync("#denied-home");
        await BrowserSession.WaitForAddressAsync(page, new Uri(app.BaseAddress, "/").ToString());
        Assert.Equal("Dashboard", await page.TextContentAsync("#dashboard-heading"));
    }
}
