using System.Globalization;
using System.Text.RegularExpressions;
using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

/// <summary>
/// The README's "Start here" as a newcomer follows it: <c>demo seed</c>, then signing in as the users it prints. Each
/// sees a page of its day with the demo's figures in it (never an empty product), without a console error. With
/// HOTLINE95_SCREENSHOTS set, the pages are saved as the screenshots of docs/screenshots (see its README).
/// </summary>
public sealed partial class DemoTourTests
{
    [Fact]
    public async Task DemoSeed_PrintedUsersSignIn_EachSeesTheDemosDataOnTheirPages()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        // demo seed writes traffic up to the real now: the app's clock stands there too.
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var seeded = await CliRunner.RunAsync(CliRunner.On(app.Database, "demo", "seed", "--calls-per-day", "60"));
        Assert.True(seeded.ExitCode == 0, seeded.Out + seeded.Error);
        var passwords = PrintedUser().Matches(seeded.Out).ToDictionary(m => m.Groups["user"].Value, m => m.Groups["password"].Value);
        var printedKey = PrintedKey().Match(seeded.Out).Groups["key"].Value;
        var page = browser.Page;

        async Task SignInAsync(string user)
        {
            // Off the last user's page first: its requests still under way would be refused once the cookie is gone.
            await page.GotoAsync("about:blank");
            await page.Context.ClearCookiesAsync();
            await browser.LoginAsync(app.BaseAddress, user, passwords[user]);
        }

        async Task<long> FigureAsync(string selector)
        {
            var text = await page.Locator(selector).First.InnerTextAsync();
            return long.Parse(Regex.Match(text, @"\d[\d,]*").Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }

        async Task OpenAsync(string path, string waitFor, string shot)
        {
            await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
            await page.WaitForSelectorAsync(waitFor);
            await browser.SnapAsync("tour-" + shot);
        }

        // An agent: the missed calls waiting for a callback; on the desk, a call the demo's PBX key announces for extension
        // 8001 (demo.agent1's) rings with the caller's history from the seeded traffic.
        await SignInAsync("demo.agent1");
        await OpenAsync("/", "#card-callbacks [data-figure=open]", "agent-dashboard");
        Assert.True(await FigureAsync("#card-callbacks [data-figure=open]") > 0, "the agent's callback list is empty after demo seed");
        await OpenAsync("/desk", "#desk-status[data-state='live']", "desk-before");
        await page.WaitForSelectorAsync("#desk-cb-list li");
        var (enterpriseId, callId) = await app.WithScopeAsync(async sp =>
        {
            var call = await sp.GetRequiredService<Hotline95DbContext>().Calls.AsNoTracking()
                .Where(c => c.Direction == CallDirection.In && c.Line == "95528").OrderByDescending(c => c.StartedAt).FirstAsync();
            return (call.EnterpriseId, call.Id);
        });
        var revealed = await app.WithScopeAsync(sp => sp.GetRequiredService<RevealCallHandler>().HandleAsync(new RevealCallRequest(enterpriseId, callId, "demo tour: a caller who rang before", "test")));
        var number = revealed.Value.CustomerNumber!;
        using var pbx = new HttpClient();
        var ring = await pbx.PostAsync(new Uri(app.BaseAddress, $"/api/v1/cti/{printedKey}"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "newCall", ["call_id"] = "demo-tour-1", ["direction"] = "in", ["from"] = number, ["to"] = "95528", ["answeringNumber"] = SeedDemoHandler.DemoExtension(0),
        }));
        Assert.True(ring.IsSuccessStatusCode, await ring.Content.ReadAsStringAsync());
        await page.WaitForSelectorAsync(".desk-call[data-state='Ringing'] .desk-calls-kept");
        Assert.Matches(@"^[1-9]\d* 次$", await page.Locator(".desk-call .desk-calls-kept").First.InnerTextAsync());
        await browser.SnapAsync("tour-desk");

        // The supervisor: today's service, complaints with their deadlines; the call records with a total; the helpdesk.
        await SignInAsync("demo.supervisor");
        await OpenAsync("/", "#card-complaints", "supervisor-dashboard");
        await OpenAsync("/calls", "#calls-body tr", "calls");
        Assert.True(await page.Locator("#calls-body tr").CountAsync() > 10);
        Assert.Matches(@"共 [\d,]+ 条", await page.Locator("#calls-pager").InnerTextAsync());
        await OpenAsync("/service", "#complaints-body tr", "service");
        var complaintLink = page.Locator("#complaints-body tr a").First;
        await complaintLink.ClickAsync();
        await page.WaitForSelectorAsync("#history-body tr");
        Assert.Matches(@"/complaints/\d+$", page.Url);
        await browser.SnapAsync("tour-complaint");

        // The compliance officer: red lines, retention against its limit, the audit chain; the monthly figures.
        await SignInAsync("demo.compliance");
        await OpenAsync("/", "#card-audit", "compliance-dashboard");
        await OpenAsync("/monitoring", "#months-body tr", "monitoring");
        Assert.True(await page.Locator("#months-body tr").CountAsync() >= 5, "fewer than five months of figures after six months of demo traffic");

        // The administrator of the demo enterprise: its users and its PBX's key, in English too.
        await SignInAsync("demo.admin");
        await OpenAsync("/admin/users", "#users-body tr", "admin-users");
        Assert.True(await page.Locator("#users-body tr").CountAsync() >= passwords.Count, $"the admin sees fewer users than demo seed printed ({passwords.Count})");
        await browser.SetLanguageAsync("en");
        await OpenAsync("/", "#card-users", "admin-dashboard-en");
        var keys = await page.APIRequest.GetAsync(new Uri(app.BaseAddress, "/api/apikeys").ToString());
        Assert.Contains("demo-pbx", await keys.TextAsync(), StringComparison.Ordinal);
    }

    /// <summary>The PBX's API key as demo seed prints it once.</summary>
    [GeneratedRegex(@"demo-pbx\s+Integration\s+(?<key>h95_\S+)")]
    private static partial Regex PrintedKey();

    /// <summary>A line of demo seed's table of users: name, role, the password shown once.</summary>
    [GeneratedRegex(@"(?<user>demo\.[a-z0-9]+)\s+\w+\s+(?<password>\S{16})")]
    private static partial Regex PrintedUser();
}
