using Hotline95.Testing;

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
}
