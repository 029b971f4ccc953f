using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Calls;

public abstract class SearchAndRevealTests(DatabaseKind kind)
{
    private static async Task<Hotline95AppFactory> WithCallsAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        await CallStoreScenario.ImportAsync(app.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", app.Database));
        return app;
    }

    [Theory]
    [InlineData("+86 138-0013-8000")]
    [InlineData("0086 13800138000")]
    [InlineData("138 0013 8000")]
    [InlineData("１３８００１３８０００")]
    public async Task FindByPhone_AnyCommonWriting_FindsTheCallerMasked(string phone)
    {
        await using var app = await WithCallsAsync(kind);

        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", phone));

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Out.Trim().Split('\n'));
        Assert.Contains("138****8000", line);
        Assert.Contains("王**", line);
        Assert.DoesNotContain("13800138000", result.Out);
    }

    [Fact]
    public async Task ApiFind_Agent_SeesMaskedCallsOnly()
    {
        await using var app = await WithCallsAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.GetAsync("/api/calls?phone=%2B86%20139-0013-9000");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(JsonSerializer.Deserialize<JsonElement>(body).GetProperty("items").EnumerateArray());
        Assert.Equal("139****9000", call.GetProperty("customer").GetString());
        Assert.True(call.GetProperty("missed").GetBoolean());
        Assert.DoesNotContain("13900139000", body);
    }

    /// <summary>
    /// The blind index is bucketed by UTC day; China's days start at 16:00 UTC. Calls at 23:30 and 00:30 Beijing
    /// time fall on one UTC day and two China days, and a search by date must still split them right.
    /// </summary>
    [Theory]
    [InlineData("", 3)]
    [InlineData("&from=2026-02-01&to=2026-02-01", 1)]
    [InlineData("&from=2026-02-01", 2)]
    [InlineData("&to=2026-01-31", 1)]
    [InlineData("&from=2026-03-16", 0)]
    public async Task FindByPhone_CallsOnSeveralDays_DateFilterByChinaDay(string dates, int expected)
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "days.csv");
        static string Row(string number, string start, int n) =>
            $"\"\",\"{number}\",\"95528\",\"from-pstn\",\"\",\"PJSIP/trunk-{n:x8}\",\"PJSIP/1001-{n:x8}\",\"Dial\",\"x\",\"{start}\",\"{start}\",\"{start}\",0,0,\"ANSWERED\",\"DOCUMENTATION\",\"17700000{n:D2}.{n}\",\"\"";
        await File.WriteAllLinesAsync(file,
        [
            Row("13600136000", "2026-01-31 23:30:00", 1),
            Row("13600136000", "2026-02-01 00:30:00", 2),
            Row("13700137000", "2026-02-01 10:00:00", 3),
            Row("13600136000", "2026-03-15 12:00:00", 4),
        ]);
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);
        var agent = await app.LoginAsAgentAsync();

        var answer = await agent.GetFromJsonAsync<JsonElement>($"/api/calls?phone=13600136000{dates}");
        var found = answer.GetProperty("items").EnumerateArray().ToArray();

        Assert.Equal(expected, found.Length);
        Assert.Equal(expected, answer.GetProperty("total").GetInt32());
        Assert.All(found, c => Assert.Equal("136****6000", c.GetProperty("customer").GetString()));
    }

    [Fact]
    public async Task Reveal_AgentWithoutPermission_Gets403()
    {
        await using var app = await WithCallsAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var id = await FirstCallIdAsync(agent);

        var response = await agent.PostAsJsonAsync($"/api/calls/{id}/reveal", new { reason = "回拨客户" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Reveal_WithoutReason_Is422()
    {
        await using var app = await WithCallsAsync(kind);
        var supervisor = await app.LoginAsSupervisorAsync();
        var id = await FirstCallIdAsync(supervisor);

        var response = await supervisor.PostAsJsonAsync($"/api/calls/{id}/reveal", new { reason = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Reveal_SupervisorWithReason_ShowsClearTextAndIsAudited()
    {
        await using var app = await WithCallsAsync(kind);
        var supervisor = await app.LoginAsSupervisorAsync();
        var found = await Items(supervisor, "/api/calls?phone=13800138000");
        var id = found[0].GetProperty("id").GetInt64();

        var response = await supervisor.PostAsJsonAsync($"/api/calls/{id}/reveal", new { reason = "回拨客户确认投诉处理结果" });
        var revealed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().AuditEntries
            .Where(e => e.Action == AuditActions.CallRevealed).ToListAsync());

        Assert.Equal("13800138000", revealed.GetProperty("customerNumber").GetString());
        Assert.Equal("王小明", revealed.GetProperty("customerName").GetString());
        var entry = Assert.Single(audited);
        Assert.Equal($"call:{id}", entry.Target);
        Assert.Equal("回拨客户确认投诉处理结果", entry.Details);
    }

    [Fact]
    public async Task Reveal_NameWithDoubledQuotes_IsParsedFromClid()
    {
        await using var app = await WithCallsAsync(kind);
        var supervisor = await app.LoginAsSupervisorAsync();
        var found = await Items(supervisor, "/api/calls?phone=13900139000");

        var revealed = await (await supervisor.PostAsJsonAsync($"/api/calls/{found[0].GetProperty("id").GetInt64()}/reveal", new { reason = "核对来电人姓名" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("李\"四", revealed.GetProperty("customerName").GetString());
    }

    private static async Task<long> FirstCallIdAsync(HttpClient client) =>
        (await Items(client, "/api/calls"))[0].GetProperty("id").GetInt64();

    private static async Task<JsonElement[]> Items(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().ToArray();
}

public sealed class SearchAndRevealTestsOnSqlite() : SearchAndRevealTests(DatabaseKind.Sqlite);

public sealed class SearchAndRevealTestsOnPostgres() : SearchAndRevealTests(DatabaseKind.Postgres);
