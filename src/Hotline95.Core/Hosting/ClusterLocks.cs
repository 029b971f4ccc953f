using Hotline95.Core.Data;
using Npgsql;

namespace Hotline95.Core.Hosting;

/// <summary>
/// PostgreSQL advisory locks that make several <c>serve</c> processes on one database behave as one installation.
/// A lock is held by a database session: a node that dies (or loses its database) lets go of it by itself.
/// SQLite is one machine's file, so there the locks are always granted.
/// </summary>
public static class ClusterLocks
{
    /// <summary>Held while a node migrates, checks or creates the master key, and creates the first administrator.</summary>
    public const long StartUp = 0x48_39_35_00_01; // "H95" 0001

    /// <summary>Held by the one node that runs the background jobs.</summary>
    public const long Jobs = 0x48_39_35_00_02;

    /// <summary>Held by a transaction that makes a data key or blind-index key (see <c>KeyRing</c>), until it ends.</summary>
    public const long KeyCreation = 0x48_39_35_00_03;

    /// <summary>Held by the writer that adds to roll-up shard <paramref name="shard"/> (see <c>RollupShards</c>).</summary>
    public static long RollupShard(int shard) => 0x48_39_35_01_00 + shard;

    /// <summary>
    /// Waits for an exclusive lock and holds it until disposed (an open session of its own, never a pooled one that
    /// another request could reuse while the lock is held). No-op on SQLite.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseTarget target, long key, CancellationToken ct)
    {
        if (target.Provider != DatabaseProvider.Postgres)
        {
            return None;
        }

        var connection = await OpenAsync(target, ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            command.CommandTimeout = 0; // waits for the node that is migrating, however long that takes
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits for an exclusive lock held until <paramref name="db"/>'s current transaction ends (commit or rollback), by
    /// whatever connection the context uses. PostgreSQL only.
    /// </summary>
    public static async Task ForTransactionAsync(Microsoft.EntityFrameworkCore.DbContext db, long key, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("a transaction-scoped lock needs a transaction");
        }

        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "SELECT pg_advisory_xact_lock({0})", [key], ct);
    }

    /// <summary>One try for the lock on <paramref name="connection"/>; true when this session holds it (again).</summary>
    public static async Task<bool> TryAsync(NpgsqlConnection connection, long key, CancellationToken ct)
    {
        // Advisory locks stack per session: take it only when this session does not hold it yet.
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted " +
            "AND ((classid::bigint << 32) | objid::bigint) = @key) OR pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>A session of its own: not from the pool, so its locks die with it and with nothing else.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(DatabaseTarget target, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false, ApplicationName = "hotline95-lock", KeepAlive = 5 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>No lock to release (SQLite, or nothing taken).</summary>
    public static IAsyncDisposable None { get; } = new NoLock();

    private sealed class NoLock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
