using System.Net;
using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Core.Hosting;
using Hotline95.Core.Monitoring;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hotline95.IntegrationTests.Monitoring;

/// <summary>
/// Several writers on one PostgreSQL database add to roll-up rows of their own (issue 18: two nodes' CTI writers used to
/// take turns on the day's one row, each waiting out the other's synchronous commit); every reader adds the shards up.
/// </summary>
public sealed class RollupShardTests
{
    [Fact]
    public async Task ForWriter_TwoNodesOnOneDatabase_TakeDifferentShardsAndAFreedOneIsTakenAgain()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var clock = new FakeTimeProvider(Hotline95AppFactory.DefaultStart);
        var first = new RollupShards(database.Target, clock, NullLogger<RollupShards>.Instance);
        await using var second = new RollupShards(database.Target, clock, NullLogger<RollupShards>.Instance);

        var a = await first.ForWriterAsync(CancellationToken.None);
        var b = await second.ForWriterAsync(CancellationToken.None);
        clock.Advance(RollupShards.CheckEvery);
        var aChecked = await first.ForWriterAsync(CancellationToken.None);
        await first.DisposeAsync(); // the node stops: its session, and the lock, end
        await using var third = new RollupShards(database.Target, clock, NullLogger<RollupShards>.Instance);
        var c = await third.ForWriterAsync(CancellationToken.None);

