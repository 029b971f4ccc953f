using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Core.Service;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

public sealed class ServicePagesTests
{
    /// <summary>Line 95528 with its purposes and one call (13800138000, 2026-03-02 09:00); the clock stands at 2026-03-02 10:00 Shanghai.</summary>
    private static async Task<Hotline95AppFactory> StartAsync()
    {
        var app = await Hotline95AppFactory.StartAsync(realServer: true);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"));
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", "95528", "--purposes", "信贷咨询,账单查询,投诉处理", "--hours", "7×24"));
        var file = Path.Combine(app.Database.DataDirectory, "c.csv");
        await File.WriteAllTextAsync(file, "call_id,direction,from,to,start,end\nt1,in,13800138000,95528,2026-03-02T09:00:00+08:00,2026-03-02T09:05:00+08:00\n");
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        return app;
    }

    private static async Task<IPage> SignInAsync(BrowserSession browser, Hotline95AppFactory app, Role role)
    {
        var (user, password) = await app.CreateUserAsync(role);
        await browser.Page.SetViewportSizeAsync(1366, 768);
        await browser.LoginAsync(app.BaseAddress, user, password);
        return browser.Page;
    }

    private static Task<IResponse?> GotoAsync(IPage page, Hotline95AppFactory app, string path) => page.GotoAsync(new Uri(app.BaseAddress, path).ToString());

    private static async Task<long> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task TicketFromACall_AgentWalksItThroughTheWholeFlowByVerbs()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var page = await SignInAsync(browser, app, Role.Agent);

        await GotoAsync(page, app, "/calls");
        await page.ClickAsync("#calls-body .new-ticket");
        await page.WaitForSelectorAsync("#ticket-call-label:not([hidden])");
        await page.FillAsync("#ticket-note", "客户询问账单");
        await page.ClickAsync("#ticket-open");
        await BrowserSession.WaitForAddressAsync(page, new System.Text.RegularExpressions.Regex("/tickets/[0-9]+$"));
        await page.WaitForSelectorAsync("#ticket-step[data-step='Opened']");
        await page.WaitForSelectorAsync("#case-call .call-summary");
        Assert.Contains("138****8000", await page.TextContentAsync("#case-call"));

        async Task ActAsync(string step, string verb, Func<Task>? fill = null)
        {
            var form = $"form.act[data-action='{step}']";
            Assert.Equal(verb, await page.TextContentAsync($"{form} .act-go"));
            if (fill is not null)
            {
                await fill();
            }

            await page.ClickAsync($"{form} .act-go");
            await page.WaitForSelectorAsync($"#ticket-step[data-step='{step}']");
        }

        await ActAsync("Answered", "标记已接听");
        await ActAsync("Recorded", "记录问题", async () =>
        {
            await page.SelectOptionAsync("form.act[data-action='Recorded'] select[name=category]", "账单查询");
            await page.FillAsync("form.act[data-action='Recorded'] textarea[name=note]", "账单金额有误");
        });
        Assert.Equal(2, await page.Locator("form.act").CountAsync()); // 转办 or 反馈结果
        await ActAsync("Transferred", "转办", () => page.FillAsync("form.act[data-action='Transferred'] input[name=assignTo]", "账务组"));
        await browser.SnapAsync("ticket-detail-zh");
        await ActAsync("FedBack", "记录反馈结果", () => page.FillAsync("form.act[data-action='FedBack'] textarea[name=note]", "已回电告知"));
        await ActAsync("Closed", "关闭工单");

