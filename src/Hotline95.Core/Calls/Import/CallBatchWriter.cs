using Hotline95.Core.Data;
using Hotline95.Core.Monitoring;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;
using NpgsqlTypes;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// The bulk path: bypasses change tracking and skips records whose (enterprise, start, source system, source id) is
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
        try
        {
            await writer.OpenAsync(ct);
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }

        return writer;
    }

    public abstract Task<int> WriteAsync(SealedCallBatch batch, CancellationToken ct = default);

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
    /// Rows per transaction at most. Every commit writes each page it touched to the WAL again, so the fewer the
    /// commits the less is written twice; and an uncommitted transaction's pages must fit SQLite's cache.
    /// </summary>
    public const int RowsPerTransaction = 200_000;

    /// <summary>
    /// Time per transaction at most: SQLite has one write lock, and the server's CTI writes wait while an import
    /// holds it (see the README), so it is given back at least this often.
    /// </summary>
    public static readonly TimeSpan TransactionTime = TimeSpan.FromMilliseconds(500);

    /// <summary>WAL pages (4 KiB) past which the writer checkpoints itself; see OpenAsync.</summary>
    private const int WalCheckpointPages = 16_384;

    private readonly SqliteConnection _connection = new(connectionString);
    private readonly Channel<bool> _committed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Task? _checkpoints;
    private sqlite3_stmt? _insert;
    private SqliteTransaction? _transaction;
    private RollupDelta _rollups = new(); // the new rows' roll-ups, applied in the transaction that stores them
    private int _uncommitted;
    private long _began;

    protected override async Task OpenAsync(CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await using (var pragma = _connection.CreateCommand())
        {
            // WAL with NORMAL sync is durable at each checkpoint and crash-consistent at every commit. A second
            // connection copies the WAL into the database beside the writer (CheckpointAsync): doing it here would
            // stop the import each time. As that one races the writer, the WAL may not be rewound; past
            // WalCheckpointPages this connection checkpoints too (little is left to copy by then), which lets the
            // next transaction start the WAL over, so it stays bounded.
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint={WalCheckpointPages}; PRAGMA journal_size_limit={WalCheckpointPages * 4096L};";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        _checkpoints = Task.Run(CheckpointAsync, CancellationToken.None);

        // The bulk path binds through SQLite's C API directly: per-value type mapping of the ADO.NET layer
        // costs more than SQLite's own work at this row rate.
        var sql = $"INSERT INTO calls ({CallColumns.Quoted(CallColumns.Names)}) VALUES ({string.Join(", ", CallColumns.Names.Select((_, i) => $"?{i + 1}"))}) ON CONFLICT DO NOTHING";
        Check(raw.sqlite3_prepare_v2(_connection.Handle!, sql, out _insert));
    }

    public override async Task<int> WriteAsync(SealedCallBatch batch, CancellationToken ct = default)
    {
        if (_transaction is null)
        {
            _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
            _began = Environment.TickCount64;
        }

        var phase = ImportProfile.Now();
        var inserted = Insert(batch, _rollups);
        phase = ImportProfile.Add(ImportProfile.Phase.Insert, phase);
        _rollups.Merge(batch.Rollups);
        ImportProfile.Add(ImportProfile.Phase.Rollups, phase);
        _uncommitted += batch.Count;
        if (_uncommitted >= RowsPerTransaction || Environment.TickCount64 - _began >= (long)TransactionTime.TotalMilliseconds)
        {
            await CompleteAsync(ct);
        }

        return inserted;
    }

    /// <summary>
    /// Inserts the batch's rows, binding their bytes in place (SQLITE_STATIC) while the arena is pinned, and takes
    /// the rows already stored out of <paramref name="rollups"/>. Same representations as the EF model: Guid as 16 bytes,
    /// instants as Unix ms, enums as names.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called once a batch: optimised from the first, not after tiering up
    private unsafe int Insert(SealedCallBatch batch, RollupDelta rollups)
    {
        bool statementRef = false, databaseRef = false;
        try
        {
            _insert!.DangerousAddRef(ref statementRef);
            _connection.Handle!.DangerousAddRef(ref databaseRef);
            var s = _insert.DangerousGetHandle();
            var db = _connection.Handle.DangerousGetHandle();
            var inserted = 0;
            var rows = batch.Rows;
            fixed (byte* arena = batch.Arena)
            fixed (byte* words = EnumWords.Bytes)
            {
                try
                {
                    // A parameter keeps its value from row to row: one that is the same bytes as the row before
                    // (a line, a queue, the enterprise) is not bound again.
                    Span<SealedCallBatch.Slice> bound = stackalloc SealedCallBatch.Slice[CallColumns.Names.Length + 1];
                    bound.Fill(Unbound);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        ref readonly var r = ref rows[i];
                        Bind(s, 1, arena, r.Enterprise, text: false, bound);
                        Bind(s, 2, arena, r.Line, text: true, bound);
                        Bind(s, 3, words, EnumWords.Of(r.Direction), text: true, bound);
                        Bind(s, 4, arena, r.CustomerNumber, text: false, bound);
                        Bind(s, 5, arena, r.CustomerNumberIndex, text: false, bound);
                        Bind(s, 6, arena, r.CustomerName, text: false, bound);
                        Bind(s, 7, arena, r.Agent, text: true, bound);
                        Bind(s, 8, arena, r.Queue, text: true, bound);
                        SqliteNative.BindInt64(s, 9, r.StartedAt);
                        Bind(s, 10, r.AnsweredAt);
                        Bind(s, 11, r.EndedAt);
                        SqliteNative.BindInt64(s, 12, r.RingSeconds);
                        SqliteNative.BindInt64(s, 13, r.TalkSeconds);
                        Bind(s, 14, words, EnumWords.Of(r.Disposition), text: true, bound);
                        Bind(s, 15, arena, r.HangupCause, text: true, bound);
                        SqliteNative.BindInt64(s, 16, r.Missed ? 1 : 0);
                        Bind(s, 17, arena, r.SourceSystem, text: true, bound);
                        Bind(s, 18, arena, r.SourceId, text: true, bound);
                        SqliteNative.BindInt64(s, 19, r.CreatedAt);
                        Bind(s, 20, arena, r.Trunk, text: true, bound);
                        SqliteNative.BindInt64(s, 21, r.StartedDay);
                        var rc = SqliteNative.Step(s);
                        SqliteNative.Reset(s);
                        if (rc != SqliteNative.Done)
                        {
                            Check(rc);
                        }

                        if (SqliteNative.Changes(db) == 1)
                        {
                            inserted++;
                            if (r.CustomerNumberIndex.Length >= 8)
                            {
                                batch.DayOf(i)?.AddCaller(new ReadOnlySpan<byte>(arena + r.CustomerNumberIndex.Offset, r.CustomerNumberIndex.Length));
                            }
                        }
                        else if (batch.Contribution(i) is { } contribution)
                        {
                            rollups.Add(r.EnterpriseId, contribution, -1); // already stored, and counted then
                        }
                    }
                }
                finally
                {
                    SqliteNative.ClearBindings(s); // nothing may point into the arena once it is unpinned
                }
            }

            return inserted;
        }
        finally
        {
            if (databaseRef)
            {
                _connection.Handle!.DangerousRelease();
            }

            if (statementRef)
            {
                _insert!.DangerousRelease();
            }
        }
    }

    /// <summary>No slice of any arena: the first row binds every parameter.</summary>
    private static readonly SealedCallBatch.Slice Unbound = new(-1, -2);

    private static unsafe void Bind(nint statement, int index, byte* bytes, SealedCallBatch.Slice value, bool text, Span<SealedCallBatch.Slice> bound)
    {
        // The same slice of the same pinned bytes (each parameter always binds from the same array): bound already.
        if (bound[index] == value)
        {
            return;
        }

        bound[index] = value;
        if (value.IsNull)
        {
            SqliteNative.BindNull(statement, index);
        }
        else if (text)
        {
            SqliteNative.BindText(statement, index, bytes + value.Offset, value.Length, SqliteNative.Static);
        }
        else
        {
            SqliteNative.BindBlob(statement, index, bytes + value.Offset, value.Length, SqliteNative.Static);
        }
    }

    private static void Bind(nint statement, int index, long? value)
    {
        if (value is { } v)
        {
            SqliteNative.BindInt64(statement, index, v);
        }
        else
        {
            SqliteNative.BindNull(statement, index);
        }
    }

    /// <summary>The enums' names as the EF model stores them, as UTF-8 in one array.</summary>
    private static class EnumWords
    {
        private static readonly string[] Words = [.. Enum.GetNames<CallDirection>(), .. Enum.GetNames<CallDisposition>()];
        private static readonly SealedCallBatch.Slice[] Slices = Words.Select((w, i) => new SealedCallBatch.Slice(Words.Take(i).Sum(x => x.Length), w.Length)).ToArray();

        public static readonly byte[] Bytes = Encoding.ASCII.GetBytes(string.Concat(Words));

        public static SealedCallBatch.Slice Of(CallDirection direction) => Slices[(int)direction];

        public static SealedCallBatch.Slice Of(CallDisposition disposition) => Slices[DispositionsFrom + (int)disposition];

        private static readonly int DispositionsFrom = Enum.GetNames<CallDirection>().Length;
    }

    public override async Task CompleteAsync(CancellationToken ct = default)
    {
        if (_transaction is not null)
        {
            var phase = ImportProfile.Now();
            await RollupStore.ApplyAsync(_connection, _transaction, DatabaseProvider.Sqlite, _rollups, ct);
            phase = ImportProfile.Add(ImportProfile.Phase.Rollups, phase);
            await _transaction.CommitAsync(ct);
            ImportProfile.Add(ImportProfile.Phase.Commit, phase);
            await _transaction.DisposeAsync();
            _transaction = null;
            _rollups = new RollupDelta();
            _committed.Writer.TryWrite(true);
        }

        _uncommitted = 0;
    }

    /// <summary>
    /// After each commit, copies what the WAL holds into the database file, on its own connection and thread while
    /// the writer goes on (a passive checkpoint never waits for the writer). What the last one leaves is copied by
    /// the next connection to commit or the last to close, as always in WAL mode; a failed checkpoint loses nothing.
    /// </summary>
    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            while (await _committed.Reader.WaitToReadAsync())
            {
                _committed.Reader.TryRead(out _);
                await checkpoint.ExecuteNonQueryAsync();
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            // An optimisation only: see above.
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
        _committed.Writer.TryComplete();
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync(); // not completed: rolled back
            }

            _insert?.Dispose();
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                // The connection goes back to the pool: whoever uses it next checkpoints as SQLite does by default.
                await using var pragma = _connection.CreateCommand();
                pragma.CommandText = "PRAGMA wal_autocheckpoint=1000; PRAGMA journal_size_limit=-1;";
                await pragma.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            await _connection.DisposeAsync();
            if (_checkpoints is not null)
            {
                await _checkpoints;
            }
        }
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
              "Missed" boolean, "SourceSystem" varchar(16), "SourceId" varchar(128), "CreatedAt" timestamptz, "Trunk" varchar(64),
              "StartedDay" int
            ) ON COMMIT DELETE ROWS
            """;
        await create.ExecuteNonQueryAsync(ct);
    }

    public override async Task<int> WriteAsync(SealedCallBatch batch, CancellationToken ct = default)
    {
        await using var tx = await _connection.BeginTransactionAsync(ct);
        var rows = batch.Rows;
        await CallPartitions.EnsureAsync(_connection, rows.Take(batch.Count).Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt)), ct);
        var columns = CallColumns.Quoted(CallColumns.Names);
        await using (var copy = await _connection.BeginBinaryImportAsync($"COPY calls_incoming ({columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var r = rows[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.EnterpriseId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(batch.Line(i), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.Direction.ToString(), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, batch.Blob(r.CustomerNumber), NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, batch.Blob(r.CustomerNumberIndex), NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, batch.Blob(r.CustomerName), NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, batch.Text(r.Agent), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, batch.Text(r.Queue), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(Instant(r.StartedAt), NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(copy, r.AnsweredAt is { } answered ? Instant(answered) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(copy, r.EndedAt is { } ended ? Instant(ended) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(r.RingSeconds, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.TalkSeconds, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.Disposition.ToString(), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, batch.Text(r.HangupCause), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.Missed, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(batch.Text(r.SourceSystem), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(batch.Text(r.SourceId), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(Instant(r.CreatedAt), NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(copy, batch.Text(r.Trunk), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.StartedDay, NpgsqlDbType.Integer, ct);
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

    private static DateTimeOffset Instant(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

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
