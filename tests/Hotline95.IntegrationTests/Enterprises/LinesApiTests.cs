using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Enterprises;

public abstract class LinesApiTests(DatabaseKind kind)
{
    [Fact]
    public async Task AddLine_ValidNumber_IsCreatedAndListed()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var created = await admin.PostAsJsonAsync("/api/lines", new { number = "95528", name = "信用卡客服热线" });
        var lines = await admin.GetFromJsonAsync<JsonElement[]>("/api/lines");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var line = Assert.Single(lines!);
        Assert.Equal("95528", line.GetProperty("number").GetString());
        Assert.Equal("信用卡客服热线", line.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("12345", "LINE_NUMBER_PREFIX")]
    [InlineData("9552", "LINE_NUMBER_LENGTH")]
    [InlineData("95abc", "LINE_NUMBER_NOT_DIGITS")]
    public async Task AddLine_NotA95Number_Is422WithTheReason(string number, string code)
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/lines", new { number, name = "x" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("number", problem.GetProperty("field").GetString());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>("/api/lines"))!);
    }

    [Fact]
    public async Task AddLine_SameNumberTwice_Is409()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();
        await admin.PostAsJsonAsync("/api/lines", new { number = "95528", name = "a" });

        var again = await admin.PostAsJsonAsync("/api/lines", new { number = "95528", name = "b" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ListLines_AfterTrunksAreSet_ShowsThem()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();
        await admin.PostAsJsonAsync("/api/lines", new { number = "95528", name = "a" });

        (await admin.PutAsJsonAsync("/api/lines/95528/trunks", new { trunks = new[] { "PJSIP/carrier-ct", "acct-95528" } })).EnsureSuccessStatusCode();
        var line = Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>("/api/lines"))!);

        Assert.Equal(["PJSIP/carrier-ct", "acct-95528"], line.GetProperty("trunks").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Healthz_WithDatabase_ReportsItReachable()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);

        var health = await app.CreateClient().GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(kind.ToString(), health.GetProperty("database").GetString());
        Assert.Equal("reachable", health.GetProperty("databaseStatus").GetString());
    }
}

public sealed class LinesApiTestsOnSqlite() : LinesApiTests(DatabaseKind.Sqlite);

public sealed class LinesApiTestsOnPostgres() : LinesApiTests(DatabaseKind.Postgres);
