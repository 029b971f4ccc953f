using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Identity;

/// <summary>A user's PBX user name and extension: set over the API and the CLI, unique per enterprise, audited.</summary>
public abstract class TelephonyTests(DatabaseKind kind)
{
    /// <summary>GET /api/users as a list, whether it answers a plain array or a page ({ items, … }).</summary>
    private static async Task<List<JsonElement>> UsersAsync(HttpClient admin)
    {
        var body = await admin.GetFromJsonAsync<JsonElement>("/api/users");
        return (body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("items")).EnumerateArray().ToList();
    }

    private static string? Text(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    [Fact]
    public async Task SetTelephony_Admin_SetsListsAuditsAndClears()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (agent, _) = await app.CreateUserAsync(Role.Agent, "alice");
        var admin = await app.LoginAsAdminAsync();

        var set = await admin.PutAsJsonAsync($"/api/users/{agent}/telephony", new { pbxName = " alice.w ", extension = "1001" });
        var view = await set.Content.ReadFromJsonAsync<JsonElement>();
        var listed = (await UsersAsync(admin)).Single(u => u.GetProperty("userName").GetString() == agent);
        var cleared = await (await admin.PutAsJsonAsync($"/api/users/{agent}/telephony", new { pbxName = (string?)null, extension = "1001" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("alice.w", Text(view, "pbxName"));
        Assert.Equal("1001", Text(view, "extension"));
        Assert.Equal("alice.w", Text(listed, "pbxName"));
        Assert.Equal("1001", Text(listed, "extension"));
        Assert.Null(Text(cleared, "pbxName"));
        Assert.Equal("1001", Text(cleared, "extension"));
        await using var db = app.Database.OpenContext();
        var audits = await db.AuditEntries.Where(e => e.Action == AuditActions.TelephonyChanged).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal(agent, a.Target));
        Assert.Equal("pbx=-,ext=-->pbx=alice.w,ext=1001", audits[0].Details);
        Assert.Null((await db.Users.SingleAsync(u => u.UserName == agent)).PbxName);
    }

    [Fact]
    public async Task SetTelephony_ValueOfAnotherUserOfTheEnterprise_Is409AndNothingChanges()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await app.CreateUserAsync(Role.Agent, "alice");
        await app.CreateUserAsync(Role.Agent, "bob");
        var admin = await app.LoginAsAdminAsync();
        await admin.PutAsJsonAsync("/api/users/alice/telephony", new { pbxName = "alice", extension = "1001" });

        var sameExtension = await admin.PutAsJsonAsync("/api/users/bob/telephony", new { pbxName = "bob", extension = "1001" });
        // The desk matches the names a CTI event gives whatever their case: "ALICE" is alice's name too.
        var sameName = await admin.PutAsJsonAsync("/api/users/bob/telephony", new { pbxName = "ALICE", extension = (string?)null });
        var extensionProblem = await sameExtension.Content.ReadFromJsonAsync<JsonElement>();
        var nameProblem = await sameName.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, sameExtension.StatusCode);
        Assert.Equal("TELEPHONY_EXTENSION_TAKEN", extensionProblem.GetProperty("code").GetString());
        Assert.Equal("extension", extensionProblem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        Assert.Equal("TELEPHONY_PBX_NAME_TAKEN", nameProblem.GetProperty("code").GetString());
        await using var db = app.Database.OpenContext();
        var bob = await db.Users.SingleAsync(u => u.UserName == "bob");
        Assert.Null(bob.PbxName);
        Assert.Null(bob.Extension);
    }

    [Fact]
    public async Task SetTelephony_SameValuesInAnotherEnterprise_AreAllowed()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await app.CreateUserAsync(Role.Agent, "alice");
        var admin = await app.LoginAsAdminAsync();
        await admin.PutAsJsonAsync("/api/users/alice/telephony", new { pbxName = "agent1", extension = "1001" });
        await app.WithScopeAsync(async sp =>
        {
            var other = await sp.GetRequiredService<EnterpriseDirectory>().EnsureAsync("other-bank", "另一家银行");
            return await sp.GetRequiredService<AddUserHandler>().HandleAsync(new AddUserRequest(other.Id, "carol", null, "Agent", "test"));
        });

        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", "carol", "--pbx-name", "agent1", "--extension", "1001", "--enterprise", "other-bank"));

        Assert.Equal(0, result.ExitCode);
        await using var db = app.Database.OpenContext();
        Assert.Equal("1001", (await db.Users.SingleAsync(u => u.UserName == "carol")).Extension);
    }

    [Theory]
    [InlineData("10a1", null, "extension", "TELEPHONY_EXTENSION_INVALID")]
    [InlineData("12345678901234567", null, "extension", "TELEPHONY_EXTENSION_INVALID")]
    [InlineData(null, "alice, bob", "pbxName", "TELEPHONY_PBX_NAME_INVALID")]
    public async Task SetTelephony_InvalidValue_Is422NamingTheField(string? extension, string? pbxName, string field, string code)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await app.CreateUserAsync(Role.Agent, "alice");
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PutAsJsonAsync("/api/users/alice/telephony", new { pbxName, extension });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SetTelephony_WithoutManageUsers_Is403()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var (agent, password) = await app.CreateUserAsync(Role.Agent, "alice");
        var self = await app.LoginAsync(agent, password);
        var supervisor = await app.LoginAsSupervisorAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await self.PutAsJsonAsync("/api/users/alice/telephony", new { pbxName = "alice", extension = "1001" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("/api/users/alice/telephony", new { pbxName = "alice", extension = "1001" })).StatusCode);
        await using var db = app.Database.OpenContext();
        Assert.Null((await db.Users.SingleAsync(u => u.UserName == "alice")).Extension);
    }

    [Fact]
    public async Task SetTelephony_UnknownUser_Is404()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PutAsJsonAsync("/api/users/nobody/telephony", new { pbxName = "x", extension = "1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SetTelephonyCommand_SetsEachValueKeepsTheOtherAndClears()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        await app.CreateUserAsync(Role.Agent, "alice");
        await app.CreateUserAsync(Role.Agent, "bob");

        var name = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", "alice", "--pbx-name", "alice.w"));
        var extension = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", "alice", "--extension", "1001"));
        var list = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "list"));
        var taken = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", "bob", "--extension", "1001"));
        var nothing = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", "bob"));
        var cleared = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", "alice", "--clear"));

        Assert.Equal(0, name.ExitCode);
        Assert.Equal(0, extension.ExitCode);
        Assert.Contains("pbx=alice.w ext=1001", extension.Out);
        Assert.Contains(list.Out.Split('\n'), l => l.StartsWith("alice ", StringComparison.Ordinal) && l.Contains("pbx=alice.w", StringComparison.Ordinal) && l.Contains("ext=1001", StringComparison.Ordinal));
        Assert.Equal(2, taken.ExitCode);
        Assert.Contains("alice", taken.Error);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Equal(0, cleared.ExitCode);
        await using var db = app.Database.OpenContext();
        var alice = await db.Users.SingleAsync(u => u.UserName == "alice");
        Assert.Null(alice.PbxName);
        Assert.Null(alice.Extension);
        Assert.Null((await db.Users.SingleAsync(u => u.UserName == "bob")).Extension);
    }
}

public sealed class TelephonyTestsOnSqlite() : TelephonyTests(DatabaseKind.Sqlite);

public sealed class TelephonyTestsOnPostgres() : TelephonyTests(DatabaseKind.Postgres);
