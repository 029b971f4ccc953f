using Hotline95.Testing;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

/// <summary>The API page renders the OpenAPI document interactively, from Swagger UI assets the product serves itself, under its CSP.</summary>
public sealed class ApiPageTests
{
    [Fact]
    public async Task ApiPage_SignedIn_RendersEveryOperationWithoutConsoleOrCspErrors()
    {
        await using var browser = await BrowserSession.StartAsync();
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true);
        var page = browser.Page;
        await page.SetViewportSizeAsync(1366, 768);
        var errors = new List<string>();
        var external = new List<string>();
        page.Console += (_, message) =>
        {
            // A failed resource is counted below with its address (Chromium's console line does not name it).
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");

        await browser.LoginAsync(app.BaseAddress, "admin", app.AdminPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, "/docs/api").ToString());
        await page.WaitForSelectorAsync(".opblock-summary-path[data-path='/api/lines']");
        var operations = await page.Locator(".opblock").CountAsync();
        await browser.SnapAsync("api-zh");
        await ViewportSnapAsync(page, "api-zh-viewport");

        Assert.True(operations > 100, $"expected every operation rendered, found {operations}");
        Assert.Equal("API 参考", await page.TextContentAsync("main h1"));
        Assert.NotNull(await page.QuerySelectorAsync("header.topbar nav a[href='/'].active, header.topbar nav a[href='/docs/api'].active"));
        Assert.Contains("Add a 95 line", await page.Locator(".opblock-post:has(.opblock-summary-path[data-path='/api/lines'])").First.TextContentAsync());

        await page.ClickAsync(".opblock-post:has(.opblock-summary-path[data-path='/api/lines']) .opblock-summary-control");
        await page.WaitForSelectorAsync(".opblock-post.is-open .responses-table");
        var answers = await page.Locator(".opblock-post.is-open .responses-table .response-col_status").AllTextContentsAsync();
        Assert.Contains(answers, a => a.Trim() == "401");
        Assert.Contains(answers, a => a.Trim() == "422");

        await page.ClickAsync("[data-lang-toggle]");
        Assert.Equal("API reference", await page.TextContentAsync("main h1"));
        await browser.SnapAsync("api-en");
        await ViewportSnapAsync(page, "api-en-viewport");

        var violations = await page.EvaluateAsync<string[]>("window.__csp");
        Assert.True(violations.Length == 0, "CSP violations: " + string.Join("\n", violations));
        Assert.True(errors.Count == 0, "console errors: " + string.Join("\n", errors));
        Assert.True(external.Count == 0, "requests outside the product: " + string.Join("\n", external));
    }

    private static async Task ViewportSnapAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HOTLINE95_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
        }
    }

    [Fact]
    public async Task SwaggerAssets_AreServedByTheProductAsScriptAndStyle()
    {
        await using var app = await Hotline95AppFactory.StartAsync();
        var admin = await app.LoginAsAdminAsync();

        var script = await admin.GetAsync("/assets/swagger-ui/swagger-ui-bundle.js");
        var style = await admin.GetAsync("/assets/swagger-ui/swagger-ui.css");
        var other = await admin.GetAsync("/assets/swagger-ui/index.html");

        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SwaggerUIBundle", await script.Content.ReadAsStringAsync());
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".swagger-ui", await style.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
    }
}
