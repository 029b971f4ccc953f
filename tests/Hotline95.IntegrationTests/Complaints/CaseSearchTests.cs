using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Complaints;

/// <summary>Tickets and complaints found by every criterion, closed ones included, a page at a time with their total.</summary>
public abstract class CaseSearchTests(DatabaseKind kind)
{
    private const string Other = "95529";

    /// <summary>
    /// Two lines; on 2026-03-02 a ticket (13800138000, 账单查询, closed) and a complaint (13800138000, resolved) on 95528;
    /// on 2026-03-05 a ticket (13900139000, 信贷咨询) and a complaint (13900139000) on 95529, both open.
    /// </summary>
    private static async Task<(Hotline95AppFactory App, HttpClient Agent, long[] Tickets, long[] Complaints)> ScenarioAsync(DatabaseKind kind)
    {
        var app = await ComplaintScenario.StartAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", Other, "--name", "贷款客服热线"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", Other, "--purposes", "信贷咨询,投诉处理", "--hours", "7×24"))).ExitCode);
        var agent = await app.LoginAsAgentAsync();

        var first = await OpenTicketAsync(agent, ComplaintScenario.Line, "13800138000", "账单查询");
        foreach (var step in new object[] { new { step = "Transferred", assignTo = "账务组" }, new { step = "FedBack", note = "已回电" }, new { step = "Closed" } })
        {
            (await agent.PostAsJsonAsync($"/api/tickets/{first}/steps", step)).EnsureSuccessStatusCode();
        }

        var resolved = await CreateComplaintAsync(agent, ComplaintScenario.Line, "13800138000", "账单多扣款", "2026-03-02T09:00:00+08:00", "投诉处理");
        (await agent.PostAsJsonAsync($"/api/complaints/{resolved}/resolve", new { resolution = "已退款", satisfaction = (int?)null })).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromDays(3));
        agent = await app.LoginAsAgentAsync(); // a session lasts 8 hours
        var second = await OpenTicketAsync(agent, Other, "13900139000", "信贷咨询");
        var open = await CreateComplaintAsync(agent, Other, "13900139000", "贷款审批太慢", "2026-03-05T09:00:00+08:00", null);
        return (app, agent, [first, second], [resolved, open]);
    }

    private static async Task<long> OpenTicketAsync(HttpClient agent, string line, string phone, string category)
    {
        var opened = await (await agent.PostAsJsonAsync("/api/tickets", new { line, customerPhone = phone, note = "来电" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened.GetProperty("id").GetInt64();
        (await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Answered" })).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", new { step = "Recorded", category, note = "客户反映问题" })).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<long> CreateComplaintAsync(HttpClient agent, string line, string phone, string summary, string receivedAt, string? category)
    {
        var response = await agent.PostAsJsonAsync("/api/complaints", new { line, callerPhone = phone, summary, receivedAt, category });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<(long[] Ids, int Total)> FindAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (answer.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetInt64()).ToArray(), answer.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("", 1)]                                           // the open queue: the closed ticket is not in it
    [InlineData("?status=open", 1)]
    [InlineData("?status=closed", 0)]
    [InlineData("?status=all&phone=%2B86%20138-0013-8000", 0)]   // by number, written any usual way
    [InlineData("?status=all&phone=13900139000", 1)]
    [InlineData("?status=all&category=账单查询", 0)]
    [InlineData("?status=all&line=95529", 1)]
    [InlineData("?status=all&from=2026-03-03", 1)]
    [InlineData("?status=all&to=2026-03-02", 0)]
    [InlineData("?status=all&from=2026-03-02&to=2026-03-02&line=95528&category=账单查询&phone=13800138000", 0)]
    public async Task SearchTickets_EachCriterion_FindsExactlyTheMatches(string query, int expected)
    {
        var (app, agent, tickets, _) = await ScenarioAsync(kind);
        await using var _ = app;

        var (ids, total) = await FindAsync(agent, $"/api/tickets{query}");

        Assert.Equal([tickets[expected]], ids);
        Assert.Equal(1, total);
    }

    [Fact]
    public async Task SearchTickets_ById_FindsItWhateverItsStatusWhenAskedForAll()
    {
        var (app, agent, tickets, _) = await ScenarioAsync(kind);
        await using var _ = app;

        Assert.Equal([tickets[0]], (await FindAsync(agent, $"/api/tickets?status=all&id={tickets[0]}")).Ids);
        Assert.Empty((await FindAsync(agent, $"/api/tickets?id={tickets[0]}")).Ids); // closed: not in the open queue
        Assert.Equal([tickets[1], tickets[0]], (await FindAsync(agent, "/api/tickets?status=all")).Ids); // newest first
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("?status=closed", 0)]                             // closed is resolved
    [InlineData("?status=resolved&phone=138%200013%208000", 0)]
    [InlineData("?status=all&phone=13900139000", 1)]
    [InlineData("?status=all&category=投诉处理", 0)]
    [InlineData("?status=all&line=95529", 1)]
    [InlineData("?status=all&from=2026-03-03", 1)]
    [InlineData("?status=all&to=2026-03-02", 0)]
    public async Task SearchComplaints_EachCriterion_FindsExactlyTheMatches(string query, int expected)
    {
        var (app, agent, _, complaints) = await ScenarioAsync(kind);
        await using var _ = app;

        var (ids, total) = await FindAsync(agent, $"/api/complaints{query}");

        Assert.Equal([complaints[expected]], ids);
        Assert.Equal(1, total);
    }

    [Fact]
    public async Task SearchComplaints_ByIdAndAll_OpenFirstThenResolved()
    {
        var (app, agent, _, complaints) = await ScenarioAsync(kind);
        await using var _ = app;

        Assert.Equal([complaints[0]], (await FindAsync(agent, $"/api/complaints?status=all&id={complaints[0]}")).Ids);
        Assert.Equal([complaints[1], complaints[0]], (await FindAsync(agent, "/api/complaints?status=all")).Ids);
    }

    [Theory]
    [InlineData("/api/tickets?phone=abc", "phone", "PHONE_INVALID")]
    [InlineData("/api/tickets?status=lost", "status", "STATUS_UNKNOWN")]
    [InlineData("/api/complaints?from=2026-03-05&to=2026-03-01", "to", "RANGE_INVALID")]
    [InlineData("/api/complaints?page=0", "page", "PAGE_RANGE")]
    [InlineData("/api/tickets?pageSize=501", "pageSize", "PAGE_SIZE_RANGE")]
    [InlineData("/api/calls?pageSize=0", "pageSize", "PAGE_SIZE_RANGE")]
    public async Task Search_BadCriterion_Is422NamingIt(string url, string field, string code)
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.GetAsync(url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SearchByPhone_GoesThroughTheBlindIndex_NotThroughDecryption()
    {
        var (app, agent, tickets, complaints) = await ScenarioAsync(kind);
        await using var _ = app;
        Assert.Single((await FindAsync(agent, "/api/tickets?status=all&phone=13800138000")).Ids);

        // Without its blind index the record still holds the number (sealed), but a search by number no longer finds it.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Hotline95DbContext>();
            await db.Tickets.Where(t => t.Id == tickets[0]).ExecuteUpdateAsync(s => s.SetProperty(t => t.CustomerPhoneIndex, (byte[]?)null));
            return await db.Complaints.Where(c => c.Id == complaints[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.CallerPhoneIndex, (byte[]?)null));
        });

        Assert.Empty((await FindAsync(agent, "/api/tickets?status=all&phone=13800138000")).Ids);
        Assert.Empty((await FindAsync(agent, "/api/complaints?status=all&phone=13800138000")).Ids);
        var byId = await agent.GetFromJsonAsync<JsonElement>($"/api/tickets/{tickets[0]}");
        Assert.Equal("138****8000", byId.GetProperty("customer").GetString());
    }

    [Fact]
    public async Task Search_AnotherEnterprisesRecords_AreNeverFound()
    {
        var (app, agent, tickets, complaints) = await ScenarioAsync(kind);
        await using var _ = app;
        await CliRunner.RunAsync(CliRunner.On(app.Database, "demo", "seed", "--empty"));
        var added = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "add", "--name", "stranger", "--role", "Agent", "--enterprise", "demo-bank"));
        var password = added.Out.Split('\n').First(l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..].Trim();
        var stranger = await app.LoginAsync("stranger", password);
        var theirTicket = (await (await stranger.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13800138000" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var theirComplaint = await CreateComplaintAsync(stranger, "95528", "13800138000", "别家的投诉", "2026-03-05T10:00:00+08:00", null);

        Assert.Equal([tickets[0]], (await FindAsync(agent, "/api/tickets?status=all&phone=13800138000")).Ids);
        Assert.Equal([complaints[0]], (await FindAsync(agent, "/api/complaints?status=all&phone=13800138000")).Ids);
        Assert.Empty((await FindAsync(agent, $"/api/tickets?status=all&id={theirTicket}")).Ids);
        Assert.Empty((await FindAsync(agent, $"/api/complaints?status=all&id={theirComplaint}")).Ids);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/tickets/{theirTicket}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/complaints/{theirComplaint}/history")).StatusCode);
        Assert.Equal([theirTicket], (await FindAsync(stranger, "/api/tickets?status=all&phone=13800138000")).Ids);
    }

    [Fact]
    public async Task Paging_SevenComplaintsAndTickets_PagesOfThreeWithTheTotal()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var complaints = new List<long>();
        var tickets = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            complaints.Add(await CreateComplaintAsync(agent, ComplaintScenario.Line, "13800138000", $"投诉 {i}", $"2026-03-02T0{i + 1}:00:00+08:00", null));
            tickets.Add((await (await agent.PostAsJsonAsync("/api/tickets", new { line = ComplaintScenario.Line, customerPhone = "13800138000" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }

        foreach (var (url, all) in new[] { ("/api/complaints?phone=13800138000&pageSize=3", complaints), ("/api/tickets?pageSize=3", tickets) })
        {
            var pages = new List<long>();
            for (var page = 1; page <= 4; page++)
            {
                var (ids, total) = await FindAsync(agent, $"{url}&page={page}");
                Assert.Equal(7, total);
                Assert.Equal(page switch { <= 2 => 3, 3 => 1, _ => 0 }, ids.Length);
                pages.AddRange(ids);
            }

            Assert.Equal(all.Order(), pages.Order()); // every one once, across the pages
            Assert.Equal(all, pages); // the open queues: oldest (nearest deadline) first
        }
    }

    [Fact]
    public async Task TicketNotesAndComplaintTexts_RolesThatNeitherHandleNorReveal_SeeThemWithheld()
    {
        var (app, agent, tickets, complaints) = await ScenarioAsync(kind);
        await using var _ = app;
        var auditor = await app.LoginAsRoleAsync(Role.Auditor);
        var admin = await app.LoginAsAdminAsync();

        var mine = await agent.GetFromJsonAsync<JsonElement>($"/api/tickets/{tickets[0]}");
        var theirs = await auditor.GetAsync($"/api/tickets/{tickets[0]}");
        var theirsBody = await theirs.Content.ReadAsStringAsync();
        var complaint = await (await admin.GetAsync($"/api/complaints?status=all&id={complaints[0]}")).Content.ReadAsStringAsync();
        var history = await auditor.GetFromJsonAsync<JsonElement>($"/api/complaints/{complaints[0]}/history");

        Assert.Equal("来电", mine.GetProperty("steps")[0].GetProperty("note").GetString());
        Assert.False(mine.GetProperty("steps")[0].GetProperty("noteWithheld").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.DoesNotContain("来电", theirsBody);
        Assert.DoesNotContain("客户反映问题", theirsBody);
        var step = JsonDocument.Parse(theirsBody).RootElement.GetProperty("steps")[0];
        Assert.True(step.GetProperty("noteWithheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("note").ValueKind);
        Assert.DoesNotContain("账单多扣款", complaint);
        Assert.Contains("\"textWithheld\":true", complaint);
        Assert.All(history.EnumerateArray().Where(e => e.GetProperty("event").GetString() is "Received" or "Resolved"),
            e => Assert.True(e.GetProperty("noteWithheld").GetBoolean()));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/tickets/{tickets[1]}/steps", new { step = "Transferred", assignTo = "x" })).StatusCode);
    }

    [Fact]
    public async Task ComplaintHistory_EveryStep_WithWhoWhenAndWhatWasSaid()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var supervisor = await app.LoginAsSupervisorAsync();
        var id = await CreateComplaintAsync(agent, ComplaintScenario.Line, "13800138000", "账单多扣款", "2026-03-02T09:00:00+08:00", null);
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await supervisor.PostAsJsonAsync($"/api/complaints/{id}/respond", new { note = "已致电客户" })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await supervisor.PostAsJsonAsync($"/api/complaints/{id}/resolve", new { resolution = "已退款", satisfaction = 4 })).EnsureSuccessStatusCode();

        var history = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}/history")).EnumerateArray().ToArray();

        Assert.Equal(["Received", "Responded", "Resolved"], history.Select(e => e.GetProperty("event").GetString()!).ToArray());
        Assert.Equal(["账单多扣款", "已致电客户", "已退款"], history.Select(e => e.GetProperty("note").GetString()!).ToArray());
        Assert.StartsWith("agent-", history[0].GetProperty("by").GetString());
        Assert.StartsWith("supervisor-", history[2].GetProperty("by").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(8)), history[1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(4, history[2].GetProperty("satisfaction").GetInt32());
        Assert.False(history[2].GetProperty("satisfactionUnasked").GetBoolean());
    }

    [Fact]
    public async Task ComplaintView_EachDeadline_HasItsSecondsLeftAndNullOnceMet()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        // now 2026-03-02 10:00; received 09:00: respond by 03-03 09:00 (23 h), resolve by the 7th working day's end (03-11 23:59:59)
        var id = await CreateComplaintAsync(agent, ComplaintScenario.Line, "13800138000", "账单", "2026-03-02T09:00:00+08:00", null);

        var before = await agent.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}");
        (await agent.PostAsJsonAsync($"/api/complaints/{id}/respond", new { note = "已联系" })).EnsureSuccessStatusCode();
        var after = await agent.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}");

        Assert.Equal(23 * 3600, before.GetProperty("secondsToRespond").GetInt64());
        Assert.Equal((long)(new DateTimeOffset(2026, 3, 11, 23, 59, 59, TimeSpan.FromHours(8)) - new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8))).TotalSeconds,
            before.GetProperty("secondsToResolve").GetInt64());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("secondsToRespond").ValueKind);
        Assert.Equal(before.GetProperty("secondsToResolve").GetInt64(), after.GetProperty("secondsRemaining").GetInt64());
    }
}

public sealed class CaseSearchTestsOnSqlite() : CaseSearchTests(DatabaseKind.Sqlite);

public sealed class CaseSearchTestsOnPostgres() : CaseSearchTests(DatabaseKind.Postgres);
