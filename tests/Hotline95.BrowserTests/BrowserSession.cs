using Hotline95.Testing;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright (no browser download), headless, on the app's loopback address.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        var chromium = TestEnvironment.Chromium;
        if (chromium is null)
        {
            Assert.Skip(TestEnvironment.ChromiumSkipReason);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root needs --no-sandbox; the rest keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });
        page.SetDefaultTimeout(15_000);
        return new BrowserSession(playwright, browser, page);
    }

    public async Task LoginAsync(Uri baseAddress, string userName, string password)
    {
        await Page.GotoAsync(new Uri(baseAddress, "/login").ToString());
        await Page.FillAsync("#userName", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("#login-submit");
        await Page.WaitForURLAsync(new Uri(baseAddress, "/").ToString());
    }

    /// <summary>Saves a screenshot when HOTLINE95_SCREENSHOTS names a folder (for looking at the pages by eye).</summary>
    public async Task SnapAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("HOTLINE95_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
