using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Complaints;

public abstract class TicketFlowTests(DatabaseKind kind)
{
    private static async Task<long> ImportCallAsync(Hotline95AppFactory app)
    {
        var file = Path.Combine(app.Database.DataDirectory, "c.csv");
        await File.WriteAllTextAsync(file, "call_id,direction,from,to,start,end\nt1,in,13800138000,95528,2026-03-02T09:00:00+08:00,2026-03-02T09:05:00+08:00\n");
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        return await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public async Task Ticket_WholeFlowFromACall_RecordsEachStepWithWhoAndWhenInTheAuditLog()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var callId = await ImportCallAsync(app);
        var agent = await app.LoginAsAgentAsync();

        var opened = await (await agent.PostAsJsonAsync("/api/tickets", new { callId, note = "客户来电询问账单" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened.GetProperty("id").GetInt64();
        Assert.Equal("95528", opened.GetProperty("line").GetString());
        Assert.Equal("138****8000", opened.GetProperty("customer").GetString());

        async Task<HttpResponseMessage> Step(object body) => await agent.PostAsJsonAsync($"/api/tickets/{id}/steps", body);
        Assert.Equal(HttpStatusCode.OK, (await Step(new { step = "Answered" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Step(new { step = "Recorded", category = "信用卡推销", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Step(new { step = "Recorded", category = "账单查询", note = "账单金额与消费不符" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Step(new { step = "Transferred", assignTo = "账务组" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Step(new { step = "FedBack", note = "已短信告知核查结果", feedbackCallId = callId })).StatusCode);
        var closed = await (await Step(new { step = "Closed" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Closed", closed.GetProperty("step").GetString());
        Assert.Equal(["Opened", "Answered", "Recorded", "Transferred", "FedBack", "Closed"],
            closed.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()!).ToArray());
        Assert.All(closed.GetProperty("steps").EnumerateArray(), s => Assert.StartsWith("agent-", s.GetProperty("by").GetString()));
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().AuditEntries
            .Where(e => e.Action == AuditActions.TicketStep && e.Target == $"ticket:{id}").CountAsync());
        Assert.Equal(6, audited);
    }

    [Fact]
    public async Task Ticket_StepOutOfOrder_Is409()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var opened = await (await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13900139000" })).Content.ReadFromJsonAsync<JsonElement>();

        var response = await agent.PostAsJsonAsync($"/api/tickets/{opened.GetProperty("id").GetInt64()}/steps", new { step = "Closed" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Ticket_NoteText_IsSealedAtRest()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13900139000", note = "客户钱多多身份证号尾号1234" });

        var raw = await RawStorage.ReadAllAsync(app.Database);

        Assert.False(RawStorage.Contains(raw, System.Text.Encoding.UTF8.GetBytes("钱多多")));
        Assert.False(RawStorage.Contains(raw, System.Text.Encoding.UTF8.GetBytes("13900139000")));
    }

    [Theory]
    [InlineData("信用卡营销")]
    [InlineData("优惠活动通知")]
    [InlineData("Product promotion")]
    public async Task LineUsage_MarketingPurpose_IsRefused(string purpose)
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var admin = await app.LoginAsAdminAsync();

        var response = await admin.PutAsJsonAsync("/api/lines/95528/usage", new { purposes = new[] { "账单查询", purpose }, serviceHours = "7×24" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("PURPOSE_MARKETING", problem.GetProperty("code").GetString());
        Assert.Contains(purpose, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Figures_ForAMonth_CountDeadlinesMetAndTicketsByCategoryAndStep()
    {
        await using var app = await ComplaintScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();
        var onTime = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "a", receivedAt = "2026-03-02T08:00:00+08:00" })).Content.ReadFromJsonAsync<JsonElement>();
        await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = "b", receivedAt = "2026-03-02T09:00:00+08:00" });
        await agent.PostAsJsonAsync($"/api/complaints/{onTime.GetProperty("id").GetInt64()}/respond", new { note = "已联系" });
        app.Clock.Advance(TimeSpan.FromDays(2)); // resolved on 2026-03-04: 2 working days after receipt
        agent = await app.LoginAsAgentAsync(); // a session lasts 8 hours
        await agent.PostAsJsonAsync($"/api/complaints/{onTime.GetProperty("id").GetInt64()}/resolve", new { resolution = "已处理", satisfaction = 5 });
        var ticket = await (await agent.PostAsJsonAsync("/api/tickets", new { line = "95528", customerPhone = "13900139000" })).Content.ReadFromJsonAsync<JsonElement>();
        await agent.PostAsJsonAsync($"/api/tickets/{ticket.GetProperty("id").GetInt64()}/steps", new { step = "Answered" });
        await agent.PostAsJsonAsync($"/api/tickets/{ticket.GetProperty("id").GetInt64()}/steps", new { step = "Recorded", category = "账单查询", note = "n" });
        var supervisor = await app.LoginAsSupervisorAsync();

        var figures = (await supervisor.GetFromJsonAsync<JsonElement[]>("/api/complaints/figures?month=2026-03&line=95528"))!.Single();

        Assert.Equal(2, figures.GetProperty("received").GetInt32());
        Assert.Equal(1, figures.GetProperty("respondedWithinDeadline").GetInt32());
        Assert.Equal(50.0, figures.GetProperty("respondedWithinDeadlinePercent").GetDouble());
        Assert.Equal(1, figures.GetProperty("resolvedWithinDeadline").GetInt32());
        Assert.Equal(50.0, figures.GetProperty("resolutionRatePercent").GetDouble());
        Assert.Equal(2.0, figures.GetProperty("averageWorkdaysToResolve").GetDouble());
        Assert.Equal(1, figures.GetProperty("ticketsByCategory").GetProperty("账单查询").GetInt32());
        Assert.Equal(1, figures.GetProperty("ticketsByStep").GetProperty("Recorded").GetInt32());
    }
}

public sealed class TicketFlowTestsOnSqlite() : TicketFlowTests(DatabaseKind.Sqlite);

public sealed class TicketFlowTestsOnPostgres() : TicketFlowTests(DatabaseKind.Postgres);