        Assert.Equal(["Opened", "Answered", "Recorded", "Transferred", "FedBack", "Closed"],
            await page.Locator("#history-body tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.step)"));
        Assert.Contains("账单金额有误", await page.TextContentAsync("#history-body"));
        Assert.Contains("工单已关闭", await page.TextContentAsync("#actions"));
        await page.ClickAsync("[data-lang-toggle]");
        Assert.Equal("The ticket is closed: nothing more to do.", (await page.TextContentAsync("#actions p.muted"))?.Trim());
        Assert.Equal("Issue recorded", await page.TextContentAsync("#history-body tr[data-step='Recorded'] td"));
        await browser.SnapAsync("ticket-detail-en");
        await page.ClickAsync("[data-lang-toggle]");
        var ticket = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Tickets.SingleAsync());
        Assert.Equal(TicketStep.Closed, ticket.Step);
        Assert.Equal("账单查询", ticket.Category);
        Assert.NotNull(ticket.CallId);

        await page.ClickAsync("#case-call .call-link");
        await page.WaitForSelectorAsync("#calls-only:not([hidden])");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#calls-body tr').length === 1");
        Assert.Equal(ticket.CallId.ToString(), await page.GetAttributeAsync("#calls-body tr", "data-id"));
    }

    [Fact]
    public async Task ComplaintFromACall_AgentFilesIt_AndTheCallGoesOnLegalHold()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var page = await SignInAsync(browser, app, Role.Agent);

        await GotoAsync(page, app, "/calls");
        await page.ClickAsync("#calls-body .new-complaint");
        await page.WaitForSelectorAsync("#complaint-source:not([hidden])");
        await page.FillAsync("#complaint-summary", "来电被挂断，要求回电");
        await page.ClickAsync("#complaint-create");
        await page.WaitForSelectorAsync("#case:not([hidden])");

        var complaint = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.SingleAsync());
        Assert.EndsWith($"/complaints/{complaint.Id}", page.Url);
        Assert.NotNull(complaint.CallId);
        var held = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().LegalHolds.CountAsync(h => h.CallId == complaint.CallId && h.ReleasedAt == null));
        Assert.Equal(1, held);
    }

    [Fact]
    public async Task Complaint_ReceivedByAnAgent_IsEscalatedOnTheSupervisorsList()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var page = await SignInAsync(browser, app, Role.Agent);

        await GotoAsync(page, app, "/service");
        await page.FillAsync("#complaint-phone", "13900139000");
        await page.FillAsync("#complaint-summary", "多次来电无人接听");
        await page.ClickAsync("#complaint-create");
        await page.WaitForSelectorAsync("#complaint-status[data-status='Received']");
        Assert.Contains("已受理", await page.TextContentAsync("#complaint-status"));
        await GotoAsync(page, app, "/service");
        await page.WaitForSelectorAsync("#complaints-body tr");
        Assert.True(await page.IsHiddenAsync("#escalation-section"));

        app.Clock.Advance(TimeSpan.FromHours(21)); // 3 hours before the response deadline
        var escalated = await app.WithScopeAsync(sp => sp.GetRequiredService<EscalateDueComplaintsHandler>().HandleAsync());
        Assert.Single(escalated);

        browser.AllowConsoleError("api/auth/logout"); // the 21 hours ended the session: signing out answers 401
        await page.ClickAsync("#logout");
        await BrowserSession.WaitForAddressAsync(page, new System.Text.RegularExpressions.Regex("/login")); // the page's own navigation, before ours (it interrupted it)
        page = await SignInAsync(browser, app, Role.Supervisor);
        await GotoAsync(page, app, "/service");
        await page.WaitForSelectorAsync("#escalations-body tr");
        Assert.Contains("多次来电无人接听", await page.TextContentAsync("#escalations-body"));
        Assert.Contains("即将超时", await page.TextContentAsync("#escalations-body"));
        Assert.Contains("剩 3 小时", await page.TextContentAsync("#escalations-body"));
        Assert.Equal(1, await page.Locator("#complaints-body tr.atrisk").CountAsync());
        Assert.Contains("已升级", await page.TextContentAsync("#complaints-body tr .complaint-status"));
        // The supervisor's notice, written by the server in the page's language.
        async Task<string?> NoticeAsync()
        {
            await page.WaitForSelectorAsync("#notices li");
            return await page.TextContentAsync("#notices li");
        }

        var notice = await NoticeAsync();
        Assert.Contains("响应时限", notice);
        Assert.Contains("即将超时", notice);
        Assert.DoesNotContain("Complaint", notice);
        await browser.SnapAsync("service-escalation");
        await page.ClickAsync("[data-lang-toggle]");
        await GotoAsync(page, app, "/service");
        var english = await NoticeAsync();
        Assert.Contains("Complaint #", english);
        Assert.Contains("response due", english);
        Assert.DoesNotContain("响应", english);
        await page.ClickAsync("[data-lang-toggle]");
    }

    [Fact]
    public async Task ServicePage_ServerUnreachable_SaysSoOnceKeepsTheFormAndSavesOnTheNextTry()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var page = await SignInAsync(browser, app, Role.Agent);
        await GotoAsync(page, app, "/service");
        await page.WaitForSelectorAsync("#tickets-body tr, #tickets-empty:not([hidden])");
        Assert.Equal(0, await page.Locator("#net-unreachable:not([hidden])").CountAsync());

        // Every request now gets no answer, as when the server or its node has gone away.
        await page.RouteAsync("**/api/**", route => route.AbortAsync("connectionrefused"));
        await page.ClickAsync("[data-lang-toggle]"); // the lists reload in English, and get no answer
        await page.WaitForSelectorAsync("#net-unreachable:not([hidden])");
        Assert.Contains("Cannot reach the server", await page.TextContentAsync("#net-unreachable"));
        Assert.Equal(1, await page.Locator("[role=alert]#net-unreachable").CountAsync());

        await page.FillAsync("#ticket-note", "客户询问账单");
        await page.ClickAsync("#ticket-open");
        await page.WaitForSelectorAsync("#svc-error:not([hidden])");
        Assert.Contains("reload the page to see whether it was saved", await page.TextContentAsync("#svc-error"));
        Assert.EndsWith("/service", page.Url);
        Assert.Equal("客户询问账单", await page.InputValueAsync("#ticket-note")); // what was typed is kept
        Assert.True(await page.IsEnabledAsync("#ticket-open"));
        await page.ClickAsync("[data-lang-toggle]");
        Assert.Contains("无法连接服务器", await page.TextContentAsync("#net-unreachable"));

        // The server answers again: the next try saves, and the line goes.
        await page.UnrouteAllAsync();
        await page.ClickAsync("#ticket-open");
        await BrowserSession.WaitForAddressAsync(page, new System.Text.RegularExpressions.Regex("/tickets/[0-9]+$"));
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Tickets.CountAsync()));
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("#tickets-body tr");
        Assert.Equal(0, await page.Locator("#net-unreachable:not([hidden])").CountAsync());
    }

    [Fact]
    public async Task Complaints_DeadlineInAYearWithoutNotice_ShowsTheEstimateMarkWithItsExplanation()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true, configure: b => b.Configuration["Calendar:ShippedNoticesUpTo"] = "2026");
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 24, 2, 0, 0, TimeSpan.Zero));
        var supervisor = await app.LoginAsSupervisorAsync();
        await PostAsync(supervisor, "/api/complaints", new { line = "95528", summary = "年底投诉" });
        var page = await SignInAsync(browser, app, Role.Supervisor);

        await GotoAsync(page, app, "/service");
        var mark = await page.WaitForSelectorAsync("#complaints-body abbr.estimated");

        Assert.Equal("估", await mark!.TextContentAsync());
        Assert.Contains("尚未加载国务院节假日安排", await mark.GetAttributeAsync("title"));
        await browser.SnapAsync("service-estimated-deadline");
    }

    [Fact]
    public async Task ComplaintDetail_FromTheList_ShowsHistoryAndCountdowns_RespondsAndResolvesNotRated()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var agent = await app.LoginAsAgentAsync();
        var late = await PostAsync(agent, "/api/complaints", new { line = "95528", callerPhone = "13700137000", summary = "上月投诉无人处理", receivedAt = "2026-02-27T08:00:00+08:00" });
        var id = await PostAsync(agent, "/api/complaints", new { line = "95528", callerPhone = "13800138000", summary = "账单多扣款", category = "投诉处理" });
        var page = await SignInAsync(browser, app, Role.Supervisor);

        await GotoAsync(page, app, "/service");
        await page.ClickAsync($"#complaints-body tr[data-id='{id}'] a.case-link");
        await BrowserSession.WaitForAddressAsync(page, new Uri(app.BaseAddress, $"/complaints/{id}").ToString());
        await page.WaitForSelectorAsync("#history-body tr[data-event='Received']");

        // received now (10:00): respond within 24 hours, resolve by the end of the 7th working day, 2026-03-11.
        Assert.Equal("剩 1 天", await page.TextContentAsync("#deadline-respond-left"));
        Assert.Equal("剩 9 天 13 小时", await page.TextContentAsync("#deadline-resolve-left"));
        Assert.Contains("2026-03-11 23:59:59", await page.TextContentAsync("#deadline-resolve"));
        Assert.Contains("账单多扣款", await page.TextContentAsync("#history-body tr[data-event='Received']"));
        Assert.Contains("138****8000", await page.TextContentAsync("#complaint-phone"));
        await browser.SnapAsync("complaint-detail-zh");
        await page.ClickAsync("[data-lang-toggle]");
        Assert.Equal("9 d 13 h left", await page.TextContentAsync("#deadline-resolve-left"));
        Assert.Equal("Mark responded", await page.TextContentAsync("form.act[data-action='respond'] .act-go"));
        await browser.SnapAsync("complaint-detail-en");
        await page.ClickAsync("[data-lang-toggle]");

        await page.FillAsync("#f-response", "已致电客户");
        await page.ClickAsync("form.act[data-action='respond'] .act-go");
        await page.WaitForSelectorAsync("#history-body tr[data-event='Responded']");
        Assert.Contains("已于 2026-03-02 10:00:00 响应", await page.TextContentAsync("#deadline-respond"));
        Assert.Equal(0, await page.Locator("form.act[data-action='respond']").CountAsync());

        await page.FillAsync("#f-resolution", "已退款并致歉");
        Assert.Equal(0, await page.Locator("fieldset.satisfaction input:checked").CountAsync()); // nothing chosen for the agent
        await page.CheckAsync("#sat-none");
        await page.ClickAsync("form.act[data-action='resolve'] .act-go");
        await page.WaitForSelectorAsync("#history-body tr[data-event='Resolved']");

        Assert.Equal("未评价", await page.TextContentAsync("#complaint-satisfaction"));
        Assert.Contains("未评价", await page.TextContentAsync("#history-body tr[data-event='Resolved']"));
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.SingleAsync(c => c.Id == id));
        Assert.Equal(ComplaintStatus.Resolved, stored.Status);
        Assert.Null(stored.Satisfaction);

        await GotoAsync(page, app, $"/complaints/{late}");
        await page.WaitForSelectorAsync("#deadline-respond-left");
        Assert.StartsWith("已超时 2 天 2 小时", await page.TextContentAsync("#deadline-respond-left"));
    }

    [Fact]
    public async Task Search_ByCallerNumber_FindsAClosedTicketAndAResolvedComplaint()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var agent = await app.LoginAsAgentAsync();
        var ticket = await PostAsync(agent, "/api/tickets", new { line = "95528", customerPhone = "13800138000", note = "来电" });
        foreach (var step in new object[] { new { step = "Answered" }, new { step = "Recorded", category = "账单查询", note = "x" }, new { step = "FedBack", note = "已告知" }, new { step = "Closed" } })
        {
            (await agent.PostAsJsonAsync($"/api/tickets/{ticket}/steps", step)).EnsureSuccessStatusCode();
        }

        await PostAsync(agent, "/api/tickets", new { line = "95528", customerPhone = "13900139000" });
        var complaint = await PostAsync(agent, "/api/complaints", new { line = "95528", callerPhone = "13800138000", summary = "账单" });
        (await agent.PostAsJsonAsync($"/api/complaints/{complaint}/resolve", new { resolution = "已处理", satisfaction = 4 })).EnsureSuccessStatusCode();
        var page = await SignInAsync(browser, app, Role.Agent);

        await GotoAsync(page, app, "/service");
        await page.WaitForSelectorAsync("#tickets-body tr");
        Assert.Equal(0, await page.Locator($"#tickets-body tr[data-id='{ticket}']").CountAsync()); // closed: not in the open queue
        await page.FillAsync("#s-phone", "+86 138-0013-8000");
        await page.SelectOptionAsync("#s-status", "closed");
        await page.ClickAsync("#s-go");
        await page.WaitForSelectorAsync($"#tickets-body tr[data-id='{ticket}']");
        await page.WaitForSelectorAsync($"#complaints-body tr[data-id='{complaint}']");

        Assert.Equal(1, await page.Locator("#tickets-body tr").CountAsync());
        Assert.Equal("1", await page.GetAttributeAsync("#tickets-pager .pager-range", "data-total"));
        Assert.Contains("已关闭", await page.TextContentAsync("#tickets-body tr .ticket-step"));
        Assert.Contains("status=closed", page.Url);
        await browser.SnapAsync("service-search-zh");
        await page.ClickAsync($"#tickets-body tr[data-id='{ticket}'] a.case-link");
        await page.WaitForSelectorAsync("#history-body tr[data-step='Closed']");
    }

    [Fact]
    public async Task Pager_FiftyFiveComplaints_MovesToPageTwoWithTheTotal()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var agent = await app.LoginAsAgentAsync();
        for (var i = 0; i < 55; i++)
        {
            await PostAsync(agent, "/api/complaints", new { line = "95528", summary = $"投诉 {i}" });
        }

        var page = await SignInAsync(browser, app, Role.Agent);
        await GotoAsync(page, app, "/service");
        await page.WaitForSelectorAsync("#complaints-pager .pager-range");

        Assert.Equal("第 1–50 条，共 55 条", await page.TextContentAsync("#complaints-pager .pager-range"));
        Assert.Equal(50, await page.Locator("#complaints-body tr").CountAsync());
        await page.ClickAsync("#complaints-pager .pager-next");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#complaints-body tr').length === 5");
        Assert.Equal("第 51–55 条，共 55 条", await page.TextContentAsync("#complaints-pager .pager-range"));
        Assert.Equal("第 2 / 2 页", await page.TextContentAsync("#complaints-pager .pager-page"));
        Assert.True(await page.IsDisabledAsync("#complaints-pager .pager-next"));
        await page.ClickAsync("[data-lang-toggle]");
        await page.WaitForFunctionAsync("() => document.querySelector('#complaints-pager .pager-range').textContent === '51–55 of 55'");
        await browser.SnapAsync("service-page2-en");
    }

    [Fact]
    public async Task CallsPager_SixtyCalls_MovesToPageTwoWithTheTotal()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var file = Path.Combine(app.Database.DataDirectory, "more.csv");
        await File.WriteAllLinesAsync(file, ["call_id,direction,from,to,start,end",
            .. Enumerable.Range(0, 59).Select(i => $"m{i},in,139{i:D8},95528,2026-03-01T{i / 4 + 8:D2}:{i % 4 * 15:D2}:00+08:00,2026-03-01T{i / 4 + 8:D2}:{i % 4 * 15 + 5:D2}:00+08:00")]);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file))).ExitCode);
        var page = await SignInAsync(browser, app, Role.Agent);

        await GotoAsync(page, app, "/calls");
        await page.WaitForSelectorAsync("#calls-pager .pager-range");
        Assert.Equal("第 1–50 条，共 60 条", await page.TextContentAsync("#calls-pager .pager-range"));
        await page.ClickAsync("#calls-pager .pager-next");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#calls-body tr').length === 10");

        Assert.Equal("第 51–60 条，共 60 条", await page.TextContentAsync("#calls-pager .pager-range"));
        await browser.SnapAsync("calls-page2-zh");
    }
}
