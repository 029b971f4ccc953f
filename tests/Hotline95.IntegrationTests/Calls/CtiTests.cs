using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Calls;

public abstract class CtiTests(DatabaseKind kind)
{
    protected static async Task<(Hotline95AppFactory App, HttpClient Client, string Url)> StartAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        var created = await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "create", "--name", "pbx"));
        var token = created.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim();
        return (app, app.CreateClient(), $"/api/v1/cti/{token}");
    }

    protected static Task<List<CallRecord>> CallsAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.AsNoTracking().ToListAsync());

    [Fact]
    public async Task Post_WrongToken_Is401()
    {
        var (app, client, _) = await StartAsync(kind);
        await using var _app = app;

        var response = await client.PostAsJsonAsync("/api/v1/cti/h95_not-a-real-token", new { @event = "newCall", callId = "c1", from = "13800138000", to = "95528", direction = "in" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await CallsAsync(app));
    }

    [Fact]
    public async Task Post_UserApiKeyWithoutCtiPermission_Is401()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var created = await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "create", "--name", "crm", "--role", "Auditor"));
        var token = created.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim();

        var response = await app.CreateClient().PostAsJsonAsync($"/api/v1/cti/{token}", new { @event = "newCall", callId = "c1", from = "1", to = "95528", direction = "in" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_KeyRevokedByAnotherProcessAfterThisNodeRememberedIt_NextEventIs401AndWritesNothing()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;
        var newCall = new { @event = "newCall", callId = "r1", from = "13800138000", to = "95528", direction = "in" };
        // The node has authenticated the key several times (it answers from memory from the second event on).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(url, newCall)).StatusCode);
        }

        var remembered = app.Services.GetRequiredService<RememberedApiKeys>();
        Assert.Equal(1, remembered.Count);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        // Revoked as another node or the CLI does it: in the database only, this process's memory is not told.
        await using (var db = app.Database.OpenContext())
        {
            var now = app.Clock.GetUtcNow();
            Assert.Equal(1, await db.ApiKeys.Where(k => k.Name == "pbx").ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now)));
        }

        app.Clock.Advance(AuthenticateApiKeyHandler.LastUsedResolution * 2); // its last use is due: it must not be written now

        var hangup = await client.PostAsJsonAsync(url, new { @event = "hangup", callId = "r1", from = "13800138000", to = "95528", direction = "in", cause = "cancel" });
        var other = await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "r2", from = "13800138001", to = "95528", direction = "in" });

        Assert.Equal(HttpStatusCode.Unauthorized, hangup.StatusCode);
        Assert.Equal(ProcessCtiEventHandler.TokenInvalidCode, (await hangup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        var call = Assert.Single(await CallsAsync(app));
        Assert.Equal("r1", call.SourceId);
        Assert.Null(call.EndedAt);
        Assert.Equal(0, remembered.Count); // the writer refused it: forgotten, looked up afresh next time
        await using (var db = app.Database.OpenContext())
        {
            var key = await db.ApiKeys.SingleAsync(k => k.Name == "pbx");
            Assert.True(key.LastUsedAt < key.RevokedAt, $"last used {key.LastUsedAt} written after its revocation {key.RevokedAt}");
        }
    }

    [Fact]
    public async Task Batch_OneEventPerKeyOneKeyRevoked_OnlyTheValidKeysEventIsStored()
    {
        var (app, _, _) = await StartAsync(kind);
        await using var _app = app;
        await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "create", "--name", "old-pbx"));
        Guid enterprise, valid, revoked;
        await using (var db = app.Database.OpenContext())
        {
            var keys = await db.ApiKeys.ToListAsync();
            (enterprise, valid, revoked) = (keys[0].EnterpriseId, keys.Single(k => k.Name == "pbx").Id, keys.Single(k => k.Name == "old-pbx").Id);
            var now = app.Clock.GetUtcNow();
            await db.ApiKeys.Where(k => k.Id == revoked).ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now));
        }

        var results = await app.WithScopeAsync(sp => sp.GetRequiredService<ProcessCtiEventHandler>().HandleBatchAsync(
        [
            new CtiSubmission(enterprise, new CtiEvent("newCall", "m1", "13800138000", "95528", "in", null, null, null, null), revoked),
            new CtiSubmission(enterprise, new CtiEvent("newCall", "m2", "13800138001", "95528", "in", null, null, null, null), valid),
            new CtiSubmission(enterprise, new CtiEvent("hangup", "m2", "13800138001", "95528", "in", null, null, null, "cancel"), revoked),
        ]));

        Assert.Equal(ProcessCtiEventHandler.TokenInvalidCode, results[0].Error?.Code);
        Assert.True(results[1].IsSuccess);
        Assert.Equal(ProcessCtiEventHandler.TokenInvalidCode, results[2].Error?.Code);
        var call = Assert.Single(await CallsAsync(app));
        Assert.Equal("m2", call.SourceId);
        Assert.Null(call.EndedAt);
    }

    [Fact]
    public async Task Post_RememberedKeyUsedAgainAfterAMinute_LastUseWrittenAgain()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;
        async Task<DateTimeOffset?> LastUsedAsync()
        {
            await using var db = app.Database.OpenContext();
            return await db.ApiKeys.Where(k => k.Name == "pbx").Select(k => k.LastUsedAt).SingleAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "u1", from = "13800138000", to = "95528", direction = "in" })).StatusCode);
        var first = await LastUsedAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await client.PostAsJsonAsync(url, new { @event = "answer", callId = "u1", from = "13800138000", to = "95528", direction = "in", user = "1001" });
        var within = await LastUsedAsync();
        app.Clock.Advance(AuthenticateApiKeyHandler.LastUsedResolution);
        await client.PostAsJsonAsync(url, new { @event = "hangup", callId = "u1", from = "13800138000", to = "95528", direction = "in", cause = "normalClearing" });

        Assert.NotNull(first);
        Assert.Equal(first, within);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeMilliseconds(), (await LastUsedAsync())!.Value.ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// A fresh node's first burst: the requests that share the first lookup of the key write nothing themselves (each write
    /// had been a commit the whole burst waited for); exactly one of them is told to record the key's use, which its event's
    /// batch then does.
    /// </summary>
    [Fact]
    public async Task HandleRemembered_FirstBurstOnAFreshNode_WritesNothingAndOneRequestRecordsTheUse()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;
        var token = url["/api/v1/cti/".Length..];
        async Task<DateTimeOffset?> LastUsedAsync()
        {
            await using var db = app.Database.OpenContext();
            return await db.ApiKeys.Where(k => k.Name == "pbx").Select(k => k.LastUsedAt).SingleAsync();
        }

        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.WithScopeAsync(sp => sp.GetRequiredService<AuthenticateApiKeyHandler>().HandleRememberedAsync(token))));

        Assert.All(burst, k => Assert.Equal("pbx", k?.Key.Name));
        Assert.Single(burst, k => k!.UseDue);
        Assert.Null(await LastUsedAsync());
        var due = burst.Single(k => k!.UseDue)!.Key;
        var results = await app.WithScopeAsync(sp => sp.GetRequiredService<ProcessCtiEventHandler>().HandleBatchAsync(
            [new CtiSubmission(due.EnterpriseId, new CtiEvent("newCall", "b1", "13800138000", "95528", "in", null, null, null, null), due.KeyId, KeyUseDue: true)]));
        Assert.True(results[0].IsSuccess);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeMilliseconds(), (await LastUsedAsync())!.Value.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("""{"event":"newCall","from":"13800138000","to":"95528","direction":"in"}""", "callId")]
    [InlineData("""{"event":"ring","callId":"c1","from":"13800138000","to":"95528","direction":"in"}""", "event")]
    [InlineData("""{"event":"newCall","callId":"c1","from":"13800138000","to":"95528","direction":"sideways"}""", "direction")]
    [InlineData("""{"event":"newCall","callId":"c1","from":"13800138000","to":"95999","direction":"in"}""", "to")]
    public async Task Post_InvalidEvent_Is422NamingTheField(string body, string field)
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;

        var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task NewCall_Repeated_CreatesOneRecord()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;
        var newCall = new { @event = "newCall", callId = "c1", from = "13800138000", to = "95528", direction = "in", queue = "support" };

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(url, newCall)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(url, newCall)).StatusCode);

        Assert.Single(await CallsAsync(app));
    }

    [Fact]
    public async Task InboundCall_HangupWithoutAnswer_IsMissed()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;

        await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c2", from = "13800138000", to = "95528", direction = "in" });
        app.Clock.Advance(TimeSpan.FromSeconds(25));
        await client.PostAsJsonAsync(url, new { @event = "hangup", callId = "c2", from = "13800138000", to = "95528", direction = "in", cause = "cancel" });

        var call = Assert.Single(await CallsAsync(app));
        Assert.True(call.Missed);
        Assert.Equal(CallDisposition.Cancelled, call.Disposition);
        Assert.Equal(25, call.RingSeconds);
    }

    [Fact]
    public async Task AnsweredCall_FullSequence_RecordsAgentAndTalkTime()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;

        await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c3", from = "13800138000", to = "95528", direction = "in" });
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        await client.PostAsJsonAsync(url, new { @event = "answer", callId = "c3", from = "13800138000", to = "95528", direction = "in", user = "agent-wang", answeringNumber = "1001" });
        app.Clock.Advance(TimeSpan.FromSeconds(120));
        await client.PostAsJsonAsync(url, new { @event = "hangup", callId = "c3", from = "13800138000", to = "95528", direction = "in", cause = "normalClearing" });

        var call = Assert.Single(await CallsAsync(app));
        Assert.False(call.Missed);
        Assert.Equal(CallDisposition.Answered, call.Disposition);
        Assert.Equal("agent-wang", call.Agent);
        Assert.Equal(6, call.RingSeconds);
        Assert.Equal(120, call.TalkSeconds);
    }

    [Fact]
    public async Task Events_OutOfOrder_EndInOneCompleteRecord()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;

        await client.PostAsJsonAsync(url, new { @event = "answer", callId = "c4", from = "13800138000", to = "95528", direction = "in", user = "agent-li" });
        await client.PostAsJsonAsync(url, new { @event = "hangup", callId = "c4", from = "13800138000", to = "95528", direction = "in", cause = "normalClearing" });
        await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c4", from = "13800138000", to = "95528", direction = "in" });
        // An answer after its hangup is ignored, as Zammad ignores it: that call stays missed.
        await client.PostAsJsonAsync(url, new { @event = "hangup", callId = "c5", from = "13800138000", to = "95528", direction = "in", cause = "normalClearing" });
        await client.PostAsJsonAsync(url, new { @event = "answer", callId = "c5", from = "13800138000", to = "95528", direction = "in", user = "agent-li" });
        await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c5", from = "13800138000", to = "95528", direction = "in" });

        var calls = await CallsAsync(app);
        var call = calls.Single(c => c.SourceId == "c4");
        Assert.Equal("95528", call.Line);
        Assert.False(call.Missed);
        Assert.Equal(CallDisposition.Answered, call.Disposition);
        Assert.NotNull(call.CustomerNumberIndex);
        var late = calls.Single(c => c.SourceId == "c5");
        Assert.True(late.Missed);
        Assert.Null(late.AnsweredAt);
    }

    [Fact]
    public async Task NewCall_FormFields_AreAcceptedLikeJson()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;

        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "newCall", ["callId"] = "c5", ["from"] = "+86 138-0013-8000", ["to"] = "95528", ["direction"] = "in",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await CallsAsync(app));
    }

    [Fact]
    public async Task NewCall_FromBlockedNumber_AnswersRejectBusy()
    {
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;
        var supervisor = await app.LoginAsSupervisorAsync();
        var blocked = await supervisor.PostAsJsonAsync("/api/blocklist", new { phone = "13800138000", reason = "恶意骚扰" });
        Assert.Equal(HttpStatusCode.Created, blocked.StatusCode);

        var response = await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c6", from = "+8613800138000", to = "95528", direction = "in" });
        var other = await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c7", from = "13900139000", to = "95528", direction = "in" });

        Assert.Equal("""{"action":"reject","reason":"busy"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("{}", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NewCall_NumberBlockedAfterEarlierEvents_IsRejectedFromThenOn()
    {
        // The CTI writer keeps one handler across batches: the block list must still be read afresh for each batch.
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;
        var before = await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c8", from = "13800138000", to = "95528", direction = "in" });
        var supervisor = await app.LoginAsSupervisorAsync();
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync("/api/blocklist", new { phone = "13800138000", reason = "恶意骚扰" })).StatusCode);

        var after = await client.PostAsJsonAsync(url, new { @event = "newCall", callId = "c9", from = "13800138000", to = "95528", direction = "in" });

        Assert.Equal("{}", await before.Content.ReadAsStringAsync());
        Assert.Equal("""{"action":"reject","reason":"busy"}""", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Events_ManyCallsConcurrentlyAndOutOfOrder_EachCallStoredOnceAndComplete()
    {
        // Concurrent requests are committed together in batches; each call's three events may land in different
        // batches, in any order, and the day's roll-up must count each call exactly once.
        var (app, client, url) = await StartAsync(kind);
        await using var _app = app;
        const int calls = 60;
        var posts = Enumerable.Range(0, calls).SelectMany(i =>
        {
            var id = $"burst-{i}";
            var from = $"1390000{i:D4}";
            object[] events =
            [
                new { @event = "newCall", callId = id, from, to = "95528", direction = "in" },
                new { @event = "answer", callId = id, from, to = "95528", direction = "in", user = "1001" },
                new { @event = "hangup", callId = id, from, to = "95528", direction = "in", cause = "normalClearing" },
            ];
            return i % 2 == 0 ? events : events.Reverse();
        }).Select(body => client.PostAsJsonAsync(url, body));

        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await CallsAsync(app);
        Assert.Equal(calls, stored.Count);
        Assert.Equal(calls, stored.Select(c => c.SourceId).Distinct().Count());
        // Each call ends answered, or missed when its hangup arrived before its answer (which is then ignored).
        Assert.All(stored, c =>
        {
            Assert.True(c.Disposition == CallDisposition.Answered ? c.Agent == "1001" && !c.Missed : c.Missed && c.AnsweredAt is null, $"{c.SourceId}: {c.Disposition}");
            Assert.NotNull(c.CustomerNumberIndex);
            Assert.NotNull(c.EndedAt);
        });
        var days = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().DailyFigures.AsNoTracking().ToListAsync());
        Assert.Equal(calls, days.Sum(d => d.CallsIn));
        Assert.Equal(stored.Count(c => c.Disposition == CallDisposition.Answered), days.Sum(d => d.Answered));
        Assert.Equal(stored.Count(c => c.Missed), days.Sum(d => d.Missed));
    }

    [Fact]
    public async Task Blocklist_Agent_Gets403()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var agent = await app.LoginAsAgentAsync();

        var response = await agent.PostAsJsonAsync("/api/blocklist", new { phone = "13800138000", reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class CtiTestsOnSqlite() : CtiTests(DatabaseKind.Sqlite);

public sealed class CtiTestsOnPostgres() : CtiTests(DatabaseKind.Postgres)
{
    /// <summary>Until the two nodes' writers are both blocked in the test's database, so that both read before either wrote.</summary>
    private static async Task WaitUntilBothWritersWaitAsync(string connection, string where)
    {
        await using var watch = new Npgsql.NpgsqlConnection(connection);
        await watch.OpenAsync();
        await using var waiting = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0", watch);
        long blocked = 0;
        Assert.True(await Poll.UntilAsync(async () => (blocked = (long)(await waiting.ExecuteScalarAsync())!) == 2), $"{blocked} writers waited {where}, 2 expected: the test did not make them both read before either wrote");
    }

    /// <summary>A session of the test's own whose open transaction holds what <paramref name="sql"/> locks; rolling it back lets go.</summary>
    private static async Task<(Npgsql.NpgsqlConnection Session, Npgsql.NpgsqlTransaction Holding, object? Result)> HoldAsync(string connection, string sql)
    {
        var session = new Npgsql.NpgsqlConnection(connection);
        await session.OpenAsync();
        var holding = await session.BeginTransactionAsync();
        await using var hold = new Npgsql.NpgsqlCommand(sql, session, holding);
        return (session, holding, await hold.ExecuteScalarAsync());
    }

    /// <summary>
    /// The event that records its key's use while another session holds the key's row (another node's writer recording the
    /// same use, a revocation being written): the event is answered without waiting for that session, and stored. The use
    /// had been written by the request itself, which waited for the row as long as it was held.
    /// </summary>
    [Fact]
    public async Task Post_KeyUseDueWhileAnotherSessionHoldsTheKeyRow_AnsweredWithoutWaiting()
    {
        var (app, client, url) = await StartAsync(DatabaseKind.Postgres);
        await using var _app = app;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(url, new { @event = "newCall", call_id = "held1", from = "13800138000", to = "95528", direction = "in" })).StatusCode);
        app.Clock.Advance(AuthenticateApiKeyHandler.LastUsedResolution * 2); // the key's use is due again
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(app.Database.Target.ConnectionString) { Pooling = false }.ConnectionString;
        var (holder, holding, held) = await HoldAsync(connection, """SELECT 1 FROM api_keys WHERE "Name" = 'pbx' FOR UPDATE""");
        await using var _holder = holder;
        Assert.Equal(1, held);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var answered = await client.PostAsJsonAsync(url, new { @event = "newCall", call_id = "held2", from = "13800138001", to = "95528", direction = "in" }, patience.Token);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await holding.RollbackAsync();
        Assert.Equal(["held1", "held2"], (await CallsAsync(app)).Select(c => c.SourceId).Order().ToArray());
    }

    /// <summary>
    /// Two nodes both find no call and create it (node A gets its newCall, node B its answer at the same moment): a call has
    /// no unique key without its start time, which each node takes from its own clock (here 3 ms apart), so both rows went in
    /// and the call was stored and counted twice. A session locking the roll-ups lets both read before either writes, every time.
    /// </summary>
    [Fact]
    public async Task NewCallOnNodeAAndAnswerOnNodeBAtOnce_OneCallKeepsBoth()
    {
        var (a, client, url) = await StartAsync(DatabaseKind.Postgres);
        await using var _a = a;
        await using var b = await Hotline95AppFactory.StartNodeAsync(a);
        b.Clock.Advance(TimeSpan.FromMilliseconds(3)); // two machines' clocks: the same instant on both would meet the unique index
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(a.Database.Target.ConnectionString) { Pooling = false }.ConnectionString;
        var (holder, holding, _) = await HoldAsync(connection, "LOCK TABLE rollup_daily IN SHARE MODE"); // reads go on; every CTI batch's first write (its roll-ups) waits
        await using var _holder = holder;

        var newCall = client.PostAsJsonAsync(url, new { @event = "newCall", call_id = "twice", from = "13800138000", to = "95528", direction = "in" });
        var answer = b.CreateClient().PostAsJsonAsync(url, new { @event = "answer", call_id = "twice", user = "alice", from = "13800138000", to = "95528", direction = "in" });
        await WaitUntilBothWritersWaitAsync(connection, "on the locked roll-ups");

        await holding.RollbackAsync();
        Assert.Equal(HttpStatusCode.OK, (await newCall).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await answer).StatusCode);

        var call = Assert.Single(await CallsAsync(a));
        Assert.NotNull(call.AnsweredAt);
        Assert.Equal("alice", call.Agent);
        await using var db = a.Database.OpenContext();
        var counted = await db.Database.SqlQueryRaw<long>("""SELECT coalesce(sum("CallsIn"), 0) AS "Value" FROM rollup_daily""").SingleAsync();
        Assert.Equal(1, counted);
    }

    /// <summary>
    /// Two nodes apply events of one call at once (HAProxy spreads a PBX's requests): node A its answer, node B its hangup.
    /// Each writer reads the call before its transaction and writes the whole row back, so the one that commits second wrote
    /// the call as it was before the other's event: the answer or the hangup was lost, and the roll-ups counted the call
    /// twice or not at all. A session holding the call's row lets both read it before either writes, every time.
    /// </summary>
    [Fact]
    public async Task AnswerOnNodeAAndHangupOnNodeBAtOnce_BothKeptAndRollupsAgree()
    {
        var (a, client, url) = await StartAsync(DatabaseKind.Postgres);
        await using var _a = a;
        await using var b = await Hotline95AppFactory.StartNodeAsync(a);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(url, new { @event = "newCall", call_id = "race", from = "13800138000", to = "95528", direction = "in" })).StatusCode);

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(a.Database.Target.ConnectionString) { Pooling = false }.ConnectionString;
        var (holder, holding, held) = await HoldAsync(connection, """SELECT 1 FROM calls WHERE "SourceId" = 'race' FOR UPDATE""");
        await using var _holder = holder;
        Assert.Equal(1, held);

        var answer = client.PostAsJsonAsync(url, new { @event = "answer", call_id = "race", user = "alice", direction = "in" });
        var hangup = b.CreateClient().PostAsJsonAsync(url, new { @event = "hangup", call_id = "race", cause = "normalClearing", direction = "in" });
        await WaitUntilBothWritersWaitAsync(connection, "on the held call"); // the second behind the first, for the row's lock

        await holding.RollbackAsync();
        Assert.Equal(HttpStatusCode.OK, (await answer).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hangup).StatusCode);

        var call = Assert.Single(await CallsAsync(a));
        Assert.NotNull(call.AnsweredAt);
        Assert.NotNull(call.EndedAt);
        Assert.Equal("alice", call.Agent);
        Assert.Equal(CallDisposition.Answered, call.Disposition);
        Assert.False(call.Missed);
        await using var db = a.Database.OpenContext();
        var counted = await db.Database.SqlQueryRaw<long>("""SELECT coalesce(sum("CallsIn"), 0) * 100 + coalesce(sum("Answered"), 0) * 10 + coalesce(sum("Missed"), 0) AS "Value" FROM rollup_daily""").SingleAsync();
        Assert.Equal(110, counted); // one call in, answered once, missed never
    }

    /// <summary>
    /// Batches of two events on both nodes, each creating the same two calls (node A their newCalls, node B their answers):
    /// each batch takes both calls' creation locks, the one that waits finds the calls created when it gets them, and its
    /// events are applied again on a fresh read. A session holding the locks makes both batches read before either writes;
    /// events queued behind a held first batch make each node's second batch carry both calls. Each call must be stored once
    /// and keep both events, however the second batch was applied again (whole, or event by event).
    /// </summary>
    [Fact]
    public async Task TwoNewCallsInOneBatchOnEachNodeAtOnce_EachCallOnceWithBothEvents()
    {
        var (a, client, url) = await StartAsync(DatabaseKind.Postgres);
        await using var _a = a;
        await using var b = await Hotline95AppFactory.StartNodeAsync(a);
        b.Clock.Advance(TimeSpan.FromMilliseconds(3)); // two machines' clocks
        var clientB = b.CreateClient();
        var enterprise = (await a.WithScopeAsync(s => s.GetRequiredService<EnterpriseDirectory>().FindAsync(null))).Value.Id;
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(a.Database.Target.ConnectionString) { Pooling = false }.ConnectionString;
        await using var holder = new Npgsql.NpgsqlConnection(connection);
        await holder.OpenAsync();
        async Task LockAsync(bool take, params string[] callIds)
        {
            foreach (var id in callIds)
            {
                await using var command = new Npgsql.NpgsqlCommand(take ? "SELECT true FROM pg_advisory_lock($1, $2)" : "SELECT pg_advisory_unlock($1, $2)", holder);
                command.Parameters.Add(new() { Value = Core.Hosting.ClusterLocks.CtiCallCreation });
                command.Parameters.Add(new() { Value = Core.Hosting.ClusterLocks.Of(enterprise, id) });
                Assert.Equal(true, await command.ExecuteScalarAsync()); // taken, or released (false: it was not held)
            }
        }

        async Task UntilQueuedAsync(Hotline95AppFactory node, int events)
        {
            var queue = node.Services.GetRequiredService<CtiEventQueue>();
            await Poll.UntilAsync(() => queue.Waiting >= events);
            Assert.Equal(events, queue.Waiting);
        }

        Task<HttpResponseMessage> Post(HttpClient to, string @event, string id) => to.PostAsJsonAsync<object>(url, @event == "answer"
            ? new { @event, call_id = id, user = "alice", from = "13800138000", to = "95528", direction = "in" }
            : new { @event, call_id = id, from = "13800138000", to = "95528", direction = "in" }); // the agent comes with the answer only

        await LockAsync(take: true, "first-a", "first-b", "x", "y");
        var firstA = Post(client, "newCall", "first-a");
        var firstB = Post(clientB, "newCall", "first-b");
        await WaitUntilBothWritersWaitAsync(connection, "on their first calls"); // each writer busy with its first batch
        var queued = Task.WhenAll(Post(client, "newCall", "x"), Post(client, "newCall", "y"), Post(clientB, "answer", "x"), Post(clientB, "answer", "y"));
        await UntilQueuedAsync(a, 2); // behind the held batch: the next one carries both
        await UntilQueuedAsync(b, 2);

        await LockAsync(take: false, "first-a", "first-b");
        Assert.Equal(HttpStatusCode.OK, (await firstA).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await firstB).StatusCode);
        await WaitUntilBothWritersWaitAsync(connection, "on calls x and y"); // both second batches read, neither wrote
        await LockAsync(take: false, "x", "y");
        var behind = await queued;

        Assert.All(behind, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var calls = await CallsAsync(a);
        Assert.Equal(["first-a", "first-b", "x", "y"], calls.Select(c => c.SourceId).Order(StringComparer.Ordinal));
        Assert.All(calls.Where(c => c.SourceId is "x" or "y"), c => Assert.True(c.AnsweredAt is not null && c.Agent == "alice", $"{c.SourceId} lost its answer"));
        await using var db = a.Database.OpenContext();
        var counted = await db.Database.SqlQueryRaw<long>("""SELECT coalesce(sum("CallsIn"), 0) * 10 + coalesce(sum("Answered"), 0) AS "Value" FROM rollup_daily""").SingleAsync();
        Assert.Equal(42, counted); // four calls in, two answered
    }

    [Fact]
    public async Task CallLookup_MonthPartitionAnalysedWhileEmpty_LooksEachCallIdUpInTheIndexInsteadOfScanningTheMonth()
    {
        await using var app = await CallStoreScenario.StartAsync(DatabaseKind.Postgres);
        var enterprise = (await app.WithScopeAsync(s => s.GetRequiredService<EnterpriseDirectory>().FindAsync(null))).Value.Id;
        await using var db = app.Database.OpenContext();
        await db.Database.OpenConnectionAsync();
        var now = app.Clock.GetUtcNow();
        await CallPartitions.EnsureAsync(db, now);
        var partition = CallPartitions.NameOf(Core.Security.KeyRing.MonthOf(now));
        // The statistics of a month's new partition: taken while it was empty, then the month's calls arrive.
#pragma warning disable EF1002 // the partition name is ours, not input
        await db.Database.ExecuteSqlRawAsync($"ALTER TABLE {partition} SET (autovacuum_enabled = false); ANALYZE {partition};");
#pragma warning restore EF1002
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO calls ("EnterpriseId", "Line", "Direction", "StartedAt", "RingSeconds", "TalkSeconds", "Disposition", "Missed", "SourceSystem", "SourceId", "CreatedAt")
            SELECT {enterprise}, '95528', 'In', {now}, 0, 0, 'Answered', false, 'cti', 'call-' || i, {now} FROM generate_series(1, 3000) AS i
            """);

        await using var explain = db.Database.GetDbConnection().CreateCommand();
        explain.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + CtiStore.FindManySql;
        explain.Parameters.Add(new Npgsql.NpgsqlParameter("p0", enterprise));
        explain.Parameters.Add(new Npgsql.NpgsqlParameter("p1", new[] { "call-7", "call-2999", "no-such-call" }));
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        var nodes = new List<JsonElement>();
        void Walk(JsonElement node)
        {
            nodes.Add(node);
            foreach (var child in node.TryGetProperty("Plans", out var plans) ? plans.EnumerateArray() : default)
            {
                Walk(child);
            }
        }

        Walk(plan.RootElement[0].GetProperty("Plan"));

        Assert.Equal(2, plan.RootElement[0].GetProperty("Plan").GetProperty("Actual Rows").GetInt32());
        Assert.Contains(nodes, n => n.TryGetProperty("Index Cond", out var cond) && cond.GetString()!.Contains("\"SourceId\"", StringComparison.Ordinal));
        Assert.All(nodes, n => Assert.Equal(0, n.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetInt32() : 0));
    }
}
