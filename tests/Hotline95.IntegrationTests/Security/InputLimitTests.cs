using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Security;

/// <summary>Input at the edges answers 422 naming the field, never 500 (PostgreSQL enforces column lengths that SQLite does not).</summary>
public abstract class InputLimitTests(DatabaseKind kind)
{
    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(field, JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task ImplausibleDates_Are422()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();

        await AssertFieldAsync(await officer.GetAsync("/api/monitoring/months?from=0001-01-01"), "from");
        await AssertFieldAsync(await officer.GetAsync("/api/monitoring/days?to=9999-12-31"), "to");
        await AssertFieldAsync(await officer.GetAsync("/api/reports/annual?line=95528&from=0001-01-01&to=0001-12-31"), "from");
        await AssertFieldAsync(await officer.GetAsync("/api/licence/plan?target=0001-01-05"), "target");
        await AssertFieldAsync(await officer.GetAsync("/api/exports/calls?from=9999-12-15&to=9999-12-31&reason=复核复核"), "to");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/compliance/red-lines/counts?from=0001-01-01")).StatusCode);
    }

    [Fact]
    public async Task OverlongText_Is422NamingTheField()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var supervisor = await app.LoginAsSupervisorAsync();
        var officer = await app.LoginAsComplianceOfficerAsync();
        var text = new string('长', 201);

        await AssertFieldAsync(await supervisor.PostAsJsonAsync("/api/compliance/campaigns", new { line = "95528", name = text, script = "回访" }), "name");
        await AssertFieldAsync(await supervisor.PutAsJsonAsync("/api/roster/seats/A-01", new { location = text, equipment = "话机" }), "location");
        await AssertFieldAsync(await supervisor.PostAsJsonAsync("/api/roster/agents", new { name = "王芳", socialInsuranceCity = new string('沪', 51) }), "socialInsuranceCity");
        await AssertFieldAsync(await officer.PostAsJsonAsync("/api/compliance/terms", new { term = "包过", category = "guarantee", rewrite = new string('改', 501) }), "rewrite");
    }

    [Fact]
    public async Task LongUnapprovedCategoryTwice_RaisesOneAlertAndAnswers422BothTimes()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", CallStoreScenario.Line, "--purposes", "账单查询", "--hours", "7×24"));
        var agent = await app.LoginAsAgentAsync();
        var ticket = await (await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13800138000" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = ticket.GetProperty("id").GetInt64();
        await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Answered" });
        var category = new string('类', 130);

        var first = await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Recorded", category, note = "x" });
        var second = await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Recorded", category, note = "x" });

        await AssertFieldAsync(first, "category");
        await AssertFieldAsync(second, "category");
        var officer = await app.LoginAsComplianceOfficerAsync();
        Assert.Single((await officer.GetFromJsonAsync<JsonElement>("/api/compliance/red-lines")).GetProperty("items").EnumerateArray());
    }
}

public sealed class InputLimitTestsOnSqlite() : InputLimitTests(DatabaseKind.Sqlite);

public sealed class InputLimitTestsOnPostgres() : InputLimitTests(DatabaseKind.Postgres);
