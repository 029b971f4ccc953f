using System.Net.Http.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.BrowserTests;

/// <summary>A destructive action asks first, stating its consequence; nothing happens until it is confirmed.</summary>
public sealed class ConfirmationTests
{
    [Fact]
    public async Task PurgeNow_StatesHowManyCallsItDeletes_CancelKeepsThem_ConfirmDeletesThem()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "Card service"))).ExitCode);
        var file = Path.Combine(app.Database.DataDirectory, "calls.csv");
        await File.WriteAllTextAsync(file, """
            call_id,direction,from,to,start,end
            p1,in,13800138000,95528,2026-03-02T09:00:00+08:00,2026-03-02T09:03:00+08:00
            p2,in,13900139000,95528,2026-03-02T09:10:00+08:00,2026-03-02T09:10:30+08:00
            p3,in,13700137000,95528,2026-03-02T09:20:00+08:00,2026-03-02T09:21:00+08:00
            """);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file))).ExitCode);
        app.Clock.Advance(TimeSpan.FromDays(220)); // past the 6 months' retention
        var (user, password) = await app.CreateUserAsync(Role.ComplianceOfficer);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, "/security").ToString());
        Task<int> CallsAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.CountAsync());

        await page.ClickAsync("#purge-now");
        await page.WaitForSelectorAsync("dialog.confirm[open]");
        Assert.Contains("通话 3 条", await page.TextContentAsync("dialog.confirm .consequence"));
        await browser.SnapAsync("security-purge-confirm");
        await browser.AssertNoAccessibilityViolationsAsync();
        await page.ClickAsync("dialog.confirm .confirm-cancel");
        Assert.Equal(3, await CallsAsync());

        await page.ClickAsync("#purge-now");
        await page.ClickAsync("dialog.confirm .confirm-ok");
        await page.WaitForSelectorAsync("#purge-result:has-text('已删除通话 3 条')");
        Assert.Equal(0, await CallsAsync());
    }

    [Fact]
    public async Task LexiconTerm_Delete_NamesTheTermAndAsksFirst()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var officer = await app.LoginAsComplianceOfficerAsync();
        Assert.True((await officer.PostAsJsonAsync("/api/compliance/terms", new { term = "秒批", isException = false, category = "guarantee" })).IsSuccessStatusCode);
        var (user, password) = await app.CreateUserAsync(Role.ComplianceOfficer);
        await browser.LoginAsync(app.BaseAddress, user, password);
        var page = browser.Page;
        await page.GotoAsync(new Uri(app.BaseAddress, "/compliance").ToString());
        Task<int> TermsAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().CustomTerms.CountAsync());

        await page.ClickAsync("#terms-body .term-delete");
        Assert.Contains("秒批", await page.TextContentAsync("dialog.confirm[open] .consequence"));
        await page.ClickAsync("dialog.confirm .confirm-cancel");
        Assert.Equal(1, await TermsAsync());

        await page.ClickAsync("#terms-body .term-delete");
        await page.ClickAsync("dialog.confirm .confirm-ok");
        await page.WaitForSelectorAsync("#terms-empty:not([hidden])");
        Assert.Equal(0, await TermsAsync());
    }
}
