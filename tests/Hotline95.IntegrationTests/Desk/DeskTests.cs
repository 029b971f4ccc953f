using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.Core.Desk;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Desk;

/// <summary>
/// The live desk end to end over HTTP: CTI events in (Zammad's form shape), server-sent events out, through the desk events
/// table; who gets which call, catching up with Last-Event-ID, and what the stream holds while idle.
/// </summary>
public abstract class DeskTests(DatabaseKind kind)
{
    protected const string Line = "95528";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(800);

    protected sealed record Setup(Hotline95AppFactory App, string CtiUrl, HttpClient Alice, HttpClient Bob, string AlicePassword);

    /// <summary>Line 95528, a PBX key, and two agents: alice (PBX name alice, extension 1001) and bob (extension 1002), signed in.</summary>
    protected static async Task<Setup> StartAsync(DatabaseKind kind, Action<WebApplicationBuilder>? configure = null)
    {
        var app = await Hotline95AppFactory.StartAsync(kind, configure: configure);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", Line, "--name", "信用卡客服热线"))).ExitCode);
        var created = await CliRunner.RunAsync(CliRunner.On(app.Database, "apikey", "create", "--name", "pbx"));
        var url = $"/api/v1/cti/{created.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim()}";
        var (alice, alicePassword) = await app.CreateUserAsync(Role.Agent, "alice");
        var (bob, bobPassword) = await app.CreateUserAsync(Role.Agent, "bob");
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", alice, "--pbx-name", "alice", "--extension", "1001"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "users", "set-telephony", bob, "--extension", "1002"))).ExitCode);
        return new Setup(app, url, await app.LoginAsync(alice, alicePassword), await app.LoginAsync(bob, bobPassword), alicePassword);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    /// <summary>A CTI event as a Zammad-configured PBX posts it: form fields, the agents as repeated user[].</summary>
    private static async Task PostAsync(HttpClient pbx, string url, params (string Name, string Value)[] fields)
    {
        var response = await pbx.PostAsync(url, Form(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    protected static Task NewCallAsync(Setup s, string callId, string from = "13800138000", params (string Name, string Value)[] extra) =>
        PostAsync(s.App.CreateClient(), s.CtiUrl, [("event", "newCall"), ("from", from), ("to", Line), ("direction", "in"), ("call_id", callId), .. extra]);

    [Fact]
    public async Task NewCall_NamingAUser_ReachesThatUsersDeskAndNoOther()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await using var alice = await DeskStream.OpenAsync(s.Alice);
        await using var bob = await DeskStream.OpenAsync(s.Bob);

        await NewCallAsync(s, "c-alice", extra: ("user[]", "alice"));
        var ringing = await alice.NextAsync();
        await NewCallAsync(s, "c-bob", extra: ("answeringNumber", "1002"));
        var bobsFirst = await bob.NextAsync();

        Assert.Equal("desk", ringing.Event);
        Assert.Equal("Ringing", ringing.Kind);
        Assert.Equal("c-alice", ringing.CtiCallId);
        Assert.Equal(Line, ringing.Data.GetProperty("line").GetString());
        Assert.Equal("In", ringing.Data.GetProperty("direction").GetString());
        Assert.Equal("138****8000", ringing.Data.GetProperty("caller").GetString());
        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(await db.Calls.Where(c => c.SourceId == "c-alice").Select(c => c.Id).SingleAsync(), ringing.Data.GetProperty("callId").GetInt64());
            Assert.Equal(ringing.Id, await db.DeskEvents.Where(e => e.CtiCallId == "c-alice").Select(e => e.Id).SingleAsync());
        }

        // Bob was not named by the first call: the first event he gets is the call naming his extension.
        Assert.Equal("c-bob", bobsFirst.CtiCallId);
        Assert.Null(await alice.NextAsync(Quiet));
    }

    [Fact]
    public async Task NewCall_NamingSeveralUsers_ReachesEachOfThem()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await using var alice = await DeskStream.OpenAsync(s.Alice);
        await using var bob = await DeskStream.OpenAsync(s.Bob);

        await NewCallAsync(s, "c-both", extra: [("user[]", "ALICE"), ("user[]", "1002")]);

        Assert.Equal("c-both", (await alice.NextAsync()).CtiCallId);
        Assert.Equal("c-both", (await bob.NextAsync()).CtiCallId);
    }

    [Fact]
    public async Task NewCall_NamingNobody_ReachesEveryDeskOfTheEnterpriseButNoOtherEnterprise()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        var (carol, otherUrl) = await OtherEnterpriseAsync(app);
        await using var alice = await DeskStream.OpenAsync(s.Alice);
        await using var bob = await DeskStream.OpenAsync(s.Bob);
        await using var stranger = await DeskStream.OpenAsync(carol);

        await NewCallAsync(s, "c-all");
        // A name nobody here has is naming nobody: the call still reaches every desk.
        await NewCallAsync(s, "c-unknown-agent", extra: ("user[]", "dave"));
        await PostAsync(app.CreateClient(), otherUrl, ("event", "newCall"), ("from", "13900139000"), ("to", "95566"), ("direction", "in"), ("call_id", "c-other"));

        Assert.Equal(["c-all", "c-unknown-agent"], [(await alice.NextAsync()).CtiCallId, (await alice.NextAsync()).CtiCallId]);
        Assert.Equal(["c-all", "c-unknown-agent"], [(await bob.NextAsync()).CtiCallId, (await bob.NextAsync()).CtiCallId]);
        // The other enterprise's agent gets its own call first: none of ours ever reached it.
        var strangersFirst = await stranger.NextAsync();
        Assert.Equal("c-other", strangersFirst.CtiCallId);
        Assert.Equal("95566", strangersFirst.Data.GetProperty("line").GetString());
        Assert.Null(await alice.NextAsync(Quiet));
        Assert.Null(await stranger.NextAsync(Quiet));
    }

