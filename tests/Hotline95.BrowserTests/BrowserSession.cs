using System.Text.Json;
using Hotline95.Testing;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download), headless, on the app's loopback address. One Chromium
/// serves the whole test process; each session is a browser context of its own (its own cookies, storage and cache, as a
/// fresh incognito window), closed when the session ends.
/// Every console error and uncaught page error is recorded; one the test did not expect (<see cref="AllowConsoleError"/>)
/// fails the test when the session ends, or at <see cref="AssertNoConsoleErrors"/>.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>axe-core, vendored from its npm package (see axe/README.md); evaluated in the page by the tests only.</summary>
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js")));

    /// <summary>Playwright's driver and one Chromium, started by the first session (again if it died); they end with the test process.</summary>
    private static readonly SemaphoreSlim BrowserLock = new(1, 1);
    private static IBrowser? _sharedBrowser;

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly List<string> _allowed = [];
    private int _reported;

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Request += (_, request) => Note(request, "start");
        page.RequestFinished += (_, request) => Note(request, "done");
        page.RequestFailed += (_, request) => Note(request, "failed " + request.Failure);
        page.FrameNavigated += (_, frame) => { if (frame.ParentFrame is null) NoteText("navigated " + frame.Url); };
    }

    private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<string> _network = [];
    private readonly Dictionary<IRequest, long> _pending = [];

    private void Note(IRequest request, string what)
    {
        lock (_network)
        {
            var now = _since.ElapsedMilliseconds;
            if (what == "start") { _pending[request] = now; }
            var took = what != "start" && _pending.Remove(request, out var started) ? $" ({now - started} ms)" : "";
            Append(now, $"{request.Method} {request.Url} {what}{took}");
        }
    }

    private void NoteText(string text)
    {
        lock (_network)
        {
            Append(_since.ElapsedMilliseconds, text);
        }
    }

    /// <summary>Under the lock. The last 60 lines are printed: a long test keeps a bounded log.</summary>
    private void Append(long now, string line)
    {
        if (_network.Count >= 400)
        {
            _network.RemoveRange(0, 200);
        }

        _network.Add($"{now,7} {line}");
    }

    /// <summary>The page's requests and navigations with times (ms since the session began), for a failing test's output.</summary>
    public string NetworkLog()
    {
        lock (_network)
        {
            var pending = _pending.Select(p => $"still pending: {p.Key.Method} {p.Key.Url} since {p.Value} ms");
            return string.Join('\n', _network.TakeLast(60).Concat(pending));
        }
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        if (TestEnvironment.Chromium is null)
        {
            Assert.Skip(TestEnvironment.ChromiumSkipReason);
        }

        var browser = await SharedBrowserAsync();
        // The width of a common office laptop: the navigation must fit it on one line.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return new BrowserSession(context, page);
    }

    /// <summary>The shared Chromium; a crashed one is replaced, so that one crash fails one test, not every later one.</summary>
    private static async Task<IBrowser> SharedBrowserAsync()
    {
        await BrowserLock.WaitAsync();
        try
        {
            if (_sharedBrowser is not { IsConnected: true })
            {
                _sharedBrowser = await LaunchAsync();
            }

            return _sharedBrowser;
        }
        finally
        {
            BrowserLock.Release();
        }
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.Chromium,
            Headless = true,
            // Root needs --no-sandbox; the rest keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task LoginAsync(Uri baseAddress, string userName, string password)
    {
        await Page.GotoAsync(new Uri(baseAddress, "/login").ToString());
        await Page.FillAsync("#userName", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("#login-submit");
        await WaitForAddressAsync(Page, new Uri(baseAddress, "/").ToString());
    }

    /// <summary>
    /// Until <paramref name="page"/>'s address is <paramref name="address"/> and the page there has loaded (15 s), as
    /// <c>WaitForURLAsync</c> would, without its race: that one checks the address, then subscribes to navigations, and a
    /// navigation delivered in between is lost, so the wait runs out its time on a page that is already there
    /// (microsoft/playwright-dotnet#3364; it failed this suite after a sign-out). The address Playwright keeps for the page
    /// is read every 20 ms instead (Playwright's <c>Expect</c> polls too, but backs off to a second between tries).
    /// </summary>
    public static Task WaitForAddressAsync(IPage page, string address) => UntilAsync(page, url => url == address, address);

    /// <inheritdoc cref="WaitForAddressAsync(IPage, string)"/>
    public static Task WaitForAddressAsync(IPage page, System.Text.RegularExpressions.Regex address) => UntilAsync(page, address.IsMatch, address.ToString());

    private static async Task UntilAsync(IPage page, Func<string, bool> matches, string address)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!matches(page.Url))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"after 15 s the page is at {page.Url}, not {address}");
            }

            await Task.Delay(20);
        }

        // Loaded (its scripts ran), polled in the page for the same reason.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new PageWaitForFunctionOptions { Timeout = 15_000, PollingInterval = 20 });
    }

    /// <summary>Switches the UI's language (remembered by the browser, as the switch in the top bar does) and reloads the page.</summary>
    public async Task SetLanguageAsync(string language)
    {
        if (!Page.Url.StartsWith("http", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("open a page of the app first: the language is kept in the app's local storage");
        }

        await Page.EvaluateAsync("language => localStorage.setItem('hotline95.lang', language)", language == "en" ? "en" : "zh-CN");
        await Page.ReloadAsync();
    }

    /// <summary>An error the test provokes on purpose (a refused sign-in answers 401): console errors containing <paramref name="fragment"/> do not fail it.</summary>
    public void AllowConsoleError(string fragment)
    {
        lock (_errors)
        {
            _allowed.Add(fragment);
        }
    }

    /// <summary>The console and page errors so far that no <see cref="AllowConsoleError"/> covers.</summary>
    public IReadOnlyList<string> UnexpectedErrors()
    {
        lock (_errors)
        {
            // A server stopped at the end of a test refuses the page's last requests: that is the test's end, not the page's error.
            return _errors.Where(e => !_allowed.Any(a => e.Contains(a, StringComparison.Ordinal)) && !e.Contains("net::ERR_CONNECTION_REFUSED", StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>The unexpected errors not yet taken, taken (a test that reports them itself is not failed for them again at the end).</summary>
    public IReadOnlyList<string> TakeUnexpectedErrors()
    {
        lock (_errors)
        {
            var all = UnexpectedErrors();
            var taken = all.Skip(_reported).ToList();
            _reported = all.Count;
            return taken;
        }
    }

    public void AssertNoConsoleErrors()
    {
        var unexpected = TakeUnexpectedErrors();
        Assert.True(unexpected.Count == 0, $"the page logged errors:\n{string.Join('\n', unexpected)}");
    }

    /// <summary>
    /// Runs axe-core in the page (evaluated through the debugging protocol: the Content-Security-Policy stays on) and fails
    /// on any serious or critical violation, naming the rule and the elements.
    /// </summary>
    public async Task AssertNoAccessibilityViolationsAsync()
    {
        var violations = await AccessibilityViolationsAsync();
        Assert.True(violations.Count == 0, $"axe-core on {Page.Url}:\n{string.Join('\n', violations)}");
    }

    /// <summary>The serious and critical axe-core violations of the page as it stands, one line each.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await Page.EvaluateAsync(AxeSource.Value);
        }

        var found = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              // A contrast failure names its colours (what to change).
              const colours = n => {
                const d = (n.any || []).map(c => c.data).find(x => x && x.fgColor);
                return d ? ` (${d.fgColor} on ${d.bgColor}, ${d.contrastRatio}:1)` : "";
              };
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map(n => n.target.join(" ") + colours(n)).join(" | ")}`);
            }
            """);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>
    /// The Chinese the page shows (text, the title, placeholders, titles, accessible names, button values) outside the
    /// elements that say it belongs there: lang="zh-…" (Chinese by nature: titles of laws, Chinese filings, suggested
    /// rewrites, the 中文 switch) and translate="no" (user data). One line per offending text, with where it is.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChineseOutsideAllowedAsync()
    {
        var found = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const cjk = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
              const allowed = e => e.closest("[lang^='zh'], [translate='no']");
              const where = e => {
                const parts = [];
                for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) {
                  parts.unshift(n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.className && typeof n.className === "string" ? "." + n.className.split(" ")[0] : ""));
                }
                return parts.join(" > ");
              };
              const out = [];
              if (cjk.test(document.title)) out.push(`title: ${document.title}`);
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (!parent || parent.closest("script, style, template, datalist") || allowed(parent)) continue;
                if (cjk.test(node.textContent)) out.push(`${where(parent)}: ${node.textContent.trim().slice(0, 80)}`);
              }
              for (const e of document.body.querySelectorAll("[placeholder], [title], [aria-label], input[type=button], input[type=submit]")) {
                if (allowed(e)) continue;
                for (const attr of ["placeholder", "title", "aria-label", "value"]) {
                  const v = attr === "value" && !["button", "submit"].includes(e.type) ? null : e.getAttribute(attr);
                  if (v && cjk.test(v)) out.push(`${where(e)} [${attr}]: ${v.slice(0, 80)}`);
                }
              }
              return out;
            }
            """);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>
    /// How the top bar lays out with every navigation entry shown (as for a user who may see them all): whether its
    /// items stand on one line, no entry is scrolled out of sight, and its height; null when the page has no top bar.
    /// </summary>
    public async Task<(bool OneLine, bool AllVisible, double Height, string Entries)?> TopBarLayoutAsync()
    {
        var layout = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const bar = document.querySelector("header.topbar");
              if (!bar) return null;
              const links = [...bar.querySelectorAll("nav a")];
              const hidden = links.filter(a => a.hidden);
              hidden.forEach(a => { a.hidden = false; });
              const items = [bar.querySelector(".brand"), ...links, ...bar.querySelectorAll(".user > *")].filter(Boolean);
              const middles = items.map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; });
              const nav = bar.querySelector("nav");
              const result = {
                oneLine: Math.max(...middles) - Math.min(...middles) <= 6,
                allVisible: nav.scrollWidth <= nav.clientWidth + 1 && bar.scrollWidth <= bar.clientWidth + 1,
                height: bar.getBoundingClientRect().height,
                entries: links.map(a => a.textContent).join(" | "),
              };
              hidden.forEach(a => { a.hidden = true; });
              return result;
            }
            """);
        return layout.ValueKind == JsonValueKind.Null
            ? null
            : (layout.GetProperty("oneLine").GetBoolean(), layout.GetProperty("allVisible").GetBoolean(), layout.GetProperty("height").GetDouble(), layout.GetProperty("entries").GetString()!);
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
        var unexpected = TakeUnexpectedErrors();
        // In every browser test's output (dotnet test shows it for a failing one): what the page asked of the server, and when.
        TestContext.Current.TestOutputHelper?.WriteLine("the page's last requests:\n" + NetworkLog());
        await _context.CloseAsync();
        Assert.True(unexpected.Count == 0, $"the page logged errors:\n{string.Join('\n', unexpected)}");
    }

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
