using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Callbacks;
using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Calls;

/// <summary>Missed-call follow-up: the list, a callback call linked when it comes, an agent's mark (audited), and the 24-hour share that outlives the calls.</summary>
public abstract class CallbackTests(DatabaseKind kind)
{
    private const string Line = CallStoreScenario.Line;

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    [Fact]
    public async Task Callbacks_MissedCallsLinkedMarkedAndCounted_ShareWithin24HoursOutlivesThePurge()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();
        async Task Call(string id, string direction, string customer, params (string Key, string Value)[][] then)
        {
            var (from, to) = direction == "in" ? (customer, Line) : (Line, customer);
            Assert.Equal(HttpStatusCode.OK, (await pbx.PostAsync(url, Form(("event", "newCall"), ("direction", direction), ("from", from), ("to", to), ("call_id", id)))).StatusCode);
            foreach (var fields in then)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(20));
                Assert.Equal(HttpStatusCode.OK, (await pbx.PostAsync(url, Form([("direction", direction), ("call_id", id), .. fields]))).StatusCode);
            }

            app.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        (string, string)[] Hangup(string cause) => [("event", "hangup"), ("cause", cause)];
        await Call("missed-a", "in", "13800138001", Hangup("cancel"));
        await Call("missed-b", "in", "13800138002", Hangup("noAnswer"));
        await Call("answered", "in", "13800138003", [("event", "answer"), ("user", "王坐席")], Hangup("normalClearing"));
        await Call("forwarded", "in", "13800138004", Hangup("forwarded"));
        await Call("voicemail", "in", "13800138005", [("event", "answer"), ("user", "voicemail")], Hangup("normalClearing"));
        var agent = await app.LoginAsAgentAsync();
        var supervisor = await app.LoginAsSupervisorAsync();

        var before = await agent.GetFromJsonAsync<JsonElement>("/api/callbacks");
        Assert.Equal(["138****8001", "138****8002", "138****8005"], before.GetProperty("open").EnumerateArray().Select(i => i.GetProperty("number").GetString()).ToList());
        Assert.True(before.GetProperty("oldestAgeMinutes").GetInt32() >= 10);

        // An agent calls the first caller back from the desk: the outbound call is linked, the entry leaves the list.
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await Call("callback-a", "out", "+86 138 0013 8001", [("event", "answer"), ("user", "王坐席")], Hangup("normalClearing"));
        var afterLink = await agent.GetFromJsonAsync<JsonElement>("/api/callbacks");
        Assert.Equal(["138****8002", "138****8005"], afterLink.GetProperty("open").EnumerateArray().Select(i => i.GetProperty("number").GetString()).ToList());
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(0, await db.Callbacks.CountAsync()); // listing writes nothing: the link job marks it
        }

        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<CallbacksHandler>().LinkAsync(null)));

        // The second is marked by hand; twice is a conflict; an answered call has nobody to call back.
        var missedB = before.GetProperty("open")[1].GetProperty("callId").GetInt64();
        var done = await agent.PostAsJsonAsync($"/api/callbacks/{missedB}/done", new { note = "已回电，客户改天再联系" });
        var twice = await agent.PostAsJsonAsync($"/api/callbacks/{missedB}/done", new { note = "again" });
        long answeredId;
        await using (var db = app.Database.OpenContext())
        {
            answeredId = await db.Calls.Where(c => c.SourceId == "answered").Select(c => c.Id).SingleAsync();
        }

        var notMissed = await agent.PostAsJsonAsync($"/api/callbacks/{answeredId}/done", new { note = "x" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notMissed.StatusCode);
        var open = await supervisor.GetFromJsonAsync<JsonElement>("/api/monitoring/callbacks?line=95528&from=2026-03-01&to=2026-03-31");
        Assert.Equal(1, open.GetProperty("open").GetInt32()); // the voicemail caller is still waiting
        Assert.True(open.GetProperty("oldestOpenMinutes").GetInt32() >= 30);

        // The agent marked B before dialling: the outbound call that follows is linked to that mark.
        await Call("callback-b", "out", "13800138002", Hangup("normalClearing"));
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<CallbacksHandler>().LinkAsync(null)));
        await using (var db = app.Database.OpenContext())
        {
            var markB = await db.Callbacks.SingleAsync(m => m.MissedCallId == missedB);
            Assert.Equal(await db.Calls.Where(c => c.SourceId == "callback-b").Select(c => (long?)c.Id).SingleAsync(), markB.CallbackCallId);
        }

        // The voicemail caller is called back two days later: done, but not within 24 hours.
        app.Clock.Advance(TimeSpan.FromDays(2));
        agent = await app.LoginAsAgentAsync(); // the sessions of two days ago have expired
        supervisor = await app.LoginAsSupervisorAsync();
        var voicemail = before.GetProperty("open")[2].GetProperty("callId").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"/api/callbacks/{voicemail}/done", new { note = "" })).StatusCode);
        var figures = await supervisor.GetFromJsonAsync<JsonElement>("/api/monitoring/callbacks?line=95528&from=2026-03-01&to=2026-03-31");

        Assert.Empty((await agent.GetFromJsonAsync<JsonElement>("/api/callbacks")).GetProperty("open").EnumerateArray());
        Assert.Equal(3, figures.GetProperty("missed").GetInt32());
        Assert.Equal(3, figures.GetProperty("calledBack").GetInt32());
        Assert.Equal(2, figures.GetProperty("calledBackWithin24Hours").GetInt32());
        Assert.Equal(0.6667, figures.GetProperty("shareWithin24Hours").GetDouble());
        Assert.Equal("2026-03-02", figures.GetProperty("trackedFrom").GetString());
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.CallbackDone));
            Assert.Equal("system:callback-link", (await db.Callbacks.SingleAsync(m => m.DoneBy.StartsWith("system:"))).DoneBy);
            Assert.Equal(2, await db.Callbacks.CountAsync(m => m.CallbackCallId != null));
        }

        // The calls go at the end of their retention; the marks with them; the share stays.
        var purge = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15"));
        Assert.Equal(0, purge.ExitCode);
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(0, await db.Callbacks.CountAsync());
        }

        Assert.Equal(figures.GetRawText(), (await supervisor.GetFromJsonAsync<JsonElement>("/api/monitoring/callbacks?line=95528&from=2026-03-01&to=2026-03-31")).GetRawText());
    }

    [Fact]
    public async Task MarkDone_CallOfAnotherEnterprise_NotFoundAndNothingWritten()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        await app.CreateClient().PostAsync(url, Form(("event", "newCall"), ("direction", "in"), ("from", "13800138001"), ("to", Line), ("call_id", "other-1")));
        await app.CreateClient().PostAsync(url, Form(("event", "hangup"), ("direction", "in"), ("call_id", "other-1"), ("cause", "cancel")));
        long callId;
        await using (var db = app.Database.OpenContext())
        {
            callId = await db.Calls.Select(c => c.Id).SingleAsync();
        }

        // Another enterprise's agent, holding the call's id.
        await CliRunner.RunAsync(CliRunner.On(app.Database, "demo", "seed", "--empty"));
        var stranger = await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "add", "--name", "stranger", "--role", "Agent", "--enterprise", "demo-bank"));
        var password = stranger.Out.Split('\n').First(l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..].Trim();
        var client = await app.LoginAsync("stranger", password);

        var response = await client.PostAsJsonAsync($"/api/callbacks/{callId}/done", new { note = "x" });
        var list = await client.GetFromJsonAsync<JsonElement>("/api/callbacks");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(list.GetProperty("open").EnumerateArray());
        await using var check = app.Database.OpenContext();
        Assert.Equal(0, await check.Callbacks.CountAsync());
    }
}

public sealed class CallbackTestsOnSqlite() : CallbackTests(DatabaseKind.Sqlite);

public sealed class CallbackTestsOnPostgres() : CallbackTests(DatabaseKind.Postgres);
