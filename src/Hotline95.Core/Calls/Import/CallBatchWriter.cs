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

    /// <summary>
    /// Sends the batch's rows (it may be reused as soon as this returns); they are stored at the next commit, which
    /// happens when the writer decides or at <see cref="CompleteAsync"/>.
    /// </summary>
    public abstract Task WriteAsync(SealedCallBatch batch, CancellationToken ct = default);

    /// <summary>Rows given to <see cref="WriteAsync"/> so far.</summary>
    public long Written { get; protected set; }

    /// <summary>
    /// Of those, the rows found new and stored (the others were stored already), as far as known: rows not yet sent to
    /// the database count after the next commit.
    /// </summary>
    public long Stored { get; protected set; }

    /// <summary>
    /// Commits whatever is still pending; without it, rows written since the last commit are rolled back. The
    /// caller must complete before anything else in this process writes to the database (a new month's data key):
    /// SQLite's write lock is held between commits.
    /// </summary>
    public virtual Task CompleteAsync(CancellationToken ct = default) => Task.CompletedTask;

    protected abstract Task OpenAsync(CancellationToken ct);

    /// <summary>Applies the transaction's roll-ups in it (to <paramref name="shard"/>), commits it and disposes of it.</summary>
    protected static async Task CommitAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, DatabaseProvider provider,
        RollupDelta rollups, int shard, CancellationToken ct)
    {
        var phase = ImportProfile.Now();
        await RollupStore.ApplyAsync(connection, transaction, provider, rollups, shard, ct);
        phase = ImportProfile.Add(ImportProfile.Phase.Rollups, phase);
        await transaction.CommitAsync(ct);
        ImportProfile.Add(ImportProfile.Phase.Commit, phase);
        await transaction.DisposeAsync();
    }

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

    public override async Task WriteAsync(SealedCallBatch batch, CancellationToken ct = default)
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
        Written += batch.Count;
        Stored += inserted;
        if (_uncommitted >= RowsPerTransaction || Environment.TickCount64 - _began >= (long)TransactionTime.TotalMilliseconds)
        {
            await CompleteAsync(ct);
        }
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

    public override async Task CompleteAsync(CancellationToken ct = default)
    {
        if (_transaction is not null)
        {
            await CommitAsync(_connection, _transaction, DatabaseProvider.Sqlite, _rollups, RollupShards.Shared, ct);
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

/// <summary>The enums' names as the EF model stores them (SQLite's text, PostgreSQL's varchar), as UTF-8 in one array.</summary>
internal static class EnumWords
{
    private static readonly string[] Words = [.. Enum.GetNames<CallDirection>(), .. Enum.GetNames<CallDisposition>()];
    private static readonly SealedCallBatch.Slice[] Slices = Words.Select((w, i) => new SealedCallBatch.Slice(Words.Take(i).Sum(x => x.Length), w.Length)).ToArray();

    public static readonly byte[] Bytes = Encoding.ASCII.GetBytes(string.Concat(Words));

    public static SealedCallBatch.Slice Of(CallDirection direction) => Slices[(int)direction];

    public static SealedCallBatch.Slice Of(CallDisposition disposition) => Slices[DispositionsFrom + (int)disposition];

    private static readonly int DispositionsFrom = Enum.GetNames<CallDirection>().Length;
}

