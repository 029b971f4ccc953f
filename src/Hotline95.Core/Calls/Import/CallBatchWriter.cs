using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;
using NpgsqlTypes;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// The bulk path: bypasses change tracking and skips records whose (enterprise, source system, source id) is
/// already stored, returning how many were new. Rows are committed in transactions of whole batches (on SQLite
/// several batches, see <see cref="CompleteAsync"/>), so an import killed at any moment and run again ends with
/// each row exactly once; the daily roll-ups of the new rows are updated in the same transaction, so they stay
/// exact too.
/// </summary>
public abstract class CallBatchWriter : IAsyncDisposable
{
    public static async Task<CallBatchWriter> OpenAsync(DatabaseTarget target, CancellationToken ct = default)
    {
        CallBatchWriter writer = target.Provider == DatabaseProvider.Postgres
            ? new PostgresCallBatchWriter(target.ConnectionString)
            : new SqliteCallBatchWriter(target.ConnectionString);
        await writer.OpenAsync(ct);
        return writer;
    }

    public abstract Task<int> WriteAsync(IReadOnlyList<CallRecord> batch, CancellationToken ct = default);

    /// <summary>
    /// Commits whatever is still pending; without it, rows written since the last commit are rolled back. The
    /// caller must complete before anything else in this process writes to the database (a new month's data key):
    /// SQLite's write lock is held between commits.
    /// </summary>
    public virtual Task CompleteAsync(CancellationToken ct = default) => Task.CompletedTask;

    protected abstract Task OpenAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

internal sealed class SqliteCallBatchWriter(string connectionString) : CallBatchWriter
{
    /// <summary>
    /// Rows per transaction at most. Every commit writes each index page it touched to the WAL again, and the blind
    /// index's pages are touched at random: committing every 10,000 rows rewrote most of that index each time.
    /// </summary>
    public const int RowsPerTransaction = 200_000;

    /// <summary>
    /// Time per transaction at most: SQLite has one write lock, and the server's CTI writes wait while an import
    /// holds it (see the README), so it is given back at least this often.
    /// </summary>
    public static readonly TimeSpan TransactionTime = TimeSpan.FromMilliseconds(500);

    private readonly SqliteConnection _connection = new(connectionString);
    private sqlite3_stmt? _insert;
    private SqliteTransaction? _transaction;
    private int _uncommitted;
    private long _began;

    protected override async Task OpenAsync(CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await using (var pragma = _connection.CreateCommand())
        {
            // WAL with NORMAL sync is durable at each checkpoint and crash-consistent at every commit.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        // The bulk path binds through SQLite's C API directly: per-value type mapping of the ADO.NET layer
        // costs more than SQLite's own work at this row rate.
        var sql = $"INSERT INTO calls ({CallColumns.Quoted(CallColumns.Names)}) VALUES ({string.Join(", ", CallColumns.Names.Select((_, i) => $"?{i + 1}"))}) ON CONFLICT DO NOTHING";
        Check(raw.sqlite3_prepare_v2(_connection.Handle!, sql, out _insert));
    }

    public override async Task<int> WriteAsync(IReadOnlyList<CallRecord> batch, CancellationToken ct = default)
    {
        if (_transaction is null)
        {
            _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
            _began = Environment.TickCount64;
        }

        var db = _connection.Handle!;
        var s = _insert!;
        var inserted = 0;
        var rollups = new RollupDelta();
        Span<byte> enterprise = stackalloc byte[16];
        foreach (var c in batch)
        {
            // Same representations as the EF model: Guid as 16 bytes, instants as Unix ms, enums as names.
            c.EnterpriseId.TryWriteBytes(enterprise);
            raw.sqlite3_bind_blob(s, 1, enterprise);
            raw.sqlite3_bind_text(s, 2, c.Line);
            raw.sqlite3_bind_text(s, 3, c.Direction == CallDirection.In ? "In" : "Out");
            Blob(s, 4, c.CustomerNumber);
            Blob(s, 5, c.CustomerNumberIndex);
            Blob(s, 6, c.CustomerName);
            Text(s, 7, c.Agent);
            Text(s, 8, c.Queue);
            raw.sqlite3_bind_int64(s, 9, c.StartedAt.ToUnixTimeMilliseconds());
            Long(s, 10, c.AnsweredAt?.ToUnixTimeMilliseconds());
            Long(s, 11, c.EndedAt?.ToUnixTimeMilliseconds());
            raw.sqlite3_bind_int(s, 12, c.RingSeconds);
            raw.sqlite3_bind_int(s, 13, c.TalkSeconds);
            raw.sqlite3_bind_text(s, 14, DispositionNames[(int)c.Disposition]);
            Text(s, 15, c.HangupCause);
            raw.sqlite3_bind_int(s, 16, c.Missed ? 1 : 0);
            raw.sqlite3_bind_text(s, 17, c.SourceSystem);
            raw.sqlite3_bind_text(s, 18, c.SourceId);
            raw.sqlite3_bind_int64(s, 19, c.CreatedAt.ToUnixTimeMilliseconds());
            Text(s, 20, c.Trunk);
            var rc = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            if (raw.sqlite3_changes(db) == 1)
            {
                inserted++;
                if (CallContribution.Of(c) is { } contribution)
                {
                    rollups.Add(c.EnterpriseId, contribution);
                }
            }
        }

        await RollupStore.ApplyAsync(_connection, _transaction, DatabaseProvider.Sqlite, rollups, ct);
        _uncommitted += batch.Count;
        if (_uncommitted >= RowsPerTransaction || Environment.TickCount64 - _began >= (long)TransactionTime.TotalMilliseconds)
        {
            await CompleteAsync(ct);
        }

        return inserted;
    }

    public override async Task CompleteAsync(CancellationToken ct = default)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        _uncommitted = 0;
    }

