using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Security;

/// <summary>Issue 14, point 5: each hole the security review found, attacked.</summary>
public abstract class WebHardeningTests(DatabaseKind kind)
{
    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string declaredType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { content, "file", fileName } };
    }

    /// <summary>What a refusal says, without its per-request trace id.</summary>
    internal static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return $"{(int)response.StatusCode} {body.GetProperty("code").GetString()} {body.GetProperty("detail").GetString()}";
    }

    private static async Task<(Hotline95AppFactory App, long CallId)> WithCallAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        await CallStoreScenario.ImportAsync(app.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", app.Database));
        var id = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.OrderBy(c => c.StartedAt).Select(c => c.Id).FirstAsync());
        return (app, id);
    }

    [Theory]
    [InlineData("<html><body><script>fetch('/api/calls/1/reveal')</script></body></html>", "call.wav", "audio/wav")]
    [InlineData("\uFEFF  <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "call.mp3", "audio/mpeg")]
    [InlineData("<?xml version=\"1.0\"?><x/>", "call.ulaw", "application/octet-stream")]
    [InlineData("fetch('/api/me').then(r => r.json()).then(console.log); // some script", "call.gsm", "text/javascript")]
    public async Task Attach_MarkupOrScriptUnderAnAudioName_Is415AndNothingIsStored(string body, string fileName, string declared)
    {
        var (app, callId) = await WithCallAsync(kind);
        await using var _ = app;
        var integration = await app.CreateApiKeyClientAsync(Role.Integration);

        var response = await integration.PostAsync($"/api/calls/{callId}/recording", Upload(Encoding.UTF8.GetBytes(body), fileName, declared));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await using var db = app.Database.OpenContext();
        Assert.Empty(await db.Recordings.ToListAsync());
    }

    [Fact]
    public async Task Play_SniffedWavInline_HeaderlessUlawAsAnAttachmentOfBytes()
    {
        var (app, callId) = await WithCallAsync(kind);
        await using var _ = app;
        var supervisor = await app.LoginAsSupervisorAsync();
        var ulaw = Enumerable.Range(0, 4000).Select(i => (byte)(0x80 | (i * 37 % 127))).ToArray();

        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsync($"/api/calls/{callId}/recording", Upload(TestAudio.Wav(2048), "a.wav", "text/html"))).StatusCode);
        var wav = await supervisor.GetAsync($"/api/calls/{callId}/recording");
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType!.MediaType);
        Assert.Null(wav.Content.Headers.ContentDisposition);

        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsync($"/api/calls/{callId}/recording", Upload(ulaw, "b.ulaw", "audio/basic"))).StatusCode);
        var raw = await supervisor.GetAsync($"/api/calls/{callId}/recording");
        Assert.Equal("application/octet-stream", raw.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", raw.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(ulaw, await raw.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/api/me")]
    [InlineData("/healthz")]
    [InlineData("/assets/common.js")]
    public async Task EveryResponse_CarriesAContentSecurityPolicyWithoutInlineScript(string path)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.GetAsync(path);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task Session_ReplayedAfterLogoutPasswordResetRoleChangeOrDisable_Gets401()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);

        // Signs a new supervisor in and returns a way to make clients carrying that one session cookie (a second tab, or a stolen copy).
        async Task<(Func<HttpClient> Copy, string User)> SessionAsync()
        {
            var (user, password) = await app.CreateUserAsync(Role.Supervisor);
            var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = user, password });
            var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hotline95.session=", StringComparison.Ordinal)).Split(';')[0];
            return (() =>
            {
                var client = app.CreateClient();
                client.DefaultRequestHeaders.Add("Cookie", cookie);
                return client;
            }, user);
        }

        var (a, _) = await SessionAsync();
        Assert.Equal(HttpStatusCode.OK, (await a().GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a().PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await a().GetAsync("/api/me")).StatusCode);

        var (b, bUser) = await SessionAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "reset-password", bUser))).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b().GetAsync("/api/me")).StatusCode);

        var (c, cUser) = await SessionAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-role", cUser, "Agent"))).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await c().GetAsync("/api/me")).StatusCode);

        var (d, dUser) = await SessionAsync();
        var admin = await app.LoginAsAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await d().GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{dUser}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await d().GetAsync("/api/me")).StatusCode);
        await using var db = app.Database.OpenContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.UserDisabled && e.Target == dUser));
    }

    [Fact]
    public async Task Disabled_User_CannotSignIn_GetsTheSameAnswerAsAWrongPassword()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (user, password) = await app.CreateUserAsync(Role.Agent);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "disable", user))).ExitCode);
        var anonymous = app.CreateClient();

        var disabled = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        var wrong = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        Assert.Equal(await AnswerAsync(wrong), await AnswerAsync(disabled));
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "enable", user))).ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = user, password })).StatusCode);
    }

    [Fact]
    public async Task ApiKey_ListedWithoutTheKey_RevokedKeyRefusedOnTheNextRequest()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var created = await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "create", "--name", "crm", "--role", "Supervisor"));
        var key = created.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim();
        var crm = app.CreateClient();
        crm.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await crm.GetAsync("/api/me")).StatusCode);

        var list = await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "list"));
        var admin = await app.LoginAsAdminAsync();
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/apikeys");
        var crmRow = listed.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "crm");
        Assert.DoesNotContain(key, list.Out);
        Assert.Contains("crm", list.Out);
        Assert.DoesNotContain(key, listed.GetRawText());
        Assert.StartsWith(crmRow.GetProperty("hint").GetString()!, key, StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, crmRow.GetProperty("lastUsedAt").ValueKind);

        var revoke = await admin.PostAsync($"/api/apikeys/{crmRow.GetProperty("id").GetGuid()}/revoke", null);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await crm.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Lockout_FortyParallelWrongPasswords_CheckAtMostTheThreshold()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind, configure: b => b.Configuration["Identity:LoginAttemptsPerMinute"] = "1000");
        var (user, _) = await app.CreateUserAsync(Role.Agent);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = user, password = "wrong" })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        await using var db = app.Database.OpenContext();
        var checkedPasswords = await db.AuditEntries.CountAsync(e => e.Target == user && (e.Action == AuditActions.LoginFailed || e.Action == AuditActions.AccountLocked));
        var refused = await db.AuditEntries.CountAsync(e => e.Target == user && e.Action == AuditActions.LoginRefusedLocked);
        Assert.InRange(checkedPasswords, 1, 5);
        Assert.Equal(40, checkedPasswords + refused);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Target == user && e.Action == AuditActions.AccountLocked));
    }

    [Fact]
    public async Task Login_OversizedBodyOrName_RefusedBeforeAnyLookup_AndRateLimitedPerAddress()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind, configure: b => b.Configuration["Identity:LoginAttemptsPerMinute"] = "5");
        var client = app.CreateClient();

        var big = await client.PostAsync("/api/auth/login", new StringContent($$"""{"userName":"admin","password":"{{new string('x', 9000)}}"}""", Encoding.UTF8, "application/json"));
        var longName = await client.PostAsJsonAsync("/api/auth/login", new { userName = new string('a', 257), password = "x" });
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "x" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longName.StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        var limited = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = app.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("LOGIN_RATE_LIMITED", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task BehindAConfiguredTlsProxy_TheSessionCookieIsSecure_FromAnyOtherAddressNot()
    {
        await using var trusted = await Hotline95AppFactory.StartAsync(kind, realServer: true, configure: b => b.Configuration["Proxy:KnownProxies:0"] = "127.0.0.1");
        await using var untrusted = await Hotline95AppFactory.StartAsync(kind, realServer: true);

        async Task<string> CookieAsync(Hotline95AppFactory app)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = app.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "admin", password = app.AdminPassword }) };
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return string.Join("\n", response.Headers.GetValues("Set-Cookie"));
        }

        Assert.Contains("secure", await CookieAsync(trusted), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await CookieAsync(untrusted), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class WebHardeningTestsOnSqlite() : WebHardeningTests(DatabaseKind.Sqlite);

public sealed class WebHardeningTestsOnPostgres() : WebHardeningTests(DatabaseKind.Postgres);
