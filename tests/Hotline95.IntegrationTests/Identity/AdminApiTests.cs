using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Identity;

/// <summary>
/// Issue 17 point 3: what the administration pages call. The users list pages with its total, a password is reset over
/// the web (shown once), and nobody hands out a role that sees personal data, or the password of one, without holding it.
/// </summary>
public abstract class AdminApiTests(DatabaseKind kind)
{
    [Fact]
    public async Task ListUsers_SecondPage_HasItsRowsInNameOrderAndTheTotal()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        foreach (var name in new[] { "user-e", "user-b", "user-d", "user-a", "user-c" })
        {
            await app.CreateUserAsync(Role.Agent, name);
        }

        var admin = await app.LoginAsAdminAsync();

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/users?page=2&pageSize=2");

        Assert.Equal(6, page.GetProperty("total").GetInt32()); // the five and the bootstrap admin
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(["user-b", "user-c"], page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()));
    }

    [Fact]
    public async Task ListUsers_WithoutPaging_AnswersTheFirstFiftyWithTheTotal()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/users");

        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(Core.Common.PageRequest.DefaultSize, page.GetProperty("pageSize").GetInt32());
        Assert.Equal("admin", page.GetProperty("items")[0].GetProperty("userName").GetString());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task ListUsers_PageOutOfRange_Is422NamingTheField(string query, string field)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.GetAsync("/api/users?" + query);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task ResetPassword_OfAnAgent_GivesANewPasswordOnceAndEndsTheOldOne()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (agent, oldPassword) = await app.CreateUserAsync(Role.Agent);
        var session = await app.LoginAsync(agent, oldPassword);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsync($"/api/users/{agent}/reset-password", null);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var newPassword = answer.GetProperty("password").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(oldPassword, newPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/me")).StatusCode); // their session ended
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = agent, password = oldPassword })).StatusCode);
        var again = await app.LoginAsync(agent, newPassword);
        Assert.Equal(agent, (await again.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("name").GetString());
        Assert.DoesNotContain(newPassword, await admin.GetStringAsync("/api/users")); // never listed
        await using var db = app.Database.OpenContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.PasswordReset && e.Target == agent && e.Actor == "admin"));
    }

    [Fact]
    public async Task ResetPassword_OfASupervisorByAnAdmin_Is403AndTheirPasswordStillWorks()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (supervisor, password) = await app.CreateUserAsync(Role.Supervisor);
        var session = await app.LoginAsync(supervisor, password);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsync($"/api/users/{supervisor}/reset-password", null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PASSWORD_RESET_FORBIDDEN", problem.GetProperty("code").GetString());
        Assert.Contains(supervisor, problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/me")).StatusCode);
        await app.LoginAsync(supervisor, password);
        await using var db = app.Database.OpenContext();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.PasswordReset));
    }

    [Fact]
    public async Task ResetPassword_UnknownUser_Is404()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsync("/api/users/nobody/reset-password", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_ByASupervisor_Is403()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (agent, _) = await app.CreateUserAsync(Role.Agent);
        var supervisor = await app.LoginAsSupervisorAsync();

        var response = await supervisor.PostAsync($"/api/users/{agent}/reset-password", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The attack: an Admin, who may not see personal data, tries to make an agent a compliance officer (who may).</summary>
    [Fact]
    public async Task SetRole_AdminMakesAnAgentComplianceOfficer_IsRefusedWithAClearMessage()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (agent, _) = await app.CreateUserAsync(Role.Agent);
        var admin = await app.LoginAsAdminAsync();

        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var response = await admin.PutAsJsonAsync($"/api/users/{agent}/role", new { role = "ComplianceOfficer" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ROLE_GRANT_FORBIDDEN", problem.GetProperty("code").GetString());
        Assert.Equal("role", problem.GetProperty("field").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("may see personal data in clear", detail);
        Assert.Contains("cannot grant it over the web", detail);
        Assert.Contains("hotline95 users add", detail);
        await using var db = app.Database.OpenContext();
        Assert.Equal(Role.Agent, (await db.Users.SingleAsync(u => u.UserName == agent)).Role);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RoleChanged));
    }

    [Fact]
    public async Task Roles_ForAnAdmin_ShowWhichTheyMayGrant()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var roles = (await admin.GetFromJsonAsync<JsonElement[]>("/api/roles"))!.ToDictionary(r => r.GetProperty("role").GetString()!);

        Assert.Equal(Enum.GetNames<Role>().Order(), roles.Keys.Order());
        Assert.True(roles["Agent"].GetProperty("grantable").GetBoolean());
        Assert.True(roles["Admin"].GetProperty("grantable").GetBoolean());
        Assert.False(roles["Supervisor"].GetProperty("grantable").GetBoolean());
        Assert.True(roles["Supervisor"].GetProperty("seesPersonalData").GetBoolean());
        Assert.False(roles["ComplianceOfficer"].GetProperty("grantable").GetBoolean());
        Assert.False(roles["Integration"].GetProperty("forPeople").GetBoolean());
        Assert.True(roles["Auditor"].GetProperty("forPeople").GetBoolean());
    }

    [Fact]
    public async Task AdminPages_ForAnAgent_AreRefusedButTheCalendarIsNot()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var admin = await app.LoginAsAdminAsync();

        foreach (var page in new[] { "/admin", "/admin/users", "/admin/keys", "/admin/enterprise" })
        {
            // Refused (today a redirect to the access-denied address; the page that says so is another part of issue 17).
            Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/admin/calendar")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/admin/lines")).StatusCode); // the lines, read-only
    }
}

public sealed class AdminApiTestsOnSqlite() : AdminApiTests(DatabaseKind.Sqlite);

public sealed class AdminApiTestsOnPostgres() : AdminApiTests(DatabaseKind.Postgres);
