using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Core.Service;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.BrowserTests;

public sealed class ServicePagesTests
{
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

    [Fact]
    public async Task TicketFromACall_AgentWalksItThroughTheWholeFlow()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var (user, password) = await app.CreateUserAsync(Role.Agent);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/calls").ToString());
        await page.ClickAsync("#calls-body .new-ticket");
        await page.WaitForSelectorAsync("#ticket-call-label:not([hidden])");
        await page.FillAsync("#ticket-note", "客户询问账单");
        await page.ClickAsync("#ticket-open");
        await page.WaitForSelectorAsync("#tickets-body tr[data-step='Opened']");

        async Task StepAsync(string step, string expectedAfter, Func<Task>? fill = null)
        {
            await page.SelectOptionAsync("#tickets-body tr .step-select", step);
            if (fill is not null)
            {
                await fill();
            }

            await page.ClickAsync("#tickets-body tr .step-go");
            if (expectedAfter == "Closed")
            {
                await page.WaitForSelectorAsync("#tickets-body tr", new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
            }
            else
            {
                await page.WaitForSelectorAsync($"#tickets-body tr[data-step='{expectedAfter}']");
            }
        }

        await StepAsync("Answered", "Answered");
        await StepAsync("Recorded", "Recorded", async () =>
        {
            await page.SelectOptionAsync("#tickets-body tr .step-category", "账单查询");
            await page.FillAsync("#tickets-body tr .step-note", "账单金额有误");
        });
        await StepAsync("Transferred", "Transferred", () => page.FillAsync("#tickets-body tr .step-assign", "账务组"));
        await browser.SnapAsync("service-ticket");
        await StepAsync("FedBack", "FedBack", () => page.FillAsync("#tickets-body tr .step-note", "已回电告知"));
        await StepAsync("Closed", "Closed");

        var ticket = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Tickets.SingleAsync());
        Assert.Equal(TicketStep.Closed, ticket.Step);
        Assert.Equal("账单查询", ticket.Category);
        Assert.NotNull(ticket.CallId);
    }

    [Fact]
    public async Task ComplaintFromACall_AgentFilesIt_AndTheCallGoesOnLegalHold()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var (user, password) = await app.CreateUserAsync(Role.Agent);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/calls").ToString());
        await page.ClickAsync("#calls-body .new-complaint");
        await page.WaitForSelectorAsync("#complaint-source:not([hidden])");
        await page.FillAsync("#complaint-summary", "来电被挂断，要求回电");
        await page.ClickAsync("#complaint-create");
        await page.WaitForSelectorAsync("#complaints-body tr");

        var complaint = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.SingleAsync());
        Assert.NotNull(complaint.CallId);
        var held = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().LegalHolds.CountAsync(h => h.CallId == complaint.CallId && h.ReleasedAt == null));
        Assert.Equal(1, held);
    }

    [Fact]
    public async Task Complaint_ReceivedByAnAgent_IsEscalatedOnTheSupervisorsList()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await StartAsync();
        var (agentName, agentPassword) = await app.CreateUserAsync(Role.Agent);
        await browser.LoginAsync(app.BaseAddress, agentName, agentPassword);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/service").ToString());
        await page.FillAsync("#complaint-phone", "13900139000");
        await page.FillAsync("#complaint-summary", "多次来电无人接听");
        await page.ClickAsync("#complaint-create");
        await page.WaitForSelectorAsync("#complaints-body tr");
        Assert.Contains("已受理", await page.TextContentAsync("#complaints-body tr .complaint-status"));
        Assert.True(await page.IsHiddenAsync("#escalation-section"));

        app.Clock.Advance(TimeSpan.FromHours(21)); // 3 hours before the response deadline
        var escalated = await app.WithScopeAsync(sp => sp.GetRequiredService<EscalateDueComplaintsHandler>().HandleAsync());
        Assert.Single(escalated);

        browser.AllowConsoleError("api/auth/logout"); // the 21 hours ended the session: signing out answers 401
        await page.ClickAsync("#logout");
        var (supervisor, password) = await app.CreateUserAsync(Role.Supervisor);
        await browser.LoginAsync(app.BaseAddress, supervisor, password);
        await page.GotoAsync(new Uri(app.BaseAddress, "/service").ToString());
        await page.WaitForSelectorAsync("#escalations-body tr");
        Assert.Contains("多次来电无人接听", await page.TextContentAsync("#escalations-body"));
        Assert.Contains("即将超时", await page.TextContentAsync("#escalations-body"));
        Assert.Equal(1, await page.Locator("#complaints-body tr.atrisk").CountAsync());
        Assert.Contains("已升级", await page.TextContentAsync("#complaints-body tr .complaint-status"));
        await browser.SnapAsync("service-escalation");
    }

    [Fact]
    public async Task Complaints_DeadlineInAYearWithoutNotice_ShowsTheEstimateMarkWithItsExplanation()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true, configure: b => b.Configuration["Calendar:ShippedNoticesUpTo"] = "2026");
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 24, 2, 0, 0, TimeSpan.Zero));
        var supervisor = await app.LoginAsSupervisorAsync();
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(supervisor, "/api/complaints", new { line = "95528", summary = "年底投诉" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var (user, password) = await app.CreateUserAsync(Role.Supervisor);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/service").ToString());
        var mark = await page.WaitForSelectorAsync("#complaints-body abbr.estimated");

        Assert.Equal("估", await mark!.TextContentAsync());
        Assert.Contains("尚未加载国务院节假日安排", await mark.GetAttributeAsync("title"));
        await browser.SnapAsync("service-estimated-deadline");
    }
}
