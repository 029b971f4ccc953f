using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Identity;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Identity;

/// <summary>Sign-in, lockout, permissions and API keys; run once per database provider.</summary>
public abstract class AuthTests(DatabaseKind kind)
{
    [Fact]
    public async Task Login_RightPassword_StartsASession()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var me = await admin.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal("admin", me.GetProperty("name").GetString());
        Assert.Equal("Admin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Login_WrongPassword_Is401WithProblemDetails()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Login_RepeatedFailures_LockTheAccountUntilTheLockoutEnds()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (user, password) = await app.CreateUserAsync(Role.Agent);
        var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "wrong" });
        }

        // Locked: the right password gets the same 401 as a wrong one (it is not even checked); the audit log says why.
        var whileLocked = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { userName = "nobody-" + user, password });
        Assert.Equal(HttpStatusCode.Unauthorized, whileLocked.StatusCode);
        Assert.Equal(await Security.WebHardeningTests.AnswerAsync(unknown), await Security.WebHardeningTests.AnswerAsync(whileLocked));
        await using (var db = app.Database.OpenContext())
        {
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == Core.Audit.AuditActions.LoginRefusedLocked && e.Target == user));
        }


        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var afterLockout = await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        Assert.Equal(HttpStatusCode.OK, afterLockout.StatusCode);
    }

    [Fact]
    public async Task AdminEndpoints_AgentWithoutPermission_Get403()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/users", new { userName = "mallory", role = "Admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/lines", new { number = "95123", name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/apikeys", new { name = "k" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/lines")).StatusCode);
    }

    [Fact]
    public async Task ApiKey_InHeader_AuthenticatesWithItsRole()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var integration = await app.CreateApiKeyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/lines")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task ApiKey_Unknown_Is401()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await app.CreateApiKeyClientAsync();
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Api-Key", "h95_" + new string('A', 43));

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/lines")).StatusCode);
    }

    [Fact]
    public async Task CreateApiKey_ByAdmin_ReturnsTheKeyOnceAndStoresOnlyItsHash()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/apikeys", new { name = "pbx" });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;
        var stored = await app.WithScopeAsync(sp => Task.FromResult(
            sp.GetService(typeof(Core.Data.Hotline95DbContext)) is Core.Data.Hotline95DbContext db ? db.ApiKeys.Single() : null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Integration", created.GetProperty("role").GetString());
        Assert.NotNull(stored);
        Assert.NotEqual(key, stored.KeyHash);
        Assert.Equal(ApiKeyHash.Of(key), stored.KeyHash);
    }

    [Fact]
    public async Task RoleChange_OfASignedInUser_EndsTheOldSession()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (user, password) = await app.CreateUserAsync(Role.Supervisor);
        var supervisor = await app.LoginAsync(user, password);
        var admin = await app.LoginAsAdminAsync();

        var demote = await admin.PutAsJsonAsync($"/api/users/{user}/role", new { role = "Agent" });

        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await supervisor.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AddUser_UnknownRole_Is422NamingTheField()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new { userName = "bob", role = "Wizard" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("role", problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }
}

public sealed class AuthTestsOnSqlite() : AuthTests(DatabaseKind.Sqlite);

public sealed class AuthTestsOnPostgres() : AuthTests(DatabaseKind.Postgres);
