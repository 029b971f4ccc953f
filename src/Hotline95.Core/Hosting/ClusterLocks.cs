using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>With an enterprise (<see cref="Of"/>): held by a transaction that makes one of its keys (see <c>KeyRing</c>).</summary>
    public const int KeyCreation = 0x48_39_35_03;

    /// <summary>
    /// With item 0: held shared by every transaction that makes a key (beside its enterprise's <see cref="KeyCreation"/>
    /// lock, see <see cref="ForKeyCreationAsync"/>) and exclusively by a rotation's last pass, which so waits for every key
    /// being made with one lock, however many enterprises there are.
    /// </summary>
    public const int AnyKeyCreation = 0x48_39_35_08;

    /// <summary>With item 0: held by the transaction of a master-key rotation, so that two nodes never rotate at once.</summary>
    public const int KeyRotation = 0x48_39_35_09;

    /// <summary>With a CTI call (<see cref="Of(Guid, string)"/>): held by the CTI batch that creates it (see <c>CtiStore.AddInserts</c>).</summary>
    public const int CtiCallCreation = 0x48_39_35_04;

    /// <summary>With item 0: held by the transaction of a node appending to the shared audit anchor file (see <c>AuditAnchors</c>).</summary>
    public const int AuditAnchorAppend = 0x48_39_35_05;

    /// <summary>With item 0: held by the transaction that appends to the audit chain (see <c>AuditLog</c>), until it ends.</summary>
    public const int AuditAppend = 0x48_39_35_06;

    /// <summary>
    /// With an enterprise (<see cref="Of(Guid)"/>): held by the transaction that makes one of its lines the default for
    /// outbound calls, so that two made at once (two nodes) leave one default, not both (see <c>OutboundRoutesHandler</c>).
    /// </summary>
    public const int OutboundDefault = 0x48_39_35_07;

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

        // No silent limit here: a node paused mid-migration must not lose the lock to a node that would migrate beside it.
        var connection = await OpenAsync(target, KeepAliveSeconds, TimeSpan.Zero, ct);
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
    /// Waits for an exclusive lock on (<paramref name="kind"/>, <paramref name="item"/>) held until <paramref name="db"/>'s
    /// current transaction ends (commit or rollback), on whatever connection the context uses. PostgreSQL's two-integer
    /// advisory locks are a key space of their own: they never meet the node-wide locks above. No-op on SQLite.
    /// </summary>
    public static async Task ForTransactionAsync(DbContext db, int kind, int item, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("a transaction-scoped lock needs a transaction");
        }

        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [kind, item], ct);
    }

    /// <summary>
    /// The locks a transaction that makes one of <paramref name="enterpriseId"/>'s keys holds until it ends: the enterprise's
    /// own (two nodes never make one key twice) and <see cref="AnyKeyCreation"/> shared (a rotation's last pass waits for it).
    /// </summary>
    public static async Task ForKeyCreationAsync(DbContext db, Guid enterpriseId, CancellationToken ct)
    {
        await ForTransactionAsync(db, KeyCreation, Of(enterpriseId), ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock_shared({0}, 0)", [AnyKeyCreation], ct);
        }
    }

    /// <summary>A stable 32-bit item for <see cref="ForTransactionAsync"/> from an id (the same in every process).</summary>
    public static int Of(Guid id)
    {
        Span<int> words = stackalloc int[4];
        id.TryWriteBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words));
        return words[0] ^ words[1] ^ words[2] ^ words[3];
    }

    /// <summary>A stable 32-bit item for a transaction-scoped lock from an enterprise and a key of its own (the same in every process).</summary>
    public static int Of(Guid id, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = System.Text.Encoding.UTF8.GetBytes($"{id:N}/{key}");
        System.Security.Cryptography.SHA256.HashData(text, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(hash);
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

    /// <summary>How often a lock session that has nothing to ask says it is alive (Npgsql's keep-alive query).</summary>
    public const int KeepAliveSeconds = 5;

    /// <summary>
    /// How long the server keeps a lock session that has said nothing (PostgreSQL's <c>idle_session_timeout</c>). A node
    /// whose machine dies or is cut off sends no goodbye: without this the server (or HAProxy in front of it) would keep
    /// its session, and the locks with it, until a TCP timeout of half an hour or more. A live node says something every
    /// <see cref="KeepAliveSeconds"/>, so only a silent one is cut off; the job lease then passes within a minute
    /// (this, plus <see cref="JobLease.RetryEvery"/>).
    /// </summary>
    public static readonly TimeSpan SilentSessionLimit = TimeSpan.FromSeconds(40);

    /// <summary>A session of its own: not from the pool, so its locks die with it and with nothing else.</summary>
    public static Task<NpgsqlConnection> OpenAsync(DatabaseTarget target, CancellationToken ct) =>
        OpenAsync(target, KeepAliveSeconds, SilentSessionLimit, ct);

    /// <summary>
    /// <see cref="OpenAsync(DatabaseTarget, CancellationToken)"/> with other timings: 0 seconds, no keep-alive (tests);
    /// <see cref="TimeSpan.Zero"/>, no silent limit.
    /// </summary>
    public static async Task<NpgsqlConnection> OpenAsync(DatabaseTarget target, int keepAliveSeconds, TimeSpan silentLimit, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false, ApplicationName = "hotline95-lock", KeepAlive = keepAliveSeconds };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        try
        {
            if (silentLimit > TimeSpan.Zero && connection.PostgreSqlVersion.Major >= 14) // idle_session_timeout is PostgreSQL 14's
            {
                await using var command = new NpgsqlCommand(
                    $"SET idle_session_timeout = {(long)silentLimit.TotalMilliseconds}", connection);
                await command.ExecuteNonQueryAsync(ct);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>No lock to release (SQLite, or nothing taken).</summary>
    public static IAsyncDisposable None { get; } = new NoLock();

    private sealed class NoLock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