    private static readonly string[] DispositionNames = Enum.GetNames<CallDisposition>();

    private static void Blob(sqlite3_stmt s, int i, byte[]? v)
    {
        if (v is null)
        {
            raw.sqlite3_bind_null(s, i);
        }
        else
        {
            raw.sqlite3_bind_blob(s, i, v);
        }
    }

    private static void Text(sqlite3_stmt s, int i, string? v)
    {
        if (v is null)
        {
            raw.sqlite3_bind_null(s, i);
        }
        else
        {
            raw.sqlite3_bind_text(s, i, v);
        }
    }

    private static void Long(sqlite3_stmt s, int i, long? v)
    {
        if (v is null)
        {
            raw.sqlite3_bind_null(s, i);
        }
        else
        {
            raw.sqlite3_bind_int64(s, i, v.Value);
        }
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(_connection.Handle!).utf8_to_string()}", rc);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync(); // not completed: rolled back
        }

        _insert?.Dispose();
        await _connection.DisposeAsync();
    }
}

internal sealed class PostgresCallBatchWriter(string connectionString) : CallBatchWriter
{
    private readonly NpgsqlConnection _connection = new(connectionString);

    protected override async Task OpenAsync(CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await using var create = _connection.CreateCommand();
        create.CommandText = """
            CREATE TEMP TABLE IF NOT EXISTS calls_incoming (
              "EnterpriseId" uuid, "Line" varchar(6), "Direction" varchar(3), "CustomerNumber" bytea, "CustomerNumberIndex" bytea,
              "CustomerName" bytea, "Agent" varchar(64), "Queue" varchar(64), "StartedAt" timestamptz, "AnsweredAt" timestamptz,
              "EndedAt" timestamptz, "RingSeconds" int, "TalkSeconds" int, "Disposition" varchar(16), "HangupCause" varchar(64),
              "Missed" boolean, "SourceSystem" varchar(16), "SourceId" varchar(128), "CreatedAt" timestamptz, "Trunk" varchar(64)
            ) ON COMMIT DELETE ROWS
            """;
        await create.ExecuteNonQueryAsync(ct);
    }

    public override async Task<int> WriteAsync(IReadOnlyList<CallRecord> batch, CancellationToken ct = default)
    {
        await using var tx = await _connection.BeginTransactionAsync(ct);
        await CallPartitions.EnsureAsync(_connection, batch.Select(c => c.StartedAt), ct);
        var columns = CallColumns.Quoted(CallColumns.Names);
        await using (var copy = await _connection.BeginBinaryImportAsync($"COPY calls_incoming ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in batch)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(c.EnterpriseId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(c.Line, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(c.Direction.ToString(), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, c.CustomerNumber, NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, c.CustomerNumberIndex, NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, c.CustomerName, NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, c.Agent, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, c.Queue, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(c.StartedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(copy, c.AnsweredAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(copy, c.EndedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(c.RingSeconds, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(c.TalkSeconds, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(c.Disposition.ToString(), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, c.HangupCause, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(c.Missed, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(c.SourceSystem, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(c.SourceId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(c.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(copy, c.Trunk, NpgsqlDbType.Varchar, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using var insert = _connection.CreateCommand();
        insert.Transaction = tx;
        // RETURNING gives exactly the rows that were new: only they count in the roll-ups.
        insert.CommandText = $"""
            INSERT INTO calls ({columns}) SELECT {columns} FROM calls_incoming ON CONFLICT DO NOTHING
            RETURNING "EnterpriseId", "Line", "Direction", "StartedAt", "AnsweredAt", "Missed", "TalkSeconds", "RingSeconds", "CustomerNumberIndex"
            """;
        var inserted = 0;
        var rollups = new RollupDelta();
        await using (var reader = await insert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                inserted++;
                rollups.Add(reader.GetGuid(0), new CallContribution(reader.GetString(1), reader.GetString(2) == "In" ? CallDirection.In : CallDirection.Out,
                    reader.GetFieldValue<DateTimeOffset>(3), !reader.IsDBNull(4), reader.GetBoolean(5), reader.GetInt32(6), reader.GetInt32(7),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8)));
            }
        }

        await RollupStore.ApplyAsync(_connection, tx, DatabaseProvider.Postgres, rollups, ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(ct);
        }
        else
        {
            await copy.WriteAsync(value, type, ct);
        }
    }

    public override async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