        Assert.NotEqual(RollupShards.Shared, a);
        Assert.NotEqual(RollupShards.Shared, b);
        Assert.NotEqual(a, b);
        Assert.Equal(a, aChecked);
        Assert.Equal(a, c);
    }

    [Fact]
    public async Task ForWriter_LockSessionKilled_KeepsItsShardThenTakesAFreeOneAtTheNextCheck()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        var clock = new FakeTimeProvider(Hotline95AppFactory.DefaultStart);
        await using var first = new RollupShards(database.Target, clock, NullLogger<RollupShards>.Instance);
        var before = await first.ForWriterAsync(CancellationToken.None);

        // The database ends the lock's session without a goodbye (a failover does it to every session).
        await Hosting.ClusterTests.TerminateLockSessionsAsync(database, ClusterLocks.RollupShard(before));
        var during = await first.ForWriterAsync(CancellationToken.None); // no check due: still adds to its shard, which stays correct
        await using var newcomer = new RollupShards(database.Target, clock, NullLogger<RollupShards>.Instance);
        var taken = await newcomer.ForWriterAsync(CancellationToken.None); // the freed number goes to a node starting now
        clock.Advance(RollupShards.CheckEvery);
        var noticed = await first.ForWriterAsync(CancellationToken.None); // the check finds the session gone
        var notYet = await first.ForWriterAsync(CancellationToken.None); // the next batch does not try again at once
        var heldAfterNotice = await HeldByCountAsync(database);
        clock.Advance(RollupShards.CheckEvery);
        var after = await first.ForWriterAsync(CancellationToken.None); // and the next one holds a free shard again

        Assert.Equal(before, during);
        Assert.Equal(before, taken);
        Assert.Equal(before, noticed);
        Assert.Equal(before, notYet);
        Assert.Equal(1, heldAfterNotice); // only the newcomer's: the first node opened no session between its checks
        Assert.NotEqual(before, after);
        Assert.NotEqual(RollupShards.Shared, after);
        Assert.True(await HeldAsync(database, ClusterLocks.RollupShard(after)));
    }

    [Fact]
    public async Task CtiOnTwoNodes_SameLineAndDay_EachNodeAddsToItsOwnRowAndTheFiguresAddUp()
    {
        await using var a = await Hotline95AppFactory.StartAsync(DatabaseKind.Postgres);
        await using var b = await Hotline95AppFactory.StartNodeAsync(a);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(a.Database, "lines", "add", "95528", "--name", "信用卡客服热线"))).ExitCode);
        var created = await CliRunner.RunAsync(CliRunner.On(a.Database, "apikey", "create", "--name", "pbx"));
        var url = $"/api/v1/cti/{created.Out.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..].Trim()}";
        const int CallsPerNode = 20;

        async Task PostCallsAsync(Hotline95AppFactory node, string prefix)
        {
            var pbx = node.CreateClient();
            for (var i = 0; i < CallsPerNode; i++)
            {
                foreach (var e in new[] { "newCall", "hangup" })
                {
                    var response = await pbx.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["event"] = e, ["from"] = $"1380013{i:D4}", ["to"] = "95528", ["direction"] = "in", ["call_id"] = $"{prefix}-{i}", ["cause"] = "noAnswer",
                    }));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }
        }

        await Task.WhenAll(PostCallsAsync(a, "a"), PostCallsAsync(b, "b"));

        var shards = new[] { await a.Services.GetRequiredService<RollupShards>().ForWriterAsync(CancellationToken.None), await b.Services.GetRequiredService<RollupShards>().ForWriterAsync(CancellationToken.None) };
        await using var db = a.Database.OpenContext();
        var rows = await db.DailyFigures.AsNoTracking().Where(d => d.Line == "95528").ToListAsync();
        var hours = await db.HourlyVolumes.AsNoTracking().Where(h => h.Line == "95528").ToListAsync();
        var enterprise = rows[0].EnterpriseId;
        var days = await a.WithScopeAsync(s => s.GetRequiredService<LineFiguresHandler>().DaysAsync(enterprise, "95528", DateOnly.MinValue, DateOnly.MaxValue));
        var calls = await db.Calls.AsNoTracking().CountAsync(c => c.Line == "95528");

        Assert.Equal(2 * CallsPerNode, calls);
        Assert.NotEqual(shards[0], shards[1]);
        Assert.Equal(shards.Order(), rows.Where(r => r.CallsIn > 0).Select(r => r.Shard).Order());
        Assert.All(rows.Where(r => r.CallsIn > 0), r => Assert.Equal(CallsPerNode, r.CallsIn));
        Assert.Equal(2 * CallsPerNode, hours.Sum(h => h.Calls));
        var day = Assert.Single(days);
        Assert.Equal(2 * CallsPerNode, day.CallsIn);
        Assert.Equal(2 * CallsPerNode, day.Missed);
        Assert.InRange(CallerSketch.Estimate(day.Callers), CallsPerNode * 0.9, CallsPerNode * 1.1); // the same 20 numbers on both nodes: merged, not added
    }

    [Fact]
    public async Task Import_WhileANodeWrites_AddsToAShardOfItsOwn()
    {
        await using var app = await Calls.CallStoreScenario.StartAsync(DatabaseKind.Postgres);
        var node = await app.Services.GetRequiredService<RollupShards>().ForWriterAsync(CancellationToken.None);
        var file = Path.Combine(app.Database.DataDirectory, "calls.csv");
        SyntheticCalls.WriteAsteriskFile(file, 300, Calls.CallStoreScenario.Line, new DateTime(2026, 2, 27, 8, 0, 0), TimeSpan.FromSeconds(97));

        var imported = await Calls.CallStoreScenario.ImportAsync(app.Database, "asterisk", file);

        Assert.Equal(0, imported.ExitCode);
        await using var db = app.Database.OpenContext();
        var shards = await db.DailyFigures.AsNoTracking().Where(d => d.CallsIn + d.CallsOut > 0).Select(d => d.Shard).Distinct().ToListAsync();
        var shard = Assert.Single(shards);
        Assert.NotEqual(RollupShards.Shared, shard);
        Assert.NotEqual(node, shard);
        Assert.Equal(300, await db.DailyFigures.SumAsync(d => d.CallsIn + d.CallsOut));
        Assert.False(await HeldAsync(app.Database, ClusterLocks.RollupShard(shard))); // let go when the import ended
    }

    private static async Task<long> HeldByCountAsync(TestDatabase database)
    {
        await using var admin = new NpgsqlConnection(database.Target.ConnectionString);
        await admin.OpenAsync();
        await using var held = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted AND ((classid::bigint << 32) | objid::bigint) BETWEEN @first AND @last", admin);
        held.Parameters.AddWithValue("first", ClusterLocks.RollupShard(0));
        held.Parameters.AddWithValue("last", ClusterLocks.RollupShard(RollupShards.Count - 1));
        return (long)(await held.ExecuteScalarAsync())!;
    }

    private static async Task<bool> HeldAsync(TestDatabase database, long key)
    {
        await using var admin = new NpgsqlConnection(database.Target.ConnectionString);
        await admin.OpenAsync();
        await using var held = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted AND ((classid::bigint << 32) | objid::bigint) = @key)", admin);
        held.Parameters.AddWithValue("key", key);
        return (bool)(await held.ExecuteScalarAsync())!;
    }
}
