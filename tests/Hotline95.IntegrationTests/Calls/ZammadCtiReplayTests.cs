using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Calls;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Calls;

/// <summary>
/// Zammad's own request spec for its generic CTI (spec/requests/integration/cti_spec.rb), replayed as it sends its
/// events: form bodies with <c>call_id</c> and <c>user[]</c>, one JSON body. Zammad's company number 4930600000000 is
/// mapped to the configured 95 line.
/// </summary>
public abstract class ZammadCtiReplayTests(DatabaseKind kind)
{
    private const string Company = CallStoreScenario.Line; // Zammad's 4930600000000
    private const string Customer = "4912347114711";

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private static async Task<CallRecord> CallAsync(Hotline95AppFactory app, string callId)
    {
        await using var db = app.Database.OpenContext();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.SourceSystem == "cti" && c.SourceId == callId);
    }

    [Fact]
    public async Task TokenCheck_FormWithCallIdAndUser_Is401WithZammadsErrorMember()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);

        var response = await app.CreateClient().PostAsync("/api/v1/cti/not_existing_token", Form(
            ("event", "newCall"), ("direction", "in"), ("from", Customer), ("to", Company), ("call_id", "4991155921769858278-1"), ("user", "user 1")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Invalid token, please contact your admin!", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task BasicCall_SnakeCaseCallIdAndUserArray_IsAcceptedWithAnEmptyAnswer_AndTheUsersKept()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);

        var response = await app.CreateClient().PostAsync(url, Form(
            ("event", "newCall"), ("direction", "in"), ("from", Customer), ("to", Company), ("call_id", "4991155921769858278-1"),
            ("user[]", "user+1"), ("user[]", "user+2")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", (await response.Content.ReadAsStringAsync()).Trim());
        var call = await CallAsync(app, "4991155921769858278-1");
        Assert.Equal("user+1, user+2", call.Agent);
        Assert.Equal(CallDisposition.InProgress, call.Disposition);
    }

    [Fact]
    public async Task LogCall_TheSpecsInboundScenarios_EndInZammadsStates()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();
        async Task PostAsync(params (string, string)[] fields) => Assert.Equal(HttpStatusCode.OK, (await pbx.PostAsync(url, Form(fields))).StatusCode);

        // inbound - I: new call, answer, hangup, then an answer after the hangup (the spec's one JSON body), ignored.
        await PostAsync(("event", "newCall"), ("direction", "in"), ("to", Company), ("from", Customer), ("call_id", "1234567890-3"), ("user", "user 1"));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(("event", "answer"), ("direction", "in"), ("call_id", "1234567890-3"), ("to", Company), ("from", Customer));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(("event", "hangup"), ("direction", "in"), ("call_id", "1234567890-3"), ("cause", "normalClearing"), ("to", Company), ("from", Customer));
        var answered = await CallAsync(app, "1234567890-3");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = await pbx.PostAsJsonAsync(url, new { @event = "answer", direction = "in", call_id = "1234567890-3", to = Company, from = Customer });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var afterLate = await CallAsync(app, "1234567890-3");
        Assert.Equal(CallDisposition.Answered, afterLate.Disposition);
        Assert.False(afterLate.Missed);
        Assert.Equal(answered.AnsweredAt, afterLate.AnsweredAt);
        Assert.Equal("normalClearing", afterLate.HangupCause);

        // inbound - II: answered by the voicemail, then hung up: not handled by a person.
        await PostAsync(("event", "newCall"), ("direction", "in"), ("to", Company), ("from", Customer), ("call_id", "1234567890-4"), ("user[]", "user 1"), ("user[]", "user 2"));
        Assert.Equal("user 1, user 2", (await CallAsync(app, "1234567890-4")).Agent);
        await PostAsync(("event", "answer"), ("direction", "in"), ("call_id", "1234567890-4"), ("to", Company), ("from", Customer), ("user", "voicemail"));
        await PostAsync(("event", "hangup"), ("direction", "in"), ("call_id", "1234567890-4"), ("cause", "normalClearing"), ("to", Company), ("from", Customer));
        var voicemail = await CallAsync(app, "1234567890-4");
        Assert.True(voicemail.Missed);
        Assert.Null(voicemail.AnsweredAt);
        Assert.Equal("voicemail", voicemail.Agent);

        // inbound - III: never answered.
        await PostAsync(("event", "newCall"), ("direction", "in"), ("to", Company), ("from", Customer), ("call_id", "1234567890-5"), ("user", "user 1,user 2"));
        await PostAsync(("event", "hangup"), ("direction", "in"), ("call_id", "1234567890-5"), ("cause", "normalClearing"), ("to", Company), ("from", Customer));
        var missed = await CallAsync(app, "1234567890-5");
        Assert.True(missed.Missed);
        Assert.Equal("user 1,user 2", missed.Agent);

        // inbound - IV: an anonymous caller through a named queue.
        await PostAsync(("event", "newCall"), ("direction", "in"), ("to", Company), ("from", "anonymous"), ("call_id", "1234567890-7"), ("user", "user 1,user 2"), ("queue", "some_queue_name"));
        Assert.Equal("some_queue_name", (await CallAsync(app, "1234567890-7")).Queue);

        // Forwarded before any answer: handed on, not missed.
        await PostAsync(("event", "newCall"), ("direction", "in"), ("to", Company), ("from", Customer), ("call_id", "fwd-1"));
        await PostAsync(("event", "hangup"), ("direction", "in"), ("call_id", "fwd-1"), ("cause", "forwarded"));
        var forwarded = await CallAsync(app, "fwd-1");
        Assert.Equal(CallDisposition.Forwarded, forwarded.Disposition);
        Assert.False(forwarded.Missed);
    }

    [Fact]
    public async Task OutboundCall_AgentHangsUpWithCancel_IsStoredWithItsCause()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await pbx.PostAsync(url, Form(("event", "newCall"), ("direction", "out"), ("from", Company), ("to", Customer), ("call_id", "1234567890-1"), ("user", "user 1")))).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await pbx.PostAsync(url, Form(("event", "hangup"), ("direction", "out"), ("call_id", "1234567890-1"), ("cause", "cancel")))).StatusCode);

        var call = await CallAsync(app, "1234567890-1");
        Assert.Equal(CallDirection.Out, call.Direction);
        Assert.Equal("cancel", call.HangupCause);
        Assert.Equal("user 1", call.Agent);
        Assert.False(call.Missed);
        Assert.Equal(2, call.RingSeconds);
    }

    [Fact]
    public async Task CallIdAndCallUnderscoreId_BothGiven_CallIdWins()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);

        var response = await app.CreateClient().PostAsJsonAsync(url, new { @event = "newCall", direction = "in", from = Customer, to = Company, callId = "camel", call_id = "snake", user = new[] { "a", "b" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = await CallAsync(app, "camel");
        Assert.Equal("a, b", call.Agent);
        await using var db = app.Database.OpenContext();
        Assert.False(await db.Calls.AnyAsync(c => c.SourceId == "snake"));
    }

    [Fact]
    public async Task Import_AsteriskRowWhoseLastApplicationIsVoiceMail_CountsAsMissed()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "vm.csv");
        // Asterisk marks a call the voicemail took ANSWERED (VoiceMail answers the channel); no person handled it.
        await File.WriteAllTextAsync(file,
            "\"\",\"13800138000\",\"95528\",\"from-pstn\",\"\"\"王小明\"\" <13800138000>\",\"PJSIP/trunk-00000001\",\"\",\"VoiceMail\",\"1001@default\",\"2026-03-02 09:15:00\",\"2026-03-02 09:15:20\",\"2026-03-02 09:16:20\",80,60,\"ANSWERED\",\"DOCUMENTATION\",\"1772414100.9\",\"\"\n");

        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);

        await using var db = app.Database.OpenContext();
        var call = await db.Calls.AsNoTracking().SingleAsync();
        Assert.True(call.Missed);
        Assert.Null(call.AnsweredAt);
        Assert.Equal("voicemail", call.Agent);
    }

    /// <summary>The spec's "does basic call" outbound part: a routing table (41* and one exact number) and a default caller id.</summary>
    [Theory]
    [InlineData("4912347114711", "4930777000000")]  // outbound - I: no route, the line's default caller id
    [InlineData("491714000000", "41715880339000")]  // outbound - II: the explicit number
    [InlineData("4147110000000", "41715880339000")] // outbound - III: the 41* prefix
    public async Task OutboundNewCall_IsAnsweredWithZammadsDialAction(string destination, string callerId)
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "routes", "--set", "41*=41715880339000", "--set", "491714000000=41715880339000"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "outbound", Company, "--caller-id", "4930777000000"))).ExitCode);

        var response = await app.CreateClient().PostAsync(url, Form(
            ("event", "newCall"), ("direction", "out"), ("from", Company), ("to", destination), ("call_id", "8621106404543334274-3"), ("user", "user 1")));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dial", answer.GetProperty("action").GetString());
        Assert.Equal(destination, answer.GetProperty("number").GetString());
        Assert.Equal(callerId, answer.GetProperty("caller_id").GetString());
    }

    [Fact]
    public async Task OutboundNewCall_FromAnAgentsExtension_BelongsToTheDefaultOutboundLine()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();
        var refused = await pbx.PostAsync(url, Form(("event", "newCall"), ("direction", "out"), ("from", "1001"), ("to", Customer), ("call_id", "ext-1")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode); // no default outbound line yet
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "outbound", Company, "--default", "true"))).ExitCode);

        var response = await pbx.PostAsync(url, Form(("event", "newCall"), ("direction", "out"), ("from", "1001"), ("to", Customer), ("call_id", "ext-2")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Company, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caller_id").GetString()); // the 95 number itself
        var call = await CallAsync(app, "ext-2");
        Assert.Equal(Company, call.Line);
        Assert.Equal(CallDirection.Out, call.Direction);
        await using var db = app.Database.OpenContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.OutboundRoutesChanged));
    }

    [Fact]
    public async Task Lookup_ACallerWithCallsAComplaintAndABlock_IsDescribedWithoutTheNumberInClear()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();
        foreach (var id in new[] { "lk-1", "lk-2" })
        {
            await pbx.PostAsync(url, Form(("event", "newCall"), ("direction", "in"), ("from", "13800138000"), ("to", Company), ("call_id", id)));
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await pbx.PostAsync(url, Form(("event", "hangup"), ("direction", "in"), ("call_id", id), ("cause", "normalClearing")));
        }

        var supervisor = await app.LoginAsSupervisorAsync();
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync("/api/complaints", new { line = Company, summary = "账单", callerPhone = "13800138000" })).StatusCode);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.GetAsync("/api/cti/lookup?number=" + Uri.EscapeDataString("+86 138-0013-8000"));
        var body = await response.Content.ReadAsStringAsync();
        var lookup = JsonDocument.Parse(body).RootElement;
        var unknown = await (await agent.GetAsync("/api/cti/lookup?number=13999999999")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("138****8000", lookup.GetProperty("number").GetString());
        Assert.Equal(2, lookup.GetProperty("callsKept").GetInt32());
        Assert.Equal(JsonValueKind.Object, lookup.GetProperty("lastCall").ValueKind);
        Assert.Single(lookup.GetProperty("openComplaints").EnumerateArray());
        Assert.False(lookup.GetProperty("blocked").GetBoolean());
        Assert.DoesNotContain("13800138000", body);
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync("/api/blocklist", new { phone = "13800138000", reason = "骚扰电话" })).StatusCode);
        Assert.True((await (await agent.GetAsync("/api/cti/lookup?number=13800138000")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        Assert.Equal(0, unknown.GetProperty("callsKept").GetInt32());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("lastCall").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await agent.GetAsync("/api/cti/lookup?number=abc")).StatusCode);
    }

    [Fact]
    public async Task CallerLog_CallsInEachState_NewestFirstWithLiveStateAndMaskedNumbers()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var url = await CallStoreScenario.CtiUrlAsync(app);
        var pbx = app.CreateClient();
        async Task Post(params (string Key, string Value)[] fields)
        {
            Assert.Equal(HttpStatusCode.OK, (await pbx.PostAsync(url, Form(fields))).StatusCode);
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        await Post(("event", "newCall"), ("direction", "in"), ("from", "13800138001"), ("to", Company), ("call_id", "log-ended"));
        await Post(("event", "answer"), ("direction", "in"), ("call_id", "log-ended"), ("user[]", "王坐席"), ("answeringNumber", "8001"));
        await Post(("event", "hangup"), ("direction", "in"), ("call_id", "log-ended"), ("cause", "normalClearing"));
        await Post(("event", "newCall"), ("direction", "in"), ("from", "13800138002"), ("to", Company), ("call_id", "log-missed"));
        await Post(("event", "hangup"), ("direction", "in"), ("call_id", "log-missed"), ("cause", "cancel"));
        await Post(("event", "newCall"), ("direction", "in"), ("from", "13800138003"), ("to", Company), ("call_id", "log-answered"));
        await Post(("event", "answer"), ("direction", "in"), ("call_id", "log-answered"), ("user", "李坐席"));
        await Post(("event", "newCall"), ("direction", "in"), ("from", "13800138004"), ("to", Company), ("call_id", "log-ringing"));
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.GetAsync("/api/cti/log?limit=10");
        var body = await response.Content.ReadAsStringAsync();
        var entries = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        var tooMany = await agent.GetAsync("/api/cti/log?limit=5000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["138****8004 ringing", "138****8003 answered", "138****8002 ended", "138****8001 ended"],
            entries.Select(e => $"{e.GetProperty("number").GetString()} {e.GetProperty("state").GetString()}").ToList());
        Assert.True(entries[2].GetProperty("missed").GetBoolean());
        Assert.Equal("李坐席", entries[1].GetProperty("agent").GetString());
        Assert.Equal("normalClearing", entries[3].GetProperty("cause").GetString());
        Assert.DoesNotContain("1380013800", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
    }
}


public sealed class ZammadCtiReplayTestsOnSqlite() : ZammadCtiReplayTests(DatabaseKind.Sqlite);

public sealed class ZammadCtiReplayTestsOnPostgres() : ZammadCtiReplayTests(DatabaseKind.Postgres);