    [Fact]
    public async Task AnswerAndHangup_TellTheDesksWhoAnsweredAndThatItEnded()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await using var bob = await DeskStream.OpenAsync(s.Bob);

        await NewCallAsync(s, "c1", extra: ("user[]", "1002"));
        await PostAsync(app.CreateClient(), s.CtiUrl, ("event", "answer"), ("call_id", "c1"), ("direction", "in"), ("user", "1002"), ("answeringNumber", "1002"));
        await PostAsync(app.CreateClient(), s.CtiUrl, ("event", "answer"), ("call_id", "c1"), ("direction", "in"), ("user", "1002")); // repeated: nothing new
        await PostAsync(app.CreateClient(), s.CtiUrl, ("event", "hangup"), ("call_id", "c1"), ("direction", "in"), ("cause", "normalClearing"));
        await NewCallAsync(s, "c1", extra: ("user[]", "1002")); // a repeated newCall rings nobody again

        var events = new[] { await bob.NextAsync(), await bob.NextAsync(), await bob.NextAsync() };
        Assert.Equal(["Ringing", "Answered", "Ended"], events.Select(e => e.Kind));
        Assert.Equal("1002", events[1].Data.GetProperty("agent").GetString());
        Assert.Equal(JsonValueKind.Null, events[2].Data.GetProperty("caller").ValueKind);
        Assert.All(events, e => Assert.Equal(events[0].Data.GetProperty("callId").GetInt64(), e.Data.GetProperty("callId").GetInt64()));
        Assert.True(events[0].Id < events[1].Id && events[1].Id < events[2].Id);
        Assert.Null(await bob.NextAsync(Quiet));
    }

    [Fact]
    public async Task BlockedCaller_RingsNoDesk()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        var supervisor = await app.LoginAsSupervisorAsync();
        Assert.True((await supervisor.PostAsJsonAsync("/api/blocklist", new { phone = "13700137000", reason = "骚扰电话" })).IsSuccessStatusCode);
        await using var alice = await DeskStream.OpenAsync(s.Alice);

        await NewCallAsync(s, "c-blocked", from: "13700137000", extra: ("user[]", "alice"));
        await NewCallAsync(s, "c-next", extra: ("user[]", "alice"));

        Assert.Equal("c-next", (await alice.NextAsync()).CtiCallId);
    }

    [Fact]
    public async Task Reconnect_WithLastEventId_SendsWhatWasMissedOnlyInOrder()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        long seen;
        await using (var first = await DeskStream.OpenAsync(s.Alice))
        {
            await NewCallAsync(s, "c1", extra: ("user[]", "alice"));
            seen = (await first.NextAsync()).Id!.Value;
        }

        // While the desk is away: a call for bob only, a call for alice, and c1 ends (every desk hears it).
        await NewCallAsync(s, "c2", extra: ("user[]", "1002"));
        await NewCallAsync(s, "c3", extra: ("user[]", "alice"));
        await PostAsync(app.CreateClient(), s.CtiUrl, ("event", "hangup"), ("call_id", "c1"), ("direction", "in"), ("cause", "cancel"));
        await using var again = await DeskStream.OpenAsync(s.Alice, lastEventId: seen);
        var missed = new[] { await again.NextAsync(), await again.NextAsync() };
        await NewCallAsync(s, "c4", extra: ("user[]", "alice"));
        var live = await again.NextAsync();

        Assert.Equal([("c3", "Ringing"), ("c1", "Ended")], missed.Select(e => (e.CtiCallId, e.Kind)));
        Assert.True(missed[0].Id > seen);
        Assert.Equal("c4", live.CtiCallId); // then live again, without repeating the catch-up
        Assert.Null(await again.NextAsync(Quiet));
    }

    [Fact]
    public async Task Connect_Afresh_SendsTheRecentCallsOnlyAndTheRetryInterval()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await NewCallAsync(s, "c-old", extra: ("user[]", "alice"));
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await NewCallAsync(s, "c-recent", extra: ("user[]", "alice"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await using var desk = await DeskStream.OpenAsync(s.Alice);
        var first = await desk.NextAsync();

        Assert.Equal("c-recent", first.CtiCallId); // within the last 15 minutes; c-old is not
        Assert.Null(await desk.NextAsync(Quiet));
        Assert.Equal(1000, desk.Retry);
    }

    [Fact]
    public async Task EventWrittenWithoutNotification_ReachesTheDeskByThePoll()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await using var alice = await DeskStream.OpenAsync(s.Alice);
        var enterpriseId = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<EnterpriseDirectory>().FindAsync(null)).Value.Id);

        // Written behind the CTI writer's back: nothing notifies any node (no pg_notify), only the table has it.
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var db = app.Database.OpenContext())
        {
            db.DeskEvents.Add(new DeskEvent
            {
                EnterpriseId = enterpriseId, Kind = DeskEventKind.Ringing, CallId = 42, CtiCallId = "elsewhere", Line = Line, Direction = CallDirection.In,
                Caller = "139****9000", At = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var e = await alice.NextAsync(TimeSpan.FromSeconds(5));
        TestContext.Current.TestOutputHelper?.WriteLine($"written without notification → on the desk stream: {started.ElapsedMilliseconds} ms");

        // The poll is the only way on SQLite (250 ms); on PostgreSQL it is the listener's fallback (2 s).
        var options = new DeskOptions();
        var poll = kind == DatabaseKind.Postgres ? options.ListeningPollInterval : options.PollInterval;
        Assert.NotNull(e);
        Assert.Equal("elsewhere", e.CtiCallId);
        Assert.True(started.Elapsed < poll + TimeSpan.FromSeconds(1.25), $"arrived after {started.ElapsedMilliseconds} ms (poll interval {poll.TotalMilliseconds} ms)");
    }

    [Fact]
    public async Task EventsCommittedOutOfIdOrder_AreEachDeliveredOnce()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await using var alice = await DeskStream.OpenAsync(s.Alice);
        var enterpriseId = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<EnterpriseDirectory>().FindAsync(null)).Value.Id);
        async Task WriteAsync(long id, string callId)
        {
            // As two nodes' transactions can commit: the later id first.
            await using var db = app.Database.OpenContext();
            db.DeskEvents.Add(new DeskEvent
            {
                Id = id, EnterpriseId = enterpriseId, Kind = DeskEventKind.Ringing, CallId = id, CtiCallId = callId, Line = Line, Direction = CallDirection.In,
                At = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        await WriteAsync(1002, "second");
        var first = await alice.NextAsync();
        await WriteAsync(1001, "first");
        var late = await alice.NextAsync();

        Assert.Equal("second", first.CtiCallId);
        Assert.Equal("first", late.CtiCallId);
        Assert.Null(await alice.NextAsync(Quiet));
    }

    [Fact]
    public async Task GapBelowMoreThanOneReadOfEvents_NewEventStillArrivesWithinASecond()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await using var alice = await DeskStream.OpenAsync(s.Alice);
        var enterpriseId = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<EnterpriseDirectory>().FindAsync(null)).Value.Id);
        DeskEvent Event(long id, string callId, string? recipients) => new()
        {
            Id = id, EnterpriseId = enterpriseId, Kind = DeskEventKind.Ringing, CallId = id, CtiCallId = callId, Line = Line, Direction = CallDirection.In,
            Recipients = recipients, At = app.Clock.GetUtcNow(),
        };

        // Id 5000 never commits (a rolled-back batch, the start-up rehearsal); 1,200 events above it are for another user.
        await using (var db = app.Database.OpenContext())
        {
            db.DeskEvents.AddRange(Enumerable.Range(0, 1200).Select(i => Event(5001 + i, $"other-{i}", DeskRecipients.Format([Guid.NewGuid()]))));
            await db.SaveChangesAsync();
        }

        await Task.Delay(600); // the feed reads them (none is alice's)
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var db = app.Database.OpenContext())
        {
            db.DeskEvents.Add(Event(6300, "for-alice", null));
            await db.SaveChangesAsync();
        }

        app.Services.GetRequiredService<DeskFeed>().Notify(); // as the CTI writer tells its own node's feed after its commit

        var arrived = await alice.NextAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("for-alice", arrived?.CtiCallId);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1.5), $"arrived after {started.ElapsedMilliseconds} ms behind a gap (poll interval 250 ms)");
    }

    [Fact]
    public async Task Stream_IsAnEventStreamWithTheSecurityHeadersAndHoldsNoConnectionWhileIdle()
    {
        var connections = new OpenConnections();
        var s = await StartAsync(kind, b => b.Services.ConfigureDbContext<Hotline95DbContext>(o => o.AddInterceptors(connections)));
        await using var app = s.App;
        var streams = new List<DeskStream>();
        connections.Reset(); // from here on: what the six streams open, and keep open
        for (var i = 0; i < 6; i++)
        {
            streams.Add(await DeskStream.OpenAsync(i % 2 == 0 ? s.Alice : s.Bob));
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1)); // six idle streams, the feed polling meanwhile
            var open = new List<int>();
            for (var i = 0; i < 10; i++)
            {
                open.Add(connections.Open);
                await Task.Delay(100);
            }

            var response = streams[0].Response;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
            Assert.True(response.Headers.Contains("Content-Security-Policy"));
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(connections.Opened >= 12, $"{connections.Opened} connections opened: the counter must see the streams' (sign-in check, catch-up) and the feed's");
            // Open at once while idle: at most the feed's poll, never one per stream.
            Assert.True(open.Max() <= 1, $"{open.Max()} connections open while six streams were idle: {connections.Holders}");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Stream_QuietForAHeartbeat_SendsACommentAndEndsAfterItsLifetime()
    {
        var s = await StartAsync(kind, b =>
        {
            b.Configuration["Desk:Heartbeat"] = "00:00:01";
            b.Configuration["Desk:StreamLifetime"] = "00:00:03";
        });
        await using var app = s.App;
        await using var desk = await DeskStream.OpenAsync(s.Alice);

        Assert.True(await desk.EndsWithinAsync(TimeSpan.FromSeconds(8)), "the stream did not end after its lifetime");
        Assert.InRange(desk.Comments, 1, 4);
        Assert.Equal(0, app.Services.GetRequiredService<DeskFeed>().Connected);
    }

    [Fact]
    public async Task Stream_UserDisabledWhileConnected_EndsAtTheNextHeartbeat()
    {
        var s = await StartAsync(kind, b => b.Configuration["Desk:Heartbeat"] = "00:00:01");
        await using var app = s.App;
        await using var desk = await DeskStream.OpenAsync(s.Alice);
        Assert.False(await desk.EndsWithinAsync(TimeSpan.FromSeconds(2)), "the stream ended before anything changed");

        // Disabled in the database, as another node does it: the stream's own node is not told.
        await using (var db = app.Database.OpenContext())
        {
            var now = app.Clock.GetUtcNow();
            Assert.Equal(1, await db.Users.Where(u => u.UserName.StartsWith("alice")).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, now)));
        }

        Assert.True(await desk.EndsWithinAsync(TimeSpan.FromSeconds(4)), "a disabled user's stream went on");
    }

    [Fact]
    public async Task Stream_ApiKeyOrRoleWithoutTheDesk_IsRefused()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        var agentKey = await app.CreateApiKeyClientAsync(Role.Agent);
        var admin = await app.LoginAsAdminAsync();

        var key = await agentKey.GetAsync("/api/desk/events");
        var problem = await key.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);
        Assert.Equal("DESK_PEOPLE_ONLY", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/desk/events")).StatusCode); // admins do not take calls
        Assert.False((await admin.GetAsync("/desk")).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Alice.GetAsync("/desk")).StatusCode);
    }

    [Fact]
    public async Task DeskCall_LooksUpTheCallerLeavingThisCallOut()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await NewCallAsync(s, "earlier");
        await PostAsync(app.CreateClient(), s.CtiUrl, ("event", "hangup"), ("call_id", "earlier"), ("direction", "in"), ("cause", "cancel"));
        app.Clock.Advance(TimeSpan.FromHours(2));
        var earlierId = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.Where(c => c.SourceId == "earlier").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Created, (await s.Alice.PostAsJsonAsync("/api/tickets", new { callId = earlierId, note = "账单疑问" })).StatusCode);
        await using var desk = await DeskStream.OpenAsync(s.Alice);
        await NewCallAsync(s, "now", from: "+86 138-0013-8000", extra: ("user[]", "alice"));
        var callId = (await desk.NextAsync()).Data.GetProperty("callId").GetInt64();
        await NewCallAsync(s, "withheld", from: "", extra: ("user[]", "alice"));
        var withheldId = (await desk.NextAsync()).Data.GetProperty("callId").GetInt64();
        var (carol, _) = await OtherEnterpriseAsync(app);

        var found = await s.Alice.GetFromJsonAsync<JsonElement>($"/api/desk/calls/{callId}");
        var withheld = await s.Alice.GetFromJsonAsync<JsonElement>($"/api/desk/calls/{withheldId}");
        var stranger = await carol.GetAsync($"/api/desk/calls/{callId}");

        var lookup = found.GetProperty("lookup");
        Assert.Equal(callId, found.GetProperty("call").GetProperty("id").GetInt64());
        Assert.Equal("138****8000", found.GetProperty("call").GetProperty("customer").GetString());
        Assert.Equal("138****8000", lookup.GetProperty("number").GetString());
        Assert.Equal(1, lookup.GetProperty("callsKept").GetInt32());
        Assert.Equal(earlierId, lookup.GetProperty("lastCall").GetProperty("id").GetInt64());
        Assert.Single(lookup.GetProperty("openTickets").EnumerateArray());
        Assert.Empty(lookup.GetProperty("openComplaints").EnumerateArray());
        Assert.False(lookup.GetProperty("blocked").GetBoolean());
        Assert.DoesNotContain("13800138000", found.GetRawText());
        Assert.Equal(JsonValueKind.Null, withheld.GetProperty("lookup").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task Prune_DeletesDeskEventsOlderThanADay()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;
        await NewCallAsync(s, "old");
        app.Clock.Advance(TimeSpan.FromHours(23));
        await NewCallAsync(s, "young");
        app.Clock.Advance(TimeSpan.FromHours(2));

        var pruned = await app.WithScopeAsync(sp => sp.GetRequiredService<DeskEventsHandler>().PruneAsync());

        Assert.Equal(1, pruned);
        await using var db = app.Database.OpenContext();
        Assert.Equal(["young"], await db.DeskEvents.Select(e => e.CtiCallId).ToListAsync());
    }

    [Fact]
    public async Task DeskEvents_NeverHoldTheCallersNumberInClear()
    {
        var s = await StartAsync(kind);
        await using var app = s.App;

        await NewCallAsync(s, "c1", from: "13800138000");

        await using var db = app.Database.OpenContext();
        var row = await db.DeskEvents.SingleAsync();
        Assert.Equal("138****8000", row.Caller);
        Assert.DoesNotContain("13800138000", JsonSerializer.Serialize(row));
    }

    /// <summary>Enterprise other-bank with line 95566, a PBX key and agent carol (signed in).</summary>
    private static async Task<(HttpClient Carol, string CtiUrl)> OtherEnterpriseAsync(Hotline95AppFactory app)
    {
        var (password, key) = await app.WithScopeAsync(async sp =>
        {
            var other = await sp.GetRequiredService<EnterpriseDirectory>().EnsureAsync("other-bank", "另一家银行");
            await sp.GetRequiredService<AddLineHandler>().HandleAsync(new AddLineRequest(other.Id, "95566", "另一条热线", "test"));
            var added = await sp.GetRequiredService<AddUserHandler>().HandleAsync(new AddUserRequest(other.Id, "carol", null, "Agent", "test"));
            var created = await sp.GetRequiredService<CreateApiKeyHandler>().HandleAsync(new CreateApiKeyRequest(other.Id, "pbx", null, "test"));
            return (added.Value.Password, created.Value.Key);
        });
        return (await app.LoginAsync("carol", password), $"/api/v1/cti/{key}");
    }

    /// <summary>
    /// The database connections the app opens (through EF) from <see cref="Reset"/> on, and those of them still open: connections
    /// opened before it (start-up's) are not counted.
    /// </summary>
    private sealed class OpenConnections : DbConnectionInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<DbConnection, string> _open = new();
        private readonly Lock _lock = new();
        private int _opened;

        public int Open => _open.Count;
        public int Opened => Volatile.Read(ref _opened);
        /// <summary>Where each connection still open was opened.</summary>
        public string Holders => string.Join("\n-----\n", _open.Values);

        public void Reset()
        {
            lock (_lock)
            {
                _open.Clear();
                _opened = 0;
            }
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Track(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Track(connection);
            return Task.CompletedTask;
        }

        public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => _open.TryRemove(connection, out _);

        public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
        {
            _open.TryRemove(connection, out _);
            return Task.CompletedTask;
        }

        private void Track(DbConnection connection)
        {
            lock (_lock)
            {
                _open[connection] = Environment.StackTrace;
                _opened++;
            }
        }
    }
}

