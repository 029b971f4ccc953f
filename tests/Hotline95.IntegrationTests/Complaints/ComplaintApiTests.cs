using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Identity;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Complaints;

public abstract class ComplaintApiTests(DatabaseKind kind)
{
    private static object Example(string? receivedAt = "2026-02-13T15:00:00+08:00", string? summary = "账单多扣款，要求退还", string line = "95528", string? category = null) =>
        new { line, callerPhone = "+86 138-0013-8000", callerName = "王小明", summary, receivedAt, category };

    [Fact]
    public async Task Create_TheIssuesExample_Is201WithDeadlinesOnTheWorkingDayCalendar()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.PostAsJsonAsync("/api/complaints", Example());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"respondBy\":\"2026-02-14T15:00:00+08:00\"", body);
        Assert.Contains("\"resolveBy\":\"2026-03-02T23:59:59+08:00\"", body);
        Assert.Contains("\"callerPhone\":\"138****8000\"", body);
        Assert.DoesNotContain("13800138000", body);
    }

    [Theory]
    [InlineData("95999", "账单", "2026-02-13T15:00:00+08:00", null, "line")]
    [InlineData("95528", "", "2026-02-13T15:00:00+08:00", null, "summary")]
    [InlineData("95528", "账单", "2026-03-03T10:00:00+08:00", null, "receivedAt")]
    [InlineData("95528", "账单", "2026-02-13T15:00:00+08:00", "理财产品推荐", "category")]
    public async Task Create_BadField_Is422NamingIt(string line, string summary, string receivedAt, string? category, string field)
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.PostAsJsonAsync("/api/complaints", Example(receivedAt, summary, line, category));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData(Role.Integration, HttpStatusCode.Created)]
    [InlineData(Role.Supervisor, HttpStatusCode.Created)]
    [InlineData(Role.Auditor, HttpStatusCode.Forbidden)]
    public async Task Create_ByApiKey_DependsOnTheKeysRole(Role role, HttpStatusCode expected)
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var client = await app.CreateApiKeyClientAsync(role);

        var response = await client.PostAsJsonAsync("/api/complaints", Example());

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task List_ByStatus_SortsComplaintsIntoOpenOverdueAtRiskResolved()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        // now = 2026-03-02 10:00: received 2026-02-13 → resolve by today 23:59 (at risk only within 4 h), respond by 2026-02-14 (overdue)
        var overdue = await (await agent.PostAsJsonAsync("/api/complaints", Example())).Content.ReadFromJsonAsync<JsonElement>();
        var fresh = await (await agent.PostAsJsonAsync("/api/complaints", Example("2026-03-02T09:00:00+08:00"))).Content.ReadFromJsonAsync<JsonElement>();
        var done = await (await agent.PostAsJsonAsync("/api/complaints", Example("2026-03-01T09:00:00+08:00"))).Content.ReadFromJsonAsync<JsonElement>();
        await agent.PostAsJsonAsync($"/api/complaints/{done.GetProperty("id").GetInt64()}/resolve", new { resolution = "已退款", satisfaction = 5 });

        async Task<long[]> Ids(string status) =>
            (await agent.GetFromJsonAsync<JsonElement>($"/api/complaints?status={status}")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToArray();

        Assert.Equal([overdue.GetProperty("id").GetInt64(), fresh.GetProperty("id").GetInt64()], await Ids("open"));
        Assert.Equal([overdue.GetProperty("id").GetInt64()], await Ids("overdue"));
        Assert.Empty(await Ids("atRisk"));
        Assert.Equal([done.GetProperty("id").GetInt64()], await Ids("resolved"));

        app.Clock.Advance(TimeSpan.FromHours(20.5)); // fresh: respond by 03-03 09:00, now 03-03 06:30 → within the 4-hour window
        agent = await app.LoginAsAgentAsync(); // a session lasts 8 hours
        Assert.Contains(fresh.GetProperty("id").GetInt64(), await Ids("atRisk"));
        var listed = (await agent.GetFromJsonAsync<JsonElement>("/api/complaints?status=atRisk")).GetProperty("items").EnumerateArray().Single();
        Assert.InRange(listed.GetProperty("secondsRemaining").GetInt64(), 2 * 3600, 3 * 3600);
    }

    [Fact]
    public async Task List_UnknownStatus_Is422()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.GetAsync("/api/complaints?status=lost");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Stored_ComplaintText_IsNotInTheDatabaseInClear()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        await agent.PostAsJsonAsync("/api/complaints", Example(summary: "客户赵铁柱反映信用卡被盗刷"));

        var raw = await RawStorage.ReadAllAsync(app.Database);

        Assert.False(RawStorage.Contains(raw, System.Text.Encoding.UTF8.GetBytes("赵铁柱")));
        Assert.False(RawStorage.Contains(raw, System.Text.Encoding.UTF8.GetBytes("13800138000")));
        Assert.False(RawStorage.Contains(raw, System.Text.Encoding.UTF8.GetBytes("王小明")));
    }
}

public sealed class ComplaintApiTestsOnSqlite() : ComplaintApiTests(DatabaseKind.Sqlite);

public sealed class ComplaintApiTestsOnPostgres() : ComplaintApiTests(DatabaseKind.Postgres);
