using System.Net;
using System.Text.RegularExpressions;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hotline95.BrowserTests;

/// <summary>Issue 17 point 3: the administration pages, driven as an administrator would, failing on any console error.</summary>
public sealed partial class AdminPagesTests
{
    /// <summary>The app, and a browser signed in as its bootstrap admin at 1366×768 whose console errors are collected.</summary>
    private sealed class Admin : IAsyncDisposable
    {
        public required Hotline95AppFactory App { get; init; }
        public required BrowserSession Browser { get; init; }
        public List<string> ConsoleErrors { get; } = [];
        public IPage Page => Browser.Page;

        /// <summary><paramref name="seed"/> prepares the data; <paramref name="signIn"/> chooses who signs in (the bootstrap admin when null).</summary>
        public static async Task<Admin> StartAsync(Func<Hotline95AppFactory, Task>? seed = null, Func<(string UserName, string Password)>? signIn = null)
        {
            var browser = await BrowserSession.StartAsync();
            var app = await Hotline95AppFactory.StartAsync(realServer: true);
            var admin = new Admin { App = app, Browser = browser };
            browser.Page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    admin.ConsoleErrors.Add($"{message.Text} ({message.Location})");
                }
            };
            browser.Page.PageError += (_, error) => admin.ConsoleErrors.Add(error);
            await browser.Page.SetViewportSizeAsync(1366, 768);
            if (seed is not null)
            {
                await seed(app);
            }