public sealed class DeskTestsOnSqlite() : DeskTests(DatabaseKind.Sqlite);

/// <summary>Several nodes on one PostgreSQL database: the CTI writer's NOTIFY reaches every node's desks at once.</summary>
public sealed class DeskTestsOnPostgres() : DeskTests(DatabaseKind.Postgres)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task NewCallPostedToNodeA_ReachesADeskStreamOnNodeBWithinASecond()
    {
        var s = await StartAsync(DatabaseKind.Postgres);
        await using var a = s.App;
        await using var b = await Hotline95AppFactory.StartNodeAsync(a);
        var aliceOnB = await b.LoginAsync("alice", s.AlicePassword);
        await using var desk = await DeskStream.OpenAsync(aliceOnB);
        await WaitUntilListeningAsync(b);

        // Node A's poll cannot help node B: each feed reads only for its own desks, so B hears of it by notification or its fallback poll.
        var started = System.Diagnostics.Stopwatch.StartNew();
        await NewCallAsync(s, "via-a", extra: ("user[]", "alice"));
        var e = await desk.NextAsync(TimeSpan.FromSeconds(5));
        TestContext.Current.TestOutputHelper?.WriteLine($"newCall posted to node A → on node B's desk stream: {started.ElapsedMilliseconds} ms");

        Assert.NotNull(e);
        Assert.Equal("via-a", e.CtiCallId);
        Assert.Equal("Ringing", e.Kind);
        Assert.True(started.Elapsed < Second, $"arrived after {started.ElapsedMilliseconds} ms (the fallback poll is {new DeskOptions().ListeningPollInterval.TotalMilliseconds} ms)");
    }

    [Fact]
    public async Task ListenerSessionKilled_ListensAgainAndNotificationsArriveAtOnce()
    {
        var s = await StartAsync(DatabaseKind.Postgres);
        await using var a = s.App;
        await using var b = await Hotline95AppFactory.StartNodeAsync(a);
        var aliceOnB = await b.LoginAsync("alice", s.AlicePassword);
        await using var desk = await DeskStream.OpenAsync(aliceOnB);
        var feed = await WaitUntilListeningAsync(b);

        // The database ends the listeners' sessions (a failover, a cut connection) without a goodbye.
        await KillListenersAsync(a);
        await NewCallAsync(s, "during-outage", extra: ("user[]", "alice"));
        var during = await desk.NextAsync(TimeSpan.FromSeconds(5)); // the short poll while the listener is down, or the listener already back
        await WaitUntilListeningAsync(b);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await NewCallAsync(s, "after-outage", extra: ("user[]", "alice"));
        var after = await desk.NextAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("during-outage", during?.CtiCallId);
        Assert.True(feed.Listening);
        Assert.Equal("after-outage", after?.CtiCallId);
        Assert.True(started.Elapsed < Second, $"arrived after {started.ElapsedMilliseconds} ms once listening again");
    }

    /// <summary>
    /// PostgreSQL holds one lock for the whole cluster from a notifying transaction's commit until that commit is flushed and
    /// replicated. Here another session holds it for as long as the test wants: it writes, notifies and commits with
    /// <c>synchronous_commit = on</c> on a server whose synchronous standby never connects (test.sh starts it so). A CTI event
    /// is still answered, because its transaction notifies nobody, and node B's desk hears of it as soon as the lock is free
    /// (node B polls only every 30 s here, so only the notification can bring it).
    /// When the writer notified inside its transaction, its commit waited out the other's (issue 18 point 5: two nodes' writers
    /// took turns at the disk and the standby).
    /// </summary>
    [Fact]
    public async Task NotifyLockHeldByAnotherCommit_CtiEventAnsweredAndDeskToldOnceFree()
    {
        var s = await StartAsync(DatabaseKind.Postgres);
        await using var a = s.App;
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(a.Database.Target.ConnectionString) { Pooling = false, ApplicationName = "notify-lock-holder" }.ConnectionString;
        await using (var check = new Npgsql.NpgsqlConnection(connection))
        {
            await check.OpenAsync();
            await using var show = new Npgsql.NpgsqlCommand("SELECT current_setting('synchronous_standby_names'), current_setting('synchronous_commit')", check);
            await using var settings = await show.ExecuteReaderAsync();
            await settings.ReadAsync();
            if (settings.GetString(0).Length == 0 || settings.GetString(1) is not ("off" or "local"))
            {
                Assert.Skip("Needs a PostgreSQL server whose synchronous_standby_names names a standby that never connects, with synchronous_commit off or local by default (./test.sh starts one so).");
            }
        }

        await using var b = await Hotline95AppFactory.StartNodeAsync(a, configure: x => x.Configuration["Desk:ListeningPollInterval"] = "00:00:30");
        var aliceOnB = await b.LoginAsync("alice", s.AlicePassword);
        await using var desk = await DeskStream.OpenAsync(aliceOnB);
        await WaitUntilListeningAsync(b);

        await using var holder = new Npgsql.NpgsqlConnection(connection);
        await holder.OpenAsync();
        var holderPid = holder.ProcessID;
        // A transaction that writes (a table made) and notifies: its commit is flushed and waits for the standby.
        // statement_timeout: the wait ends by itself (committed locally) should the cancel below miss it.
        await using (var notify = new Npgsql.NpgsqlCommand("SET synchronous_commit = on; SET statement_timeout = '30s'; BEGIN; CREATE TABLE notify_lock_holder (x int); NOTIFY hotline95_test_hold", holder))
        {
            await notify.ExecuteNonQueryAsync();
        }

        await using var commit = new Npgsql.NpgsqlCommand("COMMIT", holder);
        var stuck = commit.ExecuteNonQueryAsync(); // waits for the standby, holding the lock
        try
        {
            await using (var watch = new Npgsql.NpgsqlConnection(connection))
            {
                await watch.OpenAsync();
                await using var waiting = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid AND wait_event = 'SyncRep'", watch);
                waiting.Parameters.AddWithValue("pid", holderPid);
                var seen = false;
                for (var i = 0; i < 100 && !seen; i++)
                {
                    seen = (long)(await waiting.ExecuteScalarAsync())! == 1;
                    await Task.Delay(seen ? 0 : 50);
                }

                Assert.True(seen, "the holding session did not wait for the synchronous standby");
            }

            var posted = NewCallAsync(s, "while-held", extra: ("user[]", "alice"));
            var answered = await Task.WhenAny(posted, Task.Delay(TimeSpan.FromSeconds(10))) == posted;
            Assert.True(answered, "the CTI event was not answered within 10 s while another commit held the notify lock");
            await posted;
            Assert.False(stuck.IsCompleted, "the holding session's commit ended early: the test proved nothing");
        }
        finally
        {
            await using var cancel = new Npgsql.NpgsqlConnection(connection);
            await cancel.OpenAsync();
            await using var end = new Npgsql.NpgsqlCommand("SELECT pg_cancel_backend(@pid)", cancel);
            end.Parameters.AddWithValue("pid", holderPid);
            await end.ExecuteScalarAsync();
            await stuck.WaitAsync(TimeSpan.FromSeconds(40)); // committed locally; PostgreSQL warns that the wait for the standby was cancelled
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var e = await desk.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("while-held", e?.CtiCallId);
        Assert.True(started.Elapsed < Second, $"node B heard of it {started.ElapsedMilliseconds} ms after the lock was free (the fallback poll is {new DeskOptions().ListeningPollInterval.TotalMilliseconds} ms)");
    }

    private static async Task<DeskFeed> WaitUntilListeningAsync(Hotline95AppFactory node)
    {
        var feed = node.Services.GetRequiredService<DeskFeed>();
        for (var i = 0; i < 100 && !feed.Listening; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(feed.Listening, "the node's desk listener did not listen within 5 s");
        return feed;
    }

    private static async Task KillListenersAsync(Hotline95AppFactory app)
    {
        await using var db = app.Database.OpenContext();
        var killed = await db.Database.SqlQueryRaw<bool>(
            "SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity WHERE application_name = {0} AND datname = current_database()",
            DeskListener.ApplicationName).ToListAsync();
        Assert.NotEmpty(killed);
    }
}
