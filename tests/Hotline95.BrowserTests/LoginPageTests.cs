using System.Text.RegularExpressions;
using Hotline95.Testing;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

public sealed class LoginPageTests
{
    [Fact]
    public async Task Login_ThroughTheRealPage_ShowsTheDashboardInChineseWithAnEnglishSwitch()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);

        await browser.LoginAsync(app.BaseAddress, "admin", app.AdminPassword);

        var page = browser.Page;
        Assert.Equal("工作台", await page.TextContentAsync("#dashboard-heading"));
        await page.WaitForSelectorAsync("#me-role:has-text('管理员')");
        await browser.SnapAsync("dashboard-zh");
        await page.ClickAsync("[data-lang-toggle]");
        Assert.Equal("Dashboard", await page.TextContentAsync("#dashboard-heading"));
        Assert.Equal("Administrator", await page.TextContentAsync("#me-role"));
        await browser.SnapAsync("dashboard-en");
    }

    [Fact]
    public async Task Dashboard_HolidayCalendarCard_ShowsEachYearsSourceAndMarksEstimates()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true, configure: b => b.Configuration["Calendar:ShippedNoticesUpTo"] = "2026");
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));

        await browser.LoginAsync(app.BaseAddress, "admin", app.AdminPassword);
        var page = browser.Page;
        await page.WaitForSelectorAsync("#calendar-years li[data-year='2027']");

        Assert.Contains("国务院通知（内置）", await page.TextContentAsync("#calendar-years li[data-year='2026']"));
        Assert.Equal("estimated", await page.GetAttributeAsync("#calendar-years li[data-year='2027']", "data-source"));
        Assert.NotNull(await page.QuerySelectorAsync("#calendar-years li[data-year='2027'] abbr.estimated"));
        Assert.Null(await page.QuerySelectorAsync("#calendar-years li[data-year='2026'] abbr.estimated"));
    }

    [Fact]
    public async Task Login_WrongPassword_StaysOnTheLoginPageWithTheReason()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        browser.AllowConsoleError("status of 401"); // the refused sign-in
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "/login").ToString());
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#login-submit");

        await page.WaitForSelectorAsync("#login-error:not([hidden])");
        Assert.Contains("用户名或密码错误", await page.TextContentAsync("#login-error"));
        Assert.EndsWith("/login", page.Url);
    }

    [Fact]
    public async Task Dashboard_WithoutSession_RedirectsToLogin()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);

        await browser.Page.GotoAsync(app.BaseAddress.ToString());

        Assert.Contains("/login", browser.Page.Url);
        Assert.True(await browser.Page.IsVisibleAsync("#login-form"));
    }

    [Fact]
    public async Task Logout_WhileAPageRequestIsUnderWay_GoesToSignInWithoutAPageError()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        browser.AllowConsoleError("status of 401"); // the held request, answered after the sign-out: the browser logs the refusal
        var page = browser.Page;
        await browser.LoginAsync(app.BaseAddress, "admin", app.AdminPassword);
        await page.WaitForSelectorAsync("#dash-sections .dash-card"); // the first load's requests answered: the route below holds the reload's

        // The dashboard's figures asked for, and held until the sign-out has ended the session; the sign-in page's load
        // held until that answer (a 401) has reached the old page.
        var figuresAsked = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/dashboard", route => { figuresAsked.TrySetResult(route); return Task.CompletedTask; });
        // (A route handler that waits would stop Playwright's event delivery: the routes are kept and continued below.)
        var signInLoads = new List<IRoute>();
        var released = false;
        await page.RouteAsync(new Regex(@"^http://[^/]+/login(\?|$)"), route =>
        {
            lock (signInLoads)
            {
                signInLoads.Add(route);
                return released ? route.ContinueAsync() : Task.CompletedTask;
            }
        });
        await page.ReloadAsync();
        var held = await figuresAsked.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // The button's click event (element.click()) rather than ClickAsync, which waits for a navigation the click starts:
        // that navigation is the sign-in page this test holds, so when the sign-out answered within the click's own wait, the
        // click waited for it until its timeout.
        var signedOut = await page.RunAndWaitForResponseAsync(() => page.Locator("#logout").DispatchEventAsync("click"),
            r => r.Url.EndsWith("/api/auth/logout", StringComparison.Ordinal));
        Assert.Equal(204, signedOut.Status);
        await page.RunAndWaitForRequestFinishedAsync(() => held.ContinueAsync(), new PageRunAndWaitForRequestFinishedOptions { Predicate = r => r.Url.EndsWith("/api/dashboard", StringComparison.Ordinal) });
        // The old page handles the answer at its headers, before the body ends; Playwright does not evaluate in a page whose
        // navigation is under way, so the test gives it a moment instead (a slow page only makes the test miss the fault).
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(401, (await held.Request.ResponseAsync())!.Status);

        IRoute[] asked;
        lock (signInLoads)
        {
            asked = [.. signInLoads];
            released = true;
        }

        foreach (var route in asked)
        {
            await route.ContinueAsync();
        }

        // One navigation, the sign-out's: the refused request did not start a second one (to /login?ReturnUrl=/).
        Assert.Equal([new Uri(app.BaseAddress, "/login").ToString()], asked.Select(r => r.Request.Url));

        await BrowserSession.WaitForAddressAsync(page, new Uri(app.BaseAddress, "/login").ToString());
        await page.WaitForSelectorAsync("#login-form");
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Page_SessionEndedOnAnotherDevice_NextRequestTakesTheUserToSignInWithoutAPageError()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        browser.AllowConsoleError("status of 401"); // the refused request: the browser logs it
        var page = browser.Page;
        await browser.LoginAsync(app.BaseAddress, "admin", app.AdminPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, "/calls").ToString());
        await page.WaitForSelectorAsync("#me-name:not(:empty)");

        // The same user signs out on another device: every session ends.
        using var otherDevice = await app.LoginAsAdminAsync();
        Assert.True((await otherDevice.PostAsync("/api/auth/logout", null)).IsSuccessStatusCode);
        await page.ClickAsync("[data-lang-toggle]"); // the page asks the server again (in the other language)

        await BrowserSession.WaitForAddressAsync(page, new Uri(app.BaseAddress, "/login?ReturnUrl=%2Fcalls").ToString());
        await page.WaitForSelectorAsync("#login-form");
        browser.AssertNoConsoleErrors();
    }
}