            var (userName, password) = signIn?.Invoke() ?? (BootstrapAdminHandler.AdminUserName, app.AdminPassword);
            await browser.LoginAsync(app.BaseAddress, userName, password);
            return admin;
        }

        public void AssertNoConsoleErrors() => Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));

        public Task GoAsync(string path) => Page.GotoAsync(new Uri(App.BaseAddress, path).ToString());

        public Task<T> DbAsync<T>(Func<Hotline95DbContext, Task<T>> query) => App.WithScopeAsync(sp => query(sp.GetRequiredService<Hotline95DbContext>()));

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    [Fact]
    public async Task UsersPage_AddUser_ShowsThePasswordOnceThenNeverAgain()
    {
        await using var admin = await Admin.StartAsync();
        var page = admin.Page;
        await admin.GoAsync("/admin/users");
        await page.WaitForSelectorAsync("#users-body tr[data-user='admin']");

        await page.FillAsync("#new-user-name", "clerk1");
        await page.FillAsync("#new-user-display", "Clerk One");
        await page.SelectOptionAsync("#new-user-role", "Agent");
        await page.ClickAsync("#user-add-submit");
        await page.WaitForSelectorAsync("dialog.secret-dialog[open]");
        var password = await page.InputValueAsync("#secret-value");
        Assert.Contains("只显示这一次", await page.InnerTextAsync("dialog.secret-dialog"));
        Assert.Contains("clerk1", await page.InnerTextAsync("dialog.secret-dialog"));
        await admin.Browser.SnapAsync("admin-users-password");
        await admin.App.LoginAsync("clerk1", password); // the password shown is the one that signs in

        await page.ClickAsync("dialog.secret-dialog .secret-close");
        await page.WaitForSelectorAsync("dialog.secret-dialog", new() { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync("#users-body tr[data-user='clerk1']");
        Assert.Equal("坐席", await page.InnerTextAsync("#users-body tr[data-user='clerk1'] td.role"));
        Assert.DoesNotContain(password, await page.ContentAsync());
        Assert.Equal("2", await page.GetAttributeAsync("#users-pager .pager-range", "data-total"));
        await admin.Browser.SnapAsync("admin-users");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task UsersPage_ChangeRoleResetAndDisable_DisablingAsksFirstAndCancelKeepsTheAccount()
    {
        await using var admin = await Admin.StartAsync(seed: app => app.CreateUserAsync(Role.Agent, "clerk2"));
        var page = admin.Page;
        await admin.GoAsync("/admin/users");
        await page.ClickAsync("#users-body tr[data-user='clerk2'] .user-edit");
        await page.WaitForSelectorAsync("#user-editor:not([hidden])");
        // A role that sees personal data is offered but cannot be chosen by an Admin (who cannot see it either).
        Assert.NotNull(await page.GetAttributeAsync("#edit-role option[value='Supervisor']", "disabled"));
        Assert.Null(await page.GetAttributeAsync("#edit-role option[value='Specialist']", "disabled"));

        await page.SelectOptionAsync("#edit-role", "Specialist");
        await page.ClickAsync("#edit-role-save");
        await page.WaitForSelectorAsync("#users-body tr[data-user='clerk2'] td.role:has-text('业务专员')");
        Assert.Equal(Role.Specialist, await admin.DbAsync(db => db.Users.Where(u => u.UserName == "clerk2").Select(u => u.Role).SingleAsync()));

        await page.ClickAsync("#user-reset");
        await page.WaitForSelectorAsync("dialog.confirm .consequence");
        Assert.Contains("clerk2", await page.InnerTextAsync("dialog.confirm .consequence"));
        await page.ClickAsync(".confirm-ok");
        await page.WaitForSelectorAsync("dialog.secret-dialog[open]");
        var password = await page.InputValueAsync("#secret-value");
        await page.ClickAsync("dialog.secret-dialog .secret-close");
        await admin.App.LoginAsync("clerk2", password);

        await page.ClickAsync("#user-disable");
        await page.WaitForSelectorAsync("dialog.confirm .consequence");
        var consequence = await page.InnerTextAsync("dialog.confirm .consequence");
        Assert.Contains("clerk2", consequence);
        Assert.Contains("会话立即结束", consequence);
        await admin.Browser.SnapAsync("admin-users-disable-confirm");
        await page.ClickAsync(".confirm-cancel");
        await page.WaitForSelectorAsync("dialog.confirm", new() { State = WaitForSelectorState.Detached });
        Assert.Null(await admin.DbAsync(db => db.Users.Where(u => u.UserName == "clerk2").Select(u => u.DisabledAt).SingleAsync()));
        Assert.Equal("正常", await page.InnerTextAsync("#users-body tr[data-user='clerk2'] td.status"));

        await page.ClickAsync("#user-disable");
        await page.ClickAsync(".confirm-ok");
        await page.WaitForSelectorAsync("#users-body tr[data-user='clerk2'] td.status:has-text('已停用')");
        Assert.NotNull(await admin.DbAsync(db => db.Users.Where(u => u.UserName == "clerk2").Select(u => u.DisabledAt).SingleAsync()));
        Assert.True(await page.Locator("#user-enable").IsVisibleAsync());
        Assert.True(await page.Locator("#user-disable").IsHiddenAsync());

        await page.ClickAsync("#users-body tr[data-user='admin'] .user-edit");
        await page.WaitForSelectorAsync("#user-self-note:not([hidden])");
        Assert.True(await page.Locator("#user-disable").IsHiddenAsync()); // nobody disables themselves
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task KeysPage_CreateShowsTheKeyOnce_RevokeAsksAndTheKeyIsRefused()
    {
        await using var admin = await Admin.StartAsync();
        var page = admin.Page;
        await admin.GoAsync("/admin/keys");
        await page.WaitForSelectorAsync("#keys-empty:not([hidden])");

        await page.FillAsync("#new-key-name", "crm");
        Assert.Equal("Integration", await page.InputValueAsync("#new-key-role"));
        await page.ClickAsync("#key-add-submit");
        await page.WaitForSelectorAsync("dialog.secret-dialog[open]");
        var key = await page.InputValueAsync("#secret-value");
        Assert.StartsWith(ApiKey.Prefix, key, StringComparison.Ordinal);
        await admin.Browser.SnapAsync("admin-keys-created");
        await page.ClickAsync("dialog.secret-dialog .secret-close");
        await page.WaitForSelectorAsync("#keys-body tr:has-text('crm')");
        Assert.DoesNotContain(key, await page.ContentAsync());
        using var system = admin.App.CreateClient();
        system.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/lines")).StatusCode);

        await page.ClickAsync("#keys-body tr:has-text('crm') .key-revoke");
        await page.WaitForSelectorAsync("dialog.confirm .consequence");
        var consequence = await page.InnerTextAsync("dialog.confirm .consequence");
        Assert.Contains("crm", consequence);
        Assert.Contains(key[..(ApiKey.Prefix.Length + 4)], consequence);
        Assert.Contains("下一次请求即被拒绝", consequence);
        await page.ClickAsync(".confirm-ok");
        await page.WaitForSelectorAsync("#keys-body tr:has-text('crm') td.status:has-text('吊销')");
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/lines")).StatusCode);
        await admin.Browser.SnapAsync("admin-keys");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task LinesPage_EditPurposesQueuesAndRoutes_BlockANumberThenUnblockIt()
    {
        await using var admin = await Admin.StartAsync(seed: async app =>
            Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "信用卡客服热线"))).ExitCode));
        var page = admin.Page;
        await admin.GoAsync("/admin/lines");
        await page.ClickAsync("#lines-body tr[data-line='95528'] .line-edit");
        await page.FillAsync("#edit-purposes", "账单查询\n信贷咨询");
        await page.FillAsync("#edit-hours", "7×24");
        await page.ClickAsync("#line-usage-save");
        await page.WaitForSelectorAsync("#lines-body tr[data-line='95528'] td.purposes:has-text('账单查询、信贷咨询')");
        await page.FillAsync("#edit-queues", "support\nvip");
        await page.ClickAsync("#line-queues-save");
        await page.WaitForSelectorAsync("#lines-body tr[data-line='95528'] td.queues:has-text('support、vip')");
        await page.FillAsync("#routes-text", "41*=41715880339000\n010*=01012345678");
        await page.ClickAsync("#routes-save");
        await page.WaitForSelectorAsync("#routes-status:has-text('已保存')");
        var line = await admin.DbAsync(db => db.Lines.SingleAsync());
        Assert.Equal(["账单查询", "信贷咨询"], line.Purposes);
        Assert.Equal("7×24", line.ServiceHours);
        Assert.Equal(["support", "vip"], line.Queues);
        Assert.Contains("1. 41*", (await CliRunner.RunAsync(CliRunner.On(admin.App.Database, "lines", "routes"))).Out);

        await page.WaitForSelectorAsync("#block-empty:not([hidden])");
        await page.FillAsync("#block-phone", "13800138000");
        await page.FillAsync("#block-reason", "恶意骚扰");
        await page.ClickAsync("#block-add-submit");
        await page.WaitForSelectorAsync("dialog.confirm .consequence");
        Assert.Contains("13800138000", await page.InnerTextAsync("dialog.confirm .consequence"));
        await page.ClickAsync(".confirm-ok");
        await page.WaitForSelectorAsync("#block-body tr:has-text('138****8000')");
        Assert.Equal(1, await admin.DbAsync(db => db.BlockedCallers.CountAsync()));
        await admin.Browser.SnapAsync("admin-lines");

        await page.ClickAsync("#block-body tr .block-remove");
        await page.WaitForSelectorAsync("dialog.confirm .consequence");
        Assert.Contains("138****8000", await page.InnerTextAsync("dialog.confirm .consequence"));
        await page.ClickAsync(".confirm-cancel");
        Assert.Equal(1, await admin.DbAsync(db => db.BlockedCallers.CountAsync()));
        await page.ClickAsync("#block-body tr .block-remove");
        await page.ClickAsync(".confirm-ok");
        await page.WaitForSelectorAsync("#block-empty:not([hidden])");
        Assert.Equal(0, await admin.DbAsync(db => db.BlockedCallers.CountAsync()));
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task EnterprisePage_SavesTheProfile_AndTheLicencePageLinksToIt()
    {
        await using var admin = await Admin.StartAsync();
        var page = admin.Page;
        await admin.GoAsync("/admin/enterprise");
        await page.WaitForFunctionAsync("() => document.getElementById('profile-name').value !== ''");

        await page.FillAsync("#profile-name", "上海浦江信融科技有限公司");
        await page.FillAsync("#profile-uscc", "91310115MA1K3Y8N2D");
        await page.FillAsync("#profile-address", "上海市浦东新区世纪大道100号");
        await page.FillAsync("#profile-representative", "钱立新");
        await page.FillAsync("#profile-contact", "吴刚");
        await page.FillAsync("#profile-phone", "021-50000000");
        await page.ClickAsync("#profile-save");
        await page.WaitForSelectorAsync("#profile-status:has-text('已保存')");
        var enterprise = await admin.DbAsync(db => db.Enterprises.SingleAsync());
        Assert.Equal("上海浦江信融科技有限公司", enterprise.Name);
        Assert.Equal("91310115MA1K3Y8N2D", enterprise.Uscc);
        Assert.Equal("021-50000000", enterprise.ContactPhone);
        await admin.Browser.SnapAsync("admin-enterprise");

        await admin.GoAsync("/licence");
        await page.WaitForSelectorAsync("#profile-link");
        Assert.Equal("/admin/enterprise", await page.GetAttributeAsync("#profile-link", "href"));
        Assert.Equal(0, await page.Locator("#profile-form").CountAsync()); // one copy of the form, on the administration page
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task CalendarPage_ListsTheYearsWithTheirSource()
    {
        await using var admin = await Admin.StartAsync();
        var page = admin.Page;
        await admin.GoAsync("/admin/calendar");
        await page.WaitForSelectorAsync("#calendar-body tr[data-year='2026']");

        Assert.Equal("embedded", await page.GetAttributeAsync("#calendar-body tr[data-year='2026']", "data-source"));
        Assert.Contains("国务院通知", await page.InnerTextAsync("#calendar-body tr[data-year='2026']"));
        Assert.StartsWith("https://www.gov.cn/", await page.GetAttributeAsync("#calendar-body tr[data-year='2025'] a", "href"));
        Assert.Equal("estimated", await page.GetAttributeAsync("#calendar-body tr[data-year='2027']", "data-source"));
        Assert.Equal(1, await page.Locator("#calendar-body tr[data-year='2027'] abbr.estimated").CountAsync());
        Assert.Equal(2019, int.Parse((await page.GetAttributeAsync("#calendar-body tr:first-child", "data-year"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("calendar load", await page.InnerTextAsync("#section-calendar")); // loading a notice is the server's
        Assert.Equal("page", await page.GetAttributeAsync("nav.tabs a[data-section='calendar']", "aria-current"));
        await admin.Browser.SnapAsync("admin-calendar");
        admin.AssertNoConsoleErrors();
    }

    /// <summary>`demo seed` makes demo.admin, who sees the demo bank's users, key and lines (not the default enterprise's).</summary>
    [Fact]
    public async Task DemoAdmin_SeesTheDemosUsersKeysAndLines()
    {
        DemoSeedResult demo = null!;
        await using var admin = await Admin.StartAsync(
            async app => demo = await app.WithScopeAsync(sp => sp.GetRequiredService<SeedDemoHandler>().HandleAsync()),
            () => demo.Users.Where(u => u.User.UserName == "demo.admin").Select(u => (u.User.UserName, u.Password)).Single());
        var page = admin.Page;
        var browser = admin.Browser;

        await admin.GoAsync("/admin");
        await page.WaitForSelectorAsync("#users-body tr[data-user='demo.agent1']");
        Assert.Equal(demo.Users.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("#users-pager .pager-range", "data-total"));
        Assert.Equal(0, await page.Locator("#users-body tr[data-user='admin']").CountAsync()); // another enterprise's
        Assert.Equal("主管", await page.InnerTextAsync("#users-body tr[data-user='demo.supervisor'] td.role"));
        await page.WaitForSelectorAsync("#admin-enterprise:not([hidden])");
        Assert.Contains(SeedDemoHandler.Name, await page.InnerTextAsync("#admin-enterprise"));
        await browser.SnapAsync("admin-demo-users");

        await page.ClickAsync("nav.tabs a[data-section='keys']");
        await page.WaitForSelectorAsync($"#keys-body tr:has-text('{SeedDemoHandler.PbxKeyName}')");
        await page.ClickAsync("nav.tabs a[data-section='lines']");
        await page.WaitForSelectorAsync("#lines-body tr[data-line='955281']");
        Assert.Equal(2, await page.Locator("#lines-body tr").CountAsync());
        Assert.Contains("投诉处理", await page.InnerTextAsync("#lines-body tr[data-line='955281'] td.purposes"));
        await browser.SnapAsync("admin-demo-lines");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AdminPages_InEnglish_ShowNoChineseOutsideUserData()
    {
        await using var admin = await Admin.StartAsync(seed: async app =>
        {
            await app.CreateUserAsync(Role.Supervisor, "lead1");
            Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95528", "--name", "Card services"))).ExitCode);
        });
        var page = admin.Page;
        await admin.GoAsync("/admin/users");
        await page.WaitForSelectorAsync("#users-body tr[data-user='lead1']");
        await page.ClickAsync("[data-lang-toggle]");
        foreach (var (path, ready) in new[] { ("/admin/users", "#users-body tr[data-user='lead1'] td.role:has-text('Supervisor')"),
            ("/admin/keys", "#keys-empty:not([hidden])"), ("/admin/lines", "#lines-body tr[data-line='95528']"),
            ("/admin/enterprise", "#admin-enterprise:not([hidden])"), ("/admin/calendar", "#calendar-body tr[data-year='2027']") })
        {
            await admin.GoAsync(path);
            await page.WaitForSelectorAsync(ready);
            if (path == "/admin/users")
            {
                await page.ClickAsync("#users-body tr[data-user='lead1'] .user-edit");
                await page.WaitForSelectorAsync("#user-reset-note:not([hidden])"); // a supervisor's password is reset on the server only
                Assert.True(await page.Locator("#user-reset").IsHiddenAsync());
            }

            // User data of the bootstrap installation: the admin's and the enterprise's bilingual names.
            var text = (await page.InnerTextAsync("main")).Replace("管理员 Administrator", "", StringComparison.Ordinal).Replace("默认企业 Default enterprise", "", StringComparison.Ordinal);
            Assert.False(Han().IsMatch(text), $"{path} shows Chinese in English mode: {Han().Match(text).Value} in …{text[Math.Max(0, Han().Match(text).Index - 40)..Math.Min(text.Length, Han().Match(text).Index + 40)]}…");
            Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
            await admin.Browser.SnapAsync("admin-en" + path.Replace('/', '-'));
        }

        admin.AssertNoConsoleErrors();
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
