using System.Diagnostics;
using System.Text.RegularExpressions;
using Hotline95.Core.Complaints;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

public sealed partial class DeskPageTests
{
    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    [Fact]
    public async Task Desk_CtiNewCallForTheAgent_ShowsWithinASecondThenTicketAndComplaintInOneClickEachAndTheComplaintResolvedWithTheCallersRating()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"))).ExitCode);
        var key = await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "create", "--name", "pbx"));
        var cti = new Uri(app.BaseAddress, $"/api/v1/cti/{key.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim()}");
        var (alice, password) = await app.CreateUserAsync(Role.Agent, "alice");
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", alice, "--pbx-name", "alice"))).ExitCode);
        using var pbx = new HttpClient();

        // The caller rang an hour ago and nobody answered: it is on the callback list, and the lookup will find it.
        Assert.True((await pbx.PostAsync(cti, Form(("event", "newCall"), ("from", "13800138000"), ("to", "95528"), ("direction", "in"), ("call_id", "earlier"), ("user[]", "alice")))).IsSuccessStatusCode);
        Assert.True((await pbx.PostAsync(cti, Form(("event", "hangup"), ("call_id", "earlier"), ("direction", "in"), ("cause", "cancel")))).IsSuccessStatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1));

        var page = browser.Page;
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (IsProblem(message))
            {
                problems.Add($"console: {message.Text} at {message.Location}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        await page.SetViewportSizeAsync(1366, 768);
        await browser.LoginAsync(app.BaseAddress, alice, password);
        await page.GotoAsync(new Uri(app.BaseAddress, "/desk").ToString());
        await page.WaitForSelectorAsync("#desk-status[data-state='live']");
        Assert.True(await page.Locator("#desk-empty").IsVisibleAsync()); // the call of an hour ago is not ringing on the panel
        await page.WaitForSelectorAsync("#desk-cb-list li");
        Assert.Contains("138****8000", await page.InnerTextAsync("#desk-cb-list li"));

        var clock = Stopwatch.StartNew();
        var posted = await pbx.PostAsync(cti, Form(("event", "newCall"), ("from", "13800138000"), ("to", "95528"), ("direction", "in"), ("call_id", "live-1"), ("user[]", "alice")));
        await page.WaitForSelectorAsync(".desk-call[data-state='Ringing']", new() { Timeout = 5000 });
        var shownAfter = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"CTI newCall posted → call on the panel: {shownAfter.TotalMilliseconds:F0} ms");

        Assert.True(posted.IsSuccessStatusCode);
        Assert.True(shownAfter < TimeSpan.FromSeconds(1), $"the call appeared {shownAfter.TotalMilliseconds:F0} ms after the CTI newCall");
        var card = page.Locator(".desk-call").First;
        Assert.Equal("138****8000", await card.Locator(".desk-caller").InnerTextAsync());
        Assert.Contains("95528", await card.InnerTextAsync());
        Assert.Contains("振铃中", await card.Locator(".desk-state").InnerTextAsync());
        await page.WaitForSelectorAsync(".desk-call .desk-calls-kept");
        Assert.Equal("1 次", await card.Locator(".desk-calls-kept").InnerTextAsync()); // the earlier call; this one left out
        Assert.Contains("95528", await card.Locator(".desk-last-call").InnerTextAsync());
        Assert.Equal("无", await card.Locator(".desk-open-tickets").InnerTextAsync());
        Assert.Equal("未拉黑", await card.Locator(".desk-blocked").InnerTextAsync());
        Assert.DoesNotContain("13800138000", await page.ContentAsync());
        await browser.SnapAsync("desk-ringing-zh");

        await card.Locator(".desk-ticket").ClickAsync();
        await page.WaitForSelectorAsync(".desk-ticket-opened");
        await card.Locator(".desk-note").FillAsync("信用卡年费被重复收取，要求退还");
        await card.Locator(".desk-complaint").ClickAsync();
        await page.WaitForSelectorAsync(".desk-complaint-opened");
        await page.WaitForFunctionAsync("() => document.querySelector('.desk-call .desk-open-tickets')?.textContent.startsWith('#')");

        long callId, complaintId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Hotline95DbContext>();
            callId = await db.Calls.Where(c => c.SourceId == "live-1").Select(c => c.Id).SingleAsync();
            var ticket = await db.Tickets.SingleAsync();
            var complaint = await db.Complaints.SingleAsync();
            complaintId = complaint.Id;
            Assert.Equal(callId, ticket.CallId);
            Assert.Equal(callId, complaint.CallId);
            Assert.Equal(ticket.Id, complaint.TicketId);
            Assert.Equal("95528", complaint.Line);
            Assert.Contains($"#{ticket.Id}", await card.Locator(".desk-ticket-opened").InnerTextAsync());
            Assert.Contains($"#{complaint.Id}", await card.Locator(".desk-complaint-opened").InnerTextAsync());
        }

        // The PBX says it was answered, then hung up: the panel follows.
        await pbx.PostAsync(cti, Form(("event", "answer"), ("call_id", "live-1"), ("direction", "in"), ("user", "alice")));
        await page.WaitForSelectorAsync(".desk-call[data-state='Answered']");
        Assert.Contains("alice", await card.Locator(".desk-state").InnerTextAsync());
        await pbx.PostAsync(cti, Form(("event", "hangup"), ("call_id", "live-1"), ("direction", "in"), ("cause", "normalClearing")));
        await page.WaitForSelectorAsync(".desk-call[data-state='Ended']");
        await browser.SnapAsync("desk-after-zh");

        await page.ClickAsync("[data-lang-toggle]");
        await page.WaitForFunctionAsync("() => document.querySelector('.desk-call .desk-state').textContent === 'Ended'");
        var english = await page.InnerTextAsync("main");
        Assert.Contains("Open tickets", english);
        Assert.Contains("Missed calls to call back", english);
        Assert.DoesNotMatch(Chinese(), english.Replace("信用卡年费被重复收取，要求退还", "", StringComparison.Ordinal));
        await browser.SnapAsync("desk-after-en");

        // The missed call of an hour ago, called back from the desk.
        await page.FillAsync("#desk-cb-list li .desk-cb-note", "called back, resolved");
        await page.ClickAsync("#desk-cb-list li .desk-cb-done");
        await page.WaitForSelectorAsync("#desk-cb-empty", new() { State = WaitForSelectorState.Visible });
        await page.ClickAsync("[data-lang-toggle]");

        // The complaint, handled on its own page in a new tab (the desk stays live): responded, then resolved with the
        // satisfaction the caller gave, chosen explicitly (nothing is chosen beforehand).
        var handling = await page.Context.RunAndWaitForPageAsync(() => card.Locator(".desk-complaint-link").ClickAsync());
        handling.Console += (_, message) =>
        {
            if (IsProblem(message))
            {
                problems.Add($"complaint page console: {message.Text} at {message.Location}");
            }
        };
        handling.PageError += (_, error) => problems.Add($"complaint page error: {error}");
        await BrowserSession.WaitForAddressAsync(handling, new Uri(app.BaseAddress, $"/complaints/{complaintId}").ToString());
        await handling.WaitForSelectorAsync("#history-body tr[data-event='Received']");
        Assert.Contains("信用卡年费被重复收取，要求退还", await handling.TextContentAsync("#history-body tr[data-event='Received']"));
        Assert.True(await page.Locator("#desk-status[data-state='live']").IsVisibleAsync()); // the desk tab is still on
        await handling.FillAsync("#f-response", "已致电客户核实");
        await handling.ClickAsync("form.act[data-action='respond'] .act-go");
        await handling.WaitForSelectorAsync("#history-body tr[data-event='Responded']");
        await handling.FillAsync("#f-resolution", "已退还重复收取的年费");
        Assert.Equal(0, await handling.Locator("fieldset.satisfaction input:checked").CountAsync());
        await handling.CheckAsync("#sat-4");
        await handling.ClickAsync("form.act[data-action='resolve'] .act-go");
        await handling.WaitForSelectorAsync("#history-body tr[data-event='Resolved']");

        Assert.Equal("4 分（满分 5 分）", await handling.TextContentAsync("#complaint-satisfaction"));
        var resolved = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Complaints.SingleAsync(c => c.Id == complaintId));
        Assert.Equal(ComplaintStatus.Resolved, resolved.Status);
        Assert.Equal(4, resolved.Satisfaction);
        Assert.Equal(callId, resolved.CallId);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Desk_NoCallsYet_SaysWhatToExpectInBothLanguages()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var (agent, password) = await app.CreateUserAsync(Role.Agent);
        var page = browser.Page;
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (IsProblem(message))
            {
                problems.Add($"console: {message.Text} at {message.Location}");
            }
        };
        await page.SetViewportSizeAsync(1366, 768);
        await browser.LoginAsync(app.BaseAddress, agent, password);

        await page.GotoAsync(new Uri(app.BaseAddress, "/desk").ToString());
        await page.WaitForSelectorAsync("#desk-status[data-state='live']");
        await page.WaitForSelectorAsync("#desk-cb-empty", new() { State = WaitForSelectorState.Visible });

        Assert.Contains("暂无来电", await page.InnerTextAsync("#desk-empty"));
        Assert.Equal("active", await page.GetAttributeAsync(".topbar nav a[href='/desk']", "class"));
        await browser.SnapAsync("desk-empty-zh");
        await page.ClickAsync("[data-lang-toggle]");
        Assert.Contains("No calls right now", await page.InnerTextAsync("#desk-empty"));
        Assert.DoesNotMatch(Chinese(), await page.InnerTextAsync("main"));
        await browser.SnapAsync("desk-empty-en");
        await page.ClickAsync("[data-lang-toggle]");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool IsProblem(IConsoleMessage message) => message.Type == "error";

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
