using System.Net;
using System.Net.Http.Json;
using Hotline95.Core.Data;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Core.Hosting;
using Hotline95.Core.Identity;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hotline95.IntegrationTests.Hosting;

/// <summary>Several nodes on one PostgreSQL database: one runs the jobs, one migrates, a stopping node drains first.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task JobLease_TwoNodesOneDatabase_ExactlyOneHoldsItAndTheOtherTakesOverWhenTheHolderDies()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var (_, first, second) = await TwoLeasesAsync(database);
        try
        {
            Assert.True(first.IsHeld);
            Assert.False(second.IsHeld);

            // Asking again changes nothing: the holder keeps it, the other still waits.
            await first.CheckAsync(CancellationToken.None);
            await second.CheckAsync(CancellationToken.None);
            Assert.True(first.IsHeld);
            Assert.False(second.IsHeld);

            // The holder's machine dies: its database session ends (terminated from outside, no goodbye).
            await TerminateLockSessionsAsync(database, ClusterLocks.Jobs);
            await second.CheckAsync(CancellationToken.None);
            Assert.True(second.IsHeld);

            // The old holder, back, notices it lost its session and does not run jobs beside the new holder.
            await first.CheckAsync(CancellationToken.None);
            Assert.False(first.IsHeld);
            await first.CheckAsync(CancellationToken.None);
            Assert.False(first.IsHeld);
        }
        finally
        {
            await first.StopAsync(CancellationToken.None);
            await second.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task JobLease_HolderStops_TheOtherNodeTakesOverAtItsNextTry()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var (clock, first, second) = await TwoLeasesAsync(database);
        try
        {
            Assert.False(second.IsHeld);
            await first.StopAsync(CancellationToken.None);
            Assert.False(second.IsHeld); // not before its next try

            for (var i = 0; i < 50 && !second.IsHeld; i++)
            {
                clock.Advance(JobLease.RetryEvery);
                await Task.Delay(50);
            }

            Assert.True(second.IsHeld);
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StartUpLock_NodesStartTogetherOnAFreshDatabase_MigratedOnceAndOneAdministrator()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var settings = new Hotline95Settings(database.DataDirectory, database.Target);

        async Task<string?> StartNodeAsync()
        {
            var services = new ServiceCollection().AddLogging();
            services.AddHotline95Core(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), settings);
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            await using var startUp = await ClusterLocks.AcquireAsync(database.Target, ClusterLocks.StartUp, CancellationToken.None);
            var init = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            Assert.True(init.IsSuccess, init.IsSuccess ? null : init.Error.Message);
            return await scope.ServiceProvider.GetRequiredService<BootstrapAdminHandler>().HandleAsync();
        }

        var passwords = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(StartNodeAsync)));

        Assert.Single(passwords, p => p is not null);
        await using var db = database.OpenContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == BootstrapAdminHandler.AdminUserName));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Readyz_NodeStopping_AnswersDrainingUntilTheDrainTimeHasPassed()
    {
        await using var app = await Hotline95AppFactory.StartAsync(realServer: true, backgroundJobs: true);
        using var client = app.CreateClient();
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync());

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = Task.Run(() => app.Services.GetRequiredService<IHost>().StopAsync());

        // While draining the node still answers, but tells the balancer not to send it new work.
        HttpResponseMessage? draining = null;
        for (var i = 0; i < 100; i++)
        {
            draining = await client.GetAsync("/readyz");
            if (draining.StatusCode != HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(20);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, draining!.StatusCode);
        Assert.Contains("\"draining\"", await draining.Content.ReadAsStringAsync());
        Assert.False(stopping.IsCompleted);

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(lifetime.ApplicationStopped.IsCancellationRequested);
    }

    [Fact]
    public async Task SecondNode_RecordingAttachedOnTheFirst_PlaysTheSameBytes()
    {
        await using var first = await CallStoreScenario.StartAsync(DatabaseKind.Postgres);
        await CallStoreScenario.ImportAsync(first.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", first.Database));
        var callId = await first.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.OrderBy(c => c.StartedAt).Select(c => c.Id).FirstAsync());
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        var audio = TestAudio.Wav();
        var content = new ByteArrayContent(audio);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/wav");

        var attached = await (await first.LoginAsSupervisorAsync()).PostAsync($"/api/calls/{callId}/recording", new MultipartFormDataContent { { content, "file", "call.wav" } });
        var played = await (await second.LoginAsSupervisorAsync()).GetAsync($"/api/calls/{callId}/recording");

        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal(audio, await played.Content.ReadAsByteArrayAsync());
        Assert.Empty(Directory.GetFiles(second.Services.GetRequiredService<Hotline95Settings>().DataDirectory, "*.h95rec", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SignInCookie_SignedByOneNode_IsAcceptedByTheOtherAndItsKeyIsStoredSealed(DatabaseKind kind)
    {
        await using var first = await Hotline95AppFactory.StartAsync(kind);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        using var browser = first.CreateClient();
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { userName = BootstrapAdminHandler.AdminUserName, password = first.AdminPassword });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var cookie = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];

        using var otherNode = second.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        var me = await otherNode.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        await using var db = first.Database.OpenContext();
        var keys = await db.SessionKeys.ToListAsync();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            // Reading the database gives neither the key's XML nor its secret: both are sealed under the master key.
            Assert.False(RawStorage.Contains(key.Sealed, "<key"u8.ToArray()));
            Assert.False(RawStorage.Contains(key.Sealed, "masterKey"u8.ToArray()));
            Assert.Equal(32 + 28, key.WrappedKey.Length);
        }

        Assert.Empty(Directory.GetFiles(first.Database.DataDirectory, "key-*.xml", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Revocation_OnOneNode_RefusedByTheOtherOnItsNextRequest(DatabaseKind kind)
    {
        await using var first = await Hotline95AppFactory.StartAsync(kind);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        var created = await CliRunner.RunAsync(CliRunner.On(first.Database, "apikey", "create", "--name", "crm", "--role", "Supervisor"));
        var key = created.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim();
        using var crm = second.CreateClient();
        crm.DefaultRequestHeaders.Add("X-Api-Key", key);
        var (user, password) = await first.CreateUserAsync(Role.Agent);
        using var agentOnFirst = first.CreateClient();
        var login = await agentOnFirst.PostAsJsonAsync("/api/auth/login", new { userName = user, password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var cookie = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var agentOnSecond = second.CreateClient();
        async Task<HttpStatusCode> MeAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Add("Cookie", cookie);
            return (await agentOnSecond.SendAsync(request)).StatusCode;
        }

        // Both work on the second node, many times (a node that remembered them would keep answering from memory).
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await crm.GetAsync("/api/me")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, await MeAsync());
        }

        // Revoked and disabled as another process does it: in the database only (this process's memory is not told).
        await using (var db = first.Database.OpenContext())
        {
            var now = first.Clock.GetUtcNow();
            Assert.Equal(1, await db.ApiKeys.Where(k => k.Name == "crm").ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now)));
        }

        var admin = await first.LoginAsAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{user}/disable", null)).StatusCode);

        // The very next request on the other node, the clock not moved.
        Assert.Equal(HttpStatusCode.Unauthorized, (await crm.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync());
    }

    [Fact]
    public async Task Keys_FirstCallsOnTwoNodesAtOnce_BothUseTheOneKeyMadeAndNeitherFails()
    {
        await using var first = await Hotline95AppFactory.StartAsync(DatabaseKind.Postgres);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        var enterprise = (await first.WithScopeAsync(s => s.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().FindAsync(null))).Value.Id;
        var months = Enumerable.Range(0, 24).Select(i => new DateOnly(2027, 1, 1).AddMonths(i)).ToList();
        var rings = new[] { first.Services.GetRequiredService<Core.Security.KeyRing>(), second.Services.GetRequiredService<Core.Security.KeyRing>() };

        // Each node's first event of a month makes its key; both nodes get theirs in the same instant, month after month.
        var keys = await Task.WhenAll(months.Select(async month =>
            await Task.WhenAll(rings.Select(ring => Task.Run(() => ring.ForMonthAsync(enterprise, Core.Security.DataKeyPurpose.Calls, month))))));

        Assert.All(keys, pair =>
        {
            Assert.Equal(pair[0].Id, pair[1].Id);
            Assert.Equal(pair[0].Key, pair[1].Key);
        });

        // The blind-index key too (one per enterprise, made by its first call): a new enterprise, both nodes at once.
        var other = (await first.WithScopeAsync(s => s.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().EnsureAsync("second-bank", "第二银行"))).Id;
        var blind = await Task.WhenAll(rings.Select(ring => Task.Run(() => ring.BlindKeyAsync(other))));
        Assert.Equal(blind[0], blind[1]);
        await using var db = first.Database.OpenContext();
        Assert.Equal(months.Count, await db.DataKeys.CountAsync(k => k.EnterpriseId == enterprise && k.Purpose == Core.Security.DataKeyPurpose.Calls && months.Contains(k.Month)));
        // Neither node's insert was refused (EF logged each refused one as an error): a refused insert still takes a number
        // from the ids' sequence, so the ids would have gaps.
        var ids = await db.DataKeys.Where(k => k.EnterpriseId == enterprise && months.Contains(k.Month)).Select(k => k.Id).OrderBy(id => id).ToListAsync();
        int lowest = ids[0], highest = ids[^1];
        Assert.Equal(highest - lowest + 1, await db.DataKeys.CountAsync(k => k.Id >= lowest && k.Id <= highest));
    }

    [Fact]
    public async Task Keys_MonthsShreddedByThePurgeOnAnotherNode_NeitherReadNorWrittenHereAfterAMinute()
    {
        await using var first = await Hotline95AppFactory.StartAsync(DatabaseKind.Postgres);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        var enterprise = (await first.WithScopeAsync(s => s.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().FindAsync(null))).Value.Id;
        var ring = second.Services.GetRequiredService<Core.Security.KeyRing>();
        var thisMonth = Core.Security.KeyRing.MonthOf(second.Clock.GetUtcNow());
        DateOnly written = thisMonth.AddMonths(-9), read = thisMonth.AddMonths(-10);
        // This node imported both months' records a while ago and keeps their keys; a follow (or the CTI writer) keeps its sealer.
        using var sealer = new Core.Calls.CallSealer(ring, second.Clock);
        Core.Calls.CallRecord Record() => new() { EnterpriseId = enterprise, Line = "95528", SourceSystem = "test", SourceId = Guid.NewGuid().ToString(), StartedAt = Core.Common.ChinaTime.StartOfDay(written.AddDays(3)) };
        await sealer.SealPersonalDataAsync(Record(), "13800138000", null);
        var (readId, _) = await ring.ForMonthAsync(enterprise, Core.Security.DataKeyPurpose.Calls, read);
        var (currentId, current) = await ring.ForMonthAsync(enterprise, Core.Security.DataKeyPurpose.Calls, thisMonth);

        // The node that runs the jobs purges: both months are past retention, with no record left, so their keys are destroyed.
        var purged = await first.WithScopeAsync(async sp => (await sp.GetRequiredService<Core.Retention.PurgeRetentionHandler>()
            .HandleAsync(new Core.Retention.PurgeRequest(null, false, "test"))).Value);
        Assert.Contains(written.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), purged.Enterprises.Single(e => e.EnterpriseId == enterprise).KeysDestroyed);
        Assert.Contains(read.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), purged.Enterprises.Single(e => e.EnterpriseId == enterprise).KeysDestroyed);

        // Within the minute this node still has the keys from its cache (no database round trip per record): the bound, not a goal.
        Assert.NotNull(await ring.ByIdAsync(readId));
        second.Clock.Advance(Core.Security.KeyRing.PastMonthRecheck);
        await Assert.ThrowsAsync<Core.Security.DataKeyDestroyedException>(() => sealer.SealPersonalDataAsync(Record(), "13800138000", null));
        Assert.Null(await ring.ByIdAsync(readId)); // the shredded month's records cannot be read here either
        await Assert.ThrowsAsync<Core.Security.DataKeyDestroyedException>(() => ring.ForMonthAsync(enterprise, Core.Security.DataKeyPurpose.Calls, written));
        Assert.Equal((currentId, current), await ring.ForMonthAsync(enterprise, Core.Security.DataKeyPurpose.Calls, thisMonth)); // the current month's key stays
    }

    /// <summary>The lock that keeps two nodes from making one key twice is the enterprise's: another enterprise's key never waits for it.</summary>
    [Fact]
    public async Task Keys_AnotherEnterpriseKeyBeingMade_OnlyThatEnterpriseWaits()
    {
        await using var node = await Hotline95AppFactory.StartAsync(DatabaseKind.Postgres);
        var a = (await node.WithScopeAsync(s => s.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().EnsureAsync("bank-a", "甲银行"))).Id;
        var b = (await node.WithScopeAsync(s => s.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().EnsureAsync("bank-b", "乙银行"))).Id;
        var ring = node.Services.GetRequiredService<Core.Security.KeyRing>();
        await using var other = node.Database.OpenContext();
        await using var making = await other.Database.BeginTransactionAsync();
        await Core.Hosting.ClusterLocks.ForTransactionAsync(other, Core.Hosting.ClusterLocks.KeyCreation, Core.Hosting.ClusterLocks.Of(a), default); // another node making A's key

        var forB = ring.BlindKeyAsync(b);
        var bDone = await Task.WhenAny(forB, Task.Delay(TimeSpan.FromSeconds(10))) == forB;
        var forA = ring.BlindKeyAsync(a);
        var aDoneWhileLocked = await Task.WhenAny(forA, Task.Delay(TimeSpan.FromSeconds(1))) == forA;
        await making.CommitAsync();
        await forA.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(bDone, "enterprise B's key waited for A's lock");
        Assert.False(aDoneWhileLocked, "enterprise A's key was made while another transaction held A's key lock");
    }

    [Fact]
    public async Task LockSession_HolderFallsSilent_TheServerEndsItAndAnotherNodeTakesTheLock()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        const long LiveKey = 0x48_39_35_7F_01, SilentKey = 0x48_39_35_7F_02;
        var limit = TimeSpan.FromSeconds(4);
        // A live node's session says something every second (a slip of a second or two on a busy machine still leaves it
        // inside the limit); a dead machine's says nothing more (no keep-alive, no goodbye:
        // its connection is never closed here, as a machine that lost its power closes nothing).
        await using var live = await ClusterLocks.OpenAsync(database.Target, keepAliveSeconds: 1, limit, CancellationToken.None);
        await using var silent = await ClusterLocks.OpenAsync(database.Target, keepAliveSeconds: 0, limit, CancellationToken.None);
        await using var other = await ClusterLocks.OpenAsync(database.Target, CancellationToken.None);
        Assert.True(await ClusterLocks.TryAsync(live, LiveKey, CancellationToken.None));
        Assert.True(await ClusterLocks.TryAsync(silent, SilentKey, CancellationToken.None));
        Assert.False(await ClusterLocks.TryAsync(other, SilentKey, CancellationToken.None));

        await Task.Delay(limit * 2.5);

        Assert.False(await ClusterLocks.TryAsync(other, LiveKey, CancellationToken.None)); // the live node keeps its lock
        Assert.True(await ClusterLocks.TryAsync(other, SilentKey, CancellationToken.None)); // the silent one's session was ended
        // The product's own sessions: cut off after 40 s of silence, a keep-alive every 5 s.
        await using var show = new NpgsqlCommand("SHOW idle_session_timeout", other);
        Assert.Equal("40s", await show.ExecuteScalarAsync());
        Assert.True(ClusterLocks.KeepAliveSeconds * 4 < ClusterLocks.SilentSessionLimit.TotalSeconds);
        Assert.True(ClusterLocks.SilentSessionLimit + JobLease.RetryEvery <= TimeSpan.FromMinutes(1));
    }

    /// <summary>A job that counts its runs, on a node of its own (a service provider with that node's lease).</summary>
    private sealed class CountingJob(IServiceScopeFactory scopes, TimeProvider clock) : PeriodicJob(scopes, clock, NullLogger.Instance)
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        protected override TimeSpan Every => TimeSpan.FromHours(1);

        protected override bool RunAtStart => true;

        protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
        {
            Interlocked.Increment(ref _runs);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task JobLease_HolderSessionEndedSinceItsLastCheck_ItsNextJobDoesNotRunBesideTheNewHolder()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var (clock, first, second) = await TwoLeasesAsync(database);
        await using var firstNode = new ServiceCollection().AddSingleton(first).BuildServiceProvider();
        var job = new CountingJob(firstNode.GetRequiredService<IServiceScopeFactory>(), clock);
        try
        {
            Assert.True(first.IsHeld);
            await TerminateLockSessionsAsync(database, ClusterLocks.Jobs); // the holder's session ends (a failover, a cut)
            await second.CheckAsync(CancellationToken.None);
            Assert.True(second.IsHeld);
            Assert.True(first.IsHeld); // as far as its last periodic check knows

            await job.StartAsync(CancellationToken.None); // runs at once, before the first node's next periodic check
            Assert.True(await Poll.UntilAsync(() => !first.IsHeld)); // the job's confirmation found the session gone
            Assert.Equal(0, job.Runs);
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
            await second.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A job whose run lasts until it is cancelled; counts its runs and how each ended.</summary>
    private sealed class LongJob(IServiceScopeFactory scopes, TimeProvider clock, Func<int, CancellationToken, Task>? run = null)
        : PeriodicJob(scopes, clock, NullLogger.Instance)
    {
        private int _runs;
        private int _cancelled;

        public int Runs => Volatile.Read(ref _runs);

        public int Cancelled => Volatile.Read(ref _cancelled);

        protected override TimeSpan Every => TimeSpan.FromMinutes(1);

        protected override bool RunAtStart => true;

        protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
        {
            var number = Interlocked.Increment(ref _runs);
            try
            {
                await (run ?? ((_, c) => Task.Delay(Timeout.Infinite, c)))(number, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        }
    }

    [Fact]
    public async Task JobLease_HolderLosesItsSessionWhileAJobRuns_TheRunIsCancelledAndTheJobGoesOn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var (clock, first, second) = await TwoLeasesAsync(database);
        await using var firstNode = new ServiceCollection().AddSingleton(first).BuildServiceProvider();
        var job = new LongJob(firstNode.GetRequiredService<IServiceScopeFactory>(), clock);
        try
        {
            await job.StartAsync(CancellationToken.None);
            Assert.True(await Poll.UntilAsync(() => job.Runs == 1));
            await Task.Delay(200);
            Assert.Equal(0, job.Cancelled); // the run goes on while the lease is held

            await TerminateLockSessionsAsync(database, ClusterLocks.Jobs); // a failover, a cut: the lock is gone
            await first.CheckAsync(CancellationToken.None); // the holder's periodic check finds its session gone
            Assert.False(first.IsHeld);
            Assert.True(await Poll.UntilAsync(() => job.Cancelled == 1), "the run went on after the lease was lost");
            await second.CheckAsync(CancellationToken.None);
            Assert.True(second.IsHeld); // the other node runs the jobs from here

            Assert.False(job.ExecuteTask!.IsCompleted); // a lost lease ends the run, not the job: it runs again if the lease comes back
            Assert.Equal(1, job.Runs);
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
            await second.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task PeriodicJob_RunCancelledByItsOwnTimeout_LoggedAsFailedAndRunAgainAtTheNextTick()
    {
        var clock = new FakeTimeProvider(Hotline95AppFactory.DefaultStart);
        await using var node = new ServiceCollection().BuildServiceProvider(); // one node, no lease
        var job = new LongJob(node.GetRequiredService<IServiceScopeFactory>(), clock,
            (number, _) => number == 1 ? throw new TaskCanceledException("an HTTP client's timeout") : Task.CompletedTask);
        try
        {
            await job.StartAsync(CancellationToken.None);
            Assert.True(await Poll.UntilAsync(() => job.Cancelled == 1));
            Assert.False(job.ExecuteTask!.IsCompleted); // before, such a cancellation ended the job (and with it the host)

            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(await Poll.UntilAsync(() => job.Runs == 2), "the job did not run again after a cancelled run");
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Calendar_NoticeLoadedWhileAnotherNodeRunsTheJobs_ThisNodeUsesItAtItsNextPickUp()
    {
        await using var first = await Calendar.Without2027Notice.StartAsync(DatabaseKind.Postgres);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first, configure: b => b.Configuration["Calendar:ShippedNoticesUpTo"] = "2026");
        // Another node holds the job lease, so the second node's periodic jobs do not run there.
        await using var holder = await ClusterLocks.OpenAsync(first.Database.Target, CancellationToken.None);
        Assert.True(await ClusterLocks.TryAsync(holder, ClusterLocks.Jobs, CancellationToken.None));
        var lease = second.Services.GetRequiredService<JobLease>();
        await lease.CheckAsync(CancellationToken.None);
        Assert.False(lease.IsHeld);
        var calendar = second.Services.GetRequiredService<Core.Calendar.WorkdayCalendar>();
        Assert.False(calendar.Covers(2027));

        var noticeFile = Path.Combine(first.Database.DataDirectory, "2027-notice.json");
        await File.WriteAllTextAsync(noticeFile, CalendarFixtures.Fake2027NoticeJson());
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(first.Database, "calendar", "load", noticeFile))).ExitCode);
        // A newer file dropped into the shared folder is the lease holder's to load, not this node's.
        Directory.CreateDirectory(Path.Combine(first.Database.DataDirectory, "calendar"));
        await File.WriteAllTextAsync(Path.Combine(first.Database.DataDirectory, "calendar", "2027.json"), Calendar.Without2027Notice.NoticeWithoutTheSaturdaySwap());
        string loadedSha;
        await using (var loaded = first.Database.OpenContext())
        {
            loadedSha = (await loaded.HolidayNotices.SingleAsync()).Sha256;
        }

        var job = ActivatorUtilities.CreateInstance<Core.Calendar.CalendarPickUpJob>(second.Services);
        await job.StartAsync(CancellationToken.None); // its first pick-up runs at once
        try
        {
            for (var i = 0; i < 100 && !calendar.Covers(2027); i++)
            {
                await Task.Delay(50);
            }

            Assert.True(calendar.Covers(2027));
            await using var db = first.Database.OpenContext();
            var stored = Assert.Single(await db.HolidayNotices.ToListAsync());
            Assert.Equal(loadedSha, stored.Sha256); // the folder's file was left to the node running the jobs
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
            await lease.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Stop_DrainLongerThanDotNetsDefaultStop_HostWaitsForTheDrainAndThenThirtySeconds()
    {
        await using var node = await Hotline95AppFactory.StartAsync(configure: b => b.Configuration["Hosting:DrainSeconds"] = "120");

        var stop = node.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal(TimeSpan.FromSeconds(150), stop);
    }

    [Fact]
    public async Task SessionKey_NodesStartTogetherOnAFreshDatabase_OneKeyMadeAndEveryNodeReadsTheOthersCookies()
    {
        await using var first = await Hotline95AppFactory.StartAsync(DatabaseKind.Postgres);
        await using (var before = first.Database.OpenContext())
        {
            Assert.Empty(await before.SessionKeys.ToListAsync()); // nothing signed yet: a fresh installation
        }

        var others = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Hotline95AppFactory.StartNodeAsync(first)));
        var nodes = others.Prepend(first).ToList();
        try
        {
            // What serve does under the start-up lock, on four nodes at once.
            await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
            {
                await using var startUp = await ClusterLocks.AcquireAsync(first.Database.Target, ClusterLocks.StartUp, CancellationToken.None);
                await using var scope = node.Services.CreateAsyncScope();
                await Hotline95.Commands.ServeCommand.SetUpSharedStateAsync(scope.ServiceProvider, CancellationToken.None);
            })));

            await using var db = first.Database.OpenContext();
            Assert.Single(await db.SessionKeys.ToListAsync());
            var protectors = nodes.Select(n => n.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("cookie")).ToList();
            foreach (var signer in protectors)
            {
                var sealedBytes = signer.Protect("session"u8.ToArray());
                Assert.All(protectors, reader => Assert.Equal("session"u8.ToArray(), reader.Unprotect(sealedBytes)));
            }
        }
        finally
        {
            foreach (var node in others)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AuditLog_TwoNodesAppendingInsideTheirTransactionsAtOnce_EveryAppendCommittedAndTheChainVerifies()
    {
        await using var first = await Hotline95AppFactory.StartAsync(DatabaseKind.Postgres);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        await using var db = first.Database.OpenContext();
        var before = await db.AuditEntries.CountAsync();

        // What a deadline recompute or a report's case list does: the entry inside the transaction of the change it records.
        // Without one lock across nodes, two nodes read the same head, one insert is refused, and that refusal aborts its
        // whole transaction, change and all.
        await Task.WhenAll(new[] { first, second }.SelectMany(node => Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            node.WithScopeAsync(async s =>
            {
                var context = s.GetRequiredService<Hotline95DbContext>();
                await using var tx = await context.Database.BeginTransactionAsync();
                await s.GetRequiredService<Core.Audit.AuditLog>().AppendAsync(Guid.Empty, "test", "test.append", $"item:{i}", "inside a transaction");
                await Task.Delay(20); // the rest of the transaction's work, after its entry
                await tx.CommitAsync();
                return true;
            })))));

        Assert.Equal(before + 40, await db.AuditEntries.CountAsync());
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(first.Database, "audit", "verify"))).ExitCode);
    }

    [Fact]
    public async Task AuditAnchor_TwoNodesAnchoringAtOnce_EveryAnchorAWholeLineAndTheChainVerifies()
    {
        await using var first = await Hotline95AppFactory.StartAsync(DatabaseKind.Postgres);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        var file = first.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Audit.AuditOptions>>().Value.AnchorFile!;
        Assert.Equal(file, second.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Audit.AuditOptions>>().Value.AnchorFile);
        var before = File.Exists(file) ? File.ReadAllLines(file).Length : 0;

        // Both nodes stopping together (each anchors as it stops), many times over, appending to the one shared file.
        await Task.WhenAll(new[] { first, second }.SelectMany(node => Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            node.WithScopeAsync(s => s.GetRequiredService<Core.Audit.AuditAnchors>().AnchorAsync("shutdown"))))));

        var lines = File.ReadAllLines(file);
        Assert.Equal(before + 40, lines.Length);
        Assert.All(lines.Skip(before), line => Assert.Equal("shutdown", System.Text.Json.JsonSerializer.Deserialize<Core.Audit.AuditAnchor>(line)!.Reason));
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(first.Database, "audit", "verify"))).ExitCode);
    }

    [Fact]
    public async Task Escalation_TwoNodesCheckAtTheSameMoment_EachComplaintEscalatedOnce()
    {
        await using var first = await Complaints.ComplaintScenario.StartAsync(DatabaseKind.Postgres);
        await using var second = await Hotline95AppFactory.StartNodeAsync(first);
        var agent = await first.LoginAsAgentAsync();
        for (var i = 0; i < 5; i++)
        {
            var created = await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", summary = $"扣费争议 {i}" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        first.Clock.Advance(TimeSpan.FromHours(20.5)); // inside the 4-hour window before the 24-hour response deadline
        second.Clock.Advance(TimeSpan.FromHours(20.5));

        // The node that has just lost the job lease and the one that took it over, each checking more than once.
        var runs = await Task.WhenAll(new[] { first, second, first, second, first, second }.Select(node => Task.Run(() =>
            node.WithScopeAsync(sp => sp.GetRequiredService<Core.Complaints.EscalateDueComplaintsHandler>().HandleAsync()))));

        Assert.Equal(5, runs.Sum(r => r.Count));
        Assert.Equal(5, runs.SelectMany(r => r).Select(e => e.ComplaintId).Distinct().Count());
        await using var db = first.Database.OpenContext();
        Assert.Equal(5, await db.Set<Core.Notifications.Notification>().CountAsync(n => n.Kind == "complaint.escalated"));
        Assert.Equal(5, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.ComplaintEscalated));
        Assert.Equal(5, await db.Complaints.CountAsync(c => c.Status == Core.Complaints.ComplaintStatus.Escalated));
    }

    /// <summary>Two nodes' job leases on one database, started in turn: the first takes the lease.</summary>
    private static async Task<(FakeTimeProvider Clock, JobLease First, JobLease Second)> TwoLeasesAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(Hotline95AppFactory.DefaultStart);
        var first = new JobLease(database.Target, clock, NullLogger<JobLease>.Instance);
        var second = new JobLease(database.Target, clock, NullLogger<JobLease>.Instance);
        await first.StartAsync(CancellationToken.None);
        await second.StartAsync(CancellationToken.None);
        return (clock, first, second);
    }

    /// <summary>
    /// Ends, without a goodbye, every session holding advisory lock <paramref name="key"/> in this test's database (a machine
    /// dying, a failover); other tests' databases on the same server hold the same keys and are left alone.
    /// </summary>
    internal static async Task TerminateLockSessionsAsync(TestDatabase database, long key)
    {
        await using var admin = new NpgsqlConnection(database.Target.ConnectionString);
        await admin.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND ((classid::bigint << 32) | objid::bigint) = @key", admin);
        kill.Parameters.AddWithValue("key", key);
        await kill.ExecuteNonQueryAsync();
        await Task.Delay(200);
    }
}
