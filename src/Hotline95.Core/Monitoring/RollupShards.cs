using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hotline95.Core.Monitoring;

/// <summary>
/// Which rows of <c>rollup_daily</c> and <c>rollup_hourly</c> a writer adds to. A batch that counts a call locks its line's
/// row for the day until it commits; with one row per line and day, two nodes' CTI writers took turns on it, each waiting
/// out the other's synchronous commit (issue 18: some 300 waits of 10 ms or more in 20 s at 500 events/s through HAProxy),
/// and an import's long transaction would hold it for seconds. So the rows are also keyed by a shard, and every reader adds
/// a day's shards up (<see cref="DailyLineFigures.Combine"/>).
/// </summary>
/// <remarks>
/// Shard <see cref="Shared"/> is for the few writes that need none of their own (complaints, rebuilds) and for SQLite (one
/// process). On PostgreSQL a writer takes the lowest free shard from 1 to <see cref="Count"/> − 1 by a session advisory lock,
/// so live writers never share one. The lock only keeps writers apart: any writer may add to any shard without changing a
/// figure. Losing it (a failover ends every session) costs some waiting at most, until the next check, every
/// <see cref="CheckEvery"/>, holds a free shard again.
/// </remarks>
public sealed class RollupShards(DatabaseTarget target, TimeProvider clock, ILogger<RollupShards> log) : IAsyncDisposable
{
    public const int Shared = 0;
    public const int Count = 64;
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private int _shard = Shared;
    private long? _checkedAt; // the last check, successful or not

    /// <summary>This node's CTI writer's shard: taken at the first call, checked again at most every <see cref="CheckEvery"/>.</summary>
    public async ValueTask<int> ForWriterAsync(CancellationToken ct)
    {
        if (target.Provider != DatabaseProvider.Postgres || !CheckDue())
        {
            return _shard;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (CheckDue())
            {
                await CheckAsync(ct);
            }

            return _shard;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Also after a failed check: a database that refused a session is asked again in CheckEvery, not at every batch.
    private bool CheckDue() => _checkedAt is not { } at || clock.GetElapsedTime(at) >= CheckEvery;

    private async Task CheckAsync(CancellationToken ct)
    {
        var before = _shard;
        try
        {
            _connection ??= await ClusterLocks.OpenAsync(target, ct);
            _shard = await TakeAsync(_connection, before, ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The session is gone (and its lock with it), or the database is unreachable: keep adding to the same shard
            // (still correct) and try for a lock again at the next check.
            log.LogWarning(ex, "Roll-up shard {Shard}: its lock's database session is gone; trying again in {Seconds} s", _shard, CheckEvery.TotalSeconds);
            await DropAsync();
        }

        _checkedAt = clock.GetTimestamp();
        if (_shard != before)
        {
            log.LogInformation("CTI writes add to roll-up shard {Shard}", _shard);
        }
    }

    /// <summary>
    /// A shard held by <paramref name="connection"/>'s session until it ends: <paramref name="preferred"/> when it holds or
    /// can take that one, else the lowest free one, else <see cref="Shared"/> (every shard taken: correct, only slower).
    /// </summary>
    public static async Task<int> TakeAsync(NpgsqlConnection connection, int preferred, CancellationToken ct)
    {
        if (preferred != Shared && await ClusterLocks.TryAsync(connection, ClusterLocks.RollupShard(preferred), ct))
        {
            return preferred;
        }

        for (var shard = 1; shard < Count; shard++)
        {
            if (shard != preferred && await ClusterLocks.TryAsync(connection, ClusterLocks.RollupShard(shard), ct))
            {
                return shard;
            }
        }

        return Shared;
    }

    private async Task DropAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The gate is not disposed: a batch still finishing during shutdown may wait on it (it holds no wait handle).
        await _gate.WaitAsync();
        try
        {
            await DropAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
