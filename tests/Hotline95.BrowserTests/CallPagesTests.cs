using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.BrowserTests;

public sealed class CallPagesTests
{
    private static async Task<Hotline95AppFactory> WithCallsAsync()
    {
        var app = await Hotline95AppFactory.StartAsync(realServer: true);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"))).ExitCode);
        var file = Path.Combine(app.Database.DataDirectory, "calls.csv");
        await File.WriteAllTextAsync(file, """
            call_id,direction,from,to,caller_name,start,answer,end
            a1,in,13800138000,95528,王小明,2026-03-02T09:00:00+08:00,2026-03-02T09:00:05+08:00,2026-03-02T09:03:05+08:00
            a2,in,13900139000,95528,李四,2026-03-02T09:10:00+08:00,,2026-03-02T09:10:30+08:00
            """);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        var id = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.Where(c => c.SourceId == "a1").Select(c => c.Id).SingleAsync());
        var audio = Path.Combine(app.Database.DataDirectory, "a1.wav");
        await File.WriteAllBytesAsync(audio, TestAudio.Wav(4096));
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "attach", id.ToString(System.Globalization.CultureInfo.InvariantCulture), audio));
        return app;
    }

    [Fact]
    public async Task CallsPage_AgentMarksAMissedCallCalledBack()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await WithCallsAsync();
        var (agent, agentPassword) = await app.CreateUserAsync(Role.Agent);
        await browser.LoginAsync(app.BaseAddress, agent, agentPassword);
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/calls").ToString());
        await page.WaitForSelectorAsync("#cb-body tr");
        var row = await page.InnerTextAsync("#cb-body tr");
        Assert.Contains("139****9000", row); // a2, missed at 09:10
        Assert.DoesNotContain("13900139000", await page.ContentAsync());
        await page.FillAsync("#cb-body tr .cb-note", "已回电");
        await page.ClickAsync("#cb-body tr .cb-done");
        await page.WaitForSelectorAsync("#cb-empty", new() { State = WaitForSelectorState.Visible });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Hotline95DbContext>();
            Assert.Equal("已回电", (await db.Callbacks.SingleAsync()).Note);
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.CallbackDone));
        }
    }

    [Fact]
    public async Task CallsPage_Supervisor_SearchesMaskedRevealsWithReasonAndPlaysRecording()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await WithCallsAsync();
        var (user, password) = await app.CreateUserAsync(Role.Supervisor);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.ClickAsync("nav a[href='/calls']");
        await page.WaitForSelectorAsync("#calls-body tr");
        Assert.Equal(2, await page.Locator("#calls-body tr").CountAsync());
        Assert.Contains("138****8000", await page.TextContentAsync("#calls-body"));
        Assert.DoesNotContain("13800138000", await page.ContentAsync());
        Assert.Equal(1, await page.Locator("#calls-body tr.missed").CountAsync());

        await page.FillAsync("#phone", "+86 138-0013-8000");
        await page.ClickAsync("#search");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#calls-body tr').length === 1");

        await page.ClickAsync("#calls-body tr >> .reveal");
        await page.FillAsync(".reveal-reason", "回拨客户确认处理结果");
        await page.ClickAsync(".reveal-confirm");
        await page.WaitForSelectorAsync("#calls-body .clear");
        Assert.Contains("13800138000 王小明", await page.TextContentAsync("#calls-body .clear"));
        await browser.SnapAsync("calls");

        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#calls-body .play"), r => r.Url.EndsWith("/recording", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        var actions = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().AuditEntries.Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.CallRevealed, actions);
        Assert.Contains(AuditActions.RecordingPlayed, actions);
    }

    [Fact]
    public async Task CallsPage_Agent_HasNoRevealOrPlay()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await WithCallsAsync();
        var (user, password) = await app.CreateUserAsync(Role.Agent);
        await browser.LoginAsync(app.BaseAddress, user, password);

        await browser.Page.GotoAsync(new Uri(app.BaseAddress, "/calls").ToString());
        await browser.Page.WaitForSelectorAsync("#calls-body tr");

        Assert.Equal(0, await browser.Page.Locator(".reveal").CountAsync());
        Assert.Equal(0, await browser.Page.Locator(".play").CountAsync());
        Assert.True(await browser.Page.Locator("nav a[href='/security']").IsHiddenAsync());
    }

    [Fact]
    public async Task SecurityPage_ComplianceOfficer_SeesKeysAndRunsADryRun()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await WithCallsAsync();
        var (user, password) = await app.CreateUserAsync(Role.ComplianceOfficer);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;

        await page.ClickAsync("nav a[href='/security']");
        await page.WaitForSelectorAsync("#keys-body tr");
        Assert.Contains("2026-03", await page.TextContentAsync("#keys-body"));
        Assert.Contains("使用中", await page.TextContentAsync("#keys-body"));
        await page.WaitForSelectorAsync("#policy-text:has-text('个月')"); // the policy arrives by a second request
        Assert.Contains("6 个月", await page.TextContentAsync("#policy-text"));

        await page.ClickAsync("#dry-run");
        await page.WaitForFunctionAsync("() => document.getElementById('purge-result').textContent.length > 0");
        Assert.StartsWith("试运行", await page.TextContentAsync("#purge-result"));
        await browser.SnapAsync("security");
        Assert.Equal(2, await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.CountAsync()));
    }
}
