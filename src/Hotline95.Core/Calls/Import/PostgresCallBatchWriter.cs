using System.Buffers;
using System.Buffers.Binary;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.Core.Monitoring;
using Npgsql;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// The bulk path on PostgreSQL. One transaction takes up to <see cref="RowsPerTransaction"/> rows, encoded as binary
/// COPY rows straight from the batches' arenas and streamed by COPY straight into calls (its month partitions are
/// created first, between transactions), with the roll-ups in the same transaction, in the import's own roll-up shard.
/// </summary>
/// <remarks>
/// The roll-ups of a transaction are gathered as the rows are sent, taking every row as new, which the COPY confirms
/// by succeeding: it fails on the first row whose (enterprise, start, source system, source id) is stored already (by
/// an earlier import, by another node at the same moment, or earlier in the file). Then the transaction goes back to
/// its savepoint and sends the same rows again into a temporary table, from which <c>INSERT … SELECT … ON CONFLICT DO
/// NOTHING RETURNING</c> stores the new ones and returns them to be counted. Either way each row is stored and counted
/// once; a re-import costs the failed COPY more.
/// </remarks>
internal sealed class PostgresCallBatchWriter(string connectionString) : CallBatchWriter
{
    /// <summary>
    /// Rows per transaction at most: each costs a few round trips (savepoint, partitions, roll-ups, commit), and its
    /// rows are kept encoded (some 13 MB) to be sent again if the COPY fails.
    /// </summary>
    public const int RowsPerTransaction = 50_000;

    /// <summary>The session's memory for temporary tables: a transaction's rows stay in it rather than in files.</summary>
    private const string TempBuffers = "32MB";

    private static readonly string ColumnList = CallColumns.Quoted(CallColumns.Names);

    // PostgreSQL's binary COPY: a header, then per row the field count and each field as length + bytes (−1: NULL),
    // then −1 as the trailer. Timestamps are microseconds since 2000-01-01 UTC, integers big-endian.
    private static readonly byte[] CopyHeader = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] CopyTrailer = [0xFF, 0xFF];
    private const long PostgresEpochUnixMilliseconds = 946_684_800_000L;

    private readonly NpgsqlConnection _connection = new(connectionString);
    private readonly ArrayBufferWriter<byte> _rows = new(1 << 20); // the transaction's rows, encoded
    private readonly HashSet<DateOnly> _ensured = []; // months whose partition a committed transaction made sure of
    private readonly HashSet<DateOnly> _months = []; // the transaction's months
    private (long From, long To) _month = (0, 0); // the last row's month as Unix ms bounds, to skip the sets
    private NpgsqlTransaction? _transaction;
    private NpgsqlRawCopyStream? _copy;
    private bool _direct; // the transaction's rows go straight into calls (else into calls_incoming)
    private RollupDelta _rollups = new(); // the transaction's rows' roll-ups, taking every row as new
    private int _pending;
    private int _shard; // the roll-up shard this session holds for the import's life (see RollupShards)

    protected override async Task OpenAsync(CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await using var create = _connection.CreateCommand();
        create.CommandText = $"""
            SET temp_buffers = '{TempBuffers}';
            CREATE TEMP TABLE IF NOT EXISTS calls_incoming (
              "EnterpriseId" uuid, "Line" varchar(6), "Direction" varchar(3), "CustomerNumber" bytea, "CustomerNumberIndex" bytea,
              "CustomerName" bytea, "Agent" varchar(64), "Queue" varchar(64), "StartedAt" timestamptz, "AnsweredAt" timestamptz,
              "EndedAt" timestamptz, "RingSeconds" int, "TalkSeconds" int, "Disposition" varchar(16), "HangupCause" varchar(64),
              "Missed" boolean, "SourceSystem" varchar(16), "SourceId" varchar(128), "CreatedAt" timestamptz, "Trunk" varchar(64),
              "StartedDay" int
            ) ON COMMIT DELETE ROWS
            """;
        await create.ExecuteNonQueryAsync(ct);
        // Roll-up rows of its own: a 50,000-row transaction holding the day's shared row would stall every CTI writer
        // until it commits. Unlocked at the end (the pool's reset would only run with the connection's next use).
        _shard = await RollupShards.TakeAsync(_connection, RollupShards.Shared, ct);
    }

    public override async Task WriteAsync(SealedCallBatch batch, CancellationToken ct = default)
    {
        var phase = ImportProfile.Now();
        var months = NewMonths(batch);
        if (months?.Where(m => !_ensured.Contains(m)).ToList() is { Count: > 0 } unsure)
        {
            // A new month's partition is made between the import's transactions, by one of its own: CREATE TABLE …
            // PARTITION OF locks the whole of calls until its transaction ends, so inside a 50,000-row transaction it
            // would stop every CTI writer until that commit. What the transaction has so far is committed first.
            if (_transaction is not null)
            {
                await CompleteAsync(ct);
                months = NewMonths(batch);
            }

            await EnsurePartitionsBetweenTransactionsAsync(unsure, ct);
            _ensured.UnionWith(unsure);
        }

        if (_transaction is null)
        {
            _transaction = await _connection.BeginTransactionAsync(ct);
            await _transaction.SaveAsync("incoming", ct);
            _direct = true;
        }

        if (months is not null)
        {
            _months.UnionWith(months);
        }

        var from = _rows.WrittenCount;
        Encode(batch);
        if (_copy is null)
        {
            await StartCopyAsync(_direct ? "calls" : "calls_incoming", ct);
        }

        await SendAsync(_rows.WrittenMemory[from..], ct);
        phase = ImportProfile.Add(ImportProfile.Phase.Insert, phase);
        _rollups.Merge(batch.Rollups);
        ImportProfile.Add(ImportProfile.Phase.Rollups, phase);
        _pending += batch.Count;
        Written += batch.Count;
        if (_pending >= RowsPerTransaction)
        {
            await CompleteAsync(ct);
        }
    }

    /// <summary>
    /// Waits for its lock on calls at most <see cref="PartitionLockWait"/> a try: while it waits, every CTI insert queues
    /// behind it, so rather than wait out a long transaction (another import's, a backup's) it gives way and tries again.
    /// </summary>
    private async Task EnsurePartitionsBetweenTransactionsAsync(List<DateOnly> months, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using (var limit = new NpgsqlCommand($"SET lock_timeout = {(int)PartitionLockWait.TotalMilliseconds}", _connection))
            {
                await limit.ExecuteNonQueryAsync(ct);
            }

            try
            {
                await EnsurePartitionsAsync(months, ct);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable && attempt < PartitionLockTries)
            {
                await Task.Delay(PartitionLockPause, ct);
            }
            finally
            {
                await using var reset = new NpgsqlCommand("RESET lock_timeout", _connection);
                await reset.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    private static readonly TimeSpan PartitionLockWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PartitionLockPause = TimeSpan.FromMilliseconds(500);
    private const int PartitionLockTries = 240; // about two minutes, then the import stops with PostgreSQL's error (what it stored is kept)

    private Task EnsurePartitionsAsync(IEnumerable<DateOnly> months, CancellationToken ct) =>
        CallPartitions.EnsureAsync(_connection, months.Select(m => new DateTimeOffset(m.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)), ct);

    /// <summary>The months of the batch's rows that the transaction has not had yet, or null.</summary>
    private List<DateOnly>? NewMonths(SealedCallBatch batch)
    {
        List<DateOnly>? months = null;
        var rows = batch.Rows;
        for (var i = 0; i < batch.Count; i++)
        {
            var started = rows[i].StartedAt;
            if (started >= _month.From && started < _month.To)
            {
                continue;
            }

            var month = CallPartitions.MonthOfUtc(DateTimeOffset.FromUnixTimeMilliseconds(started));
            _month = (UnixMilliseconds(month), UnixMilliseconds(month.AddMonths(1)));
            if (!_months.Contains(month) && !(months ??= []).Contains(month))
            {
                months.Add(month);
            }
        }

        return months;
    }

    private async Task StartCopyAsync(string table, CancellationToken ct)
    {
        _copy = await _connection.BeginRawBinaryCopyAsync($"COPY {table} ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        await _copy.WriteAsync(CopyHeader, ct);
    }

    /// <summary>
    /// Sends rows to the COPY. A COPY straight into calls that fails on a row stored already goes back to the
    /// savepoint, and the transaction's rows (these too) go to calls_incoming instead.
    /// </summary>
    private async Task SendAsync(ReadOnlyMemory<byte> rows, CancellationToken ct)
    {
        try
        {
            await _copy!.WriteAsync(rows, ct);
        }
        catch (PostgresException ex) when (_direct && IsCollision(ex))
        {
            await FallBackAsync(ct);
        }
    }

    /// <summary>Ends the COPY (its rows are then in its table); see <see cref="SendAsync"/> for a failed one.</summary>
    private async Task EndCopyAsync(CancellationToken ct)
    {
        if (_copy is null)
        {
            return;
        }

        try
        {
            await _copy.WriteAsync(CopyTrailer, ct);
            await _copy.DisposeAsync();
            _copy = null;
        }
        catch (PostgresException ex) when (_direct && IsCollision(ex))
        {
            _copy = null;
            await FallBackAsync(ct);
            await EndCopyAsync(ct);
        }
    }

    /// <summary>
    /// A row stored already (unique violation), or a month's partition gone since this writer made sure of it (no
    /// partition for the row: the retention purge dropped it): the slow path sorts both out.
    /// </summary>
    private static bool IsCollision(PostgresException ex) => ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation;

    private async Task FallBackAsync(CancellationToken ct)
    {
        if (_copy is not null)
        {
            try
            {
                await _copy.DisposeAsync();
            }
            catch (PostgresException)
            {
                // The failure the caller is handling.
            }

            _copy = null;
        }

        await _transaction!.RollbackAsync("incoming", ct);
        _ensured.Clear();
        _direct = false;
        await StartCopyAsync("calls_incoming", ct);
        await _copy!.WriteAsync(_rows.WrittenMemory, ct);
    }

    /// <summary>
    /// The columns <see cref="Encode"/> writes, in its order. The COPY names <see cref="CallColumns.Names"/>: a column added there
    /// or moved fails here, at the first import, instead of landing in its neighbour's column.
    /// </summary>
    private static readonly string[] EncodedColumns = SameAsCallColumns(
    [
        "EnterpriseId", "Line", "Direction", "CustomerNumber", "CustomerNumberIndex", "CustomerName", "Agent", "Queue",
        "StartedAt", "AnsweredAt", "EndedAt", "RingSeconds", "TalkSeconds", "Disposition", "HangupCause", "Missed",
        "SourceSystem", "SourceId", "CreatedAt", "Trunk", "StartedDay",
    ]);

    private static string[] SameAsCallColumns(string[] encoded) => encoded.SequenceEqual(CallColumns.Names, StringComparer.Ordinal)
        ? encoded
        : throw new InvalidOperationException("PostgresCallBatchWriter.Encode writes other columns than CallColumns.Names, or in another order: update Encode.");

    /// <summary>
    /// Appends the batch's rows to <see cref="_rows"/> as binary COPY rows, in the order of <see cref="CallColumns.Names"/>,
    /// and adds their callers to the batch's roll-ups (taking every row as new).
    /// </summary>
    private void Encode(SealedCallBatch batch)
    {
        var arena = batch.Arena.AsSpan();
        var rows = batch.Rows;
        for (var i = 0; i < batch.Count; i++)
        {
            ref readonly var r = ref rows[i];
            var row = _rows.GetSpan(2 + 4 + 16);
            BinaryPrimitives.WriteInt16BigEndian(row, (short)EncodedColumns.Length);
            BinaryPrimitives.WriteInt32BigEndian(row[2..], 16);
            r.EnterpriseId.TryWriteBytes(row[6..], bigEndian: true, out _);
            _rows.Advance(2 + 4 + 16);
            Field(arena, r.Line);
            Field(EnumWords.Bytes, EnumWords.Of(r.Direction));
            Field(arena, r.CustomerNumber);
            Field(arena, r.CustomerNumberIndex);
            Field(arena, r.CustomerName);
            Field(arena, r.Agent);
            Field(arena, r.Queue);
            Timestamp(r.StartedAt);
            Timestamp(r.AnsweredAt);
            Timestamp(r.EndedAt);
            Int32(r.RingSeconds);
            Int32(r.TalkSeconds);
            Field(EnumWords.Bytes, EnumWords.Of(r.Disposition));
            Field(arena, r.HangupCause);
            Boolean(r.Missed);
            Field(arena, r.SourceSystem);
            Field(arena, r.SourceId);
            Timestamp(r.CreatedAt);
            Field(arena, r.Trunk);
            Int32(r.StartedDay);

            if (r.CustomerNumberIndex.Length >= 8)
            {
                batch.DayOf(i)?.AddCaller(arena.Slice(r.CustomerNumberIndex.Offset, r.CustomerNumberIndex.Length));
            }
        }
    }

    private static long UnixMilliseconds(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private void Field(ReadOnlySpan<byte> bytes, SealedCallBatch.Slice value)
    {
        if (value.IsNull)
        {
            Null();
            return;
        }

        var span = _rows.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        bytes.Slice(value.Offset, value.Length).CopyTo(span[4..]);
        _rows.Advance(4 + value.Length);
    }

    private void Null()
    {
        BinaryPrimitives.WriteInt32BigEndian(_rows.GetSpan(4), -1);
        _rows.Advance(4);
    }

    private void Timestamp(long? unixMilliseconds)
    {
        if (unixMilliseconds is not { } ms)
        {
            Null();
            return;
        }

        var span = _rows.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], (ms - PostgresEpochUnixMilliseconds) * 1000);
        _rows.Advance(12);
    }

    private void Int32(int value)
    {
        var span = _rows.GetSpan(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
        _rows.Advance(8);
    }

    private void Boolean(bool value)
    {
        var span = _rows.GetSpan(5);
        BinaryPrimitives.WriteInt32BigEndian(span, 1);
        span[4] = value ? (byte)1 : (byte)0;
        _rows.Advance(5);
    }

    public override async Task CompleteAsync(CancellationToken ct = default)
    {
        if (_transaction is null)
        {
            return;
        }

        var phase = ImportProfile.Now();
        await EndCopyAsync(ct);
        if (_direct)
        {
            Stored += _pending; // the COPY succeeded: every row was new
        }
        else
        {
            await EnsurePartitionsAsync(_months, ct);
            var (stored, rollups) = await InsertCountingAsync(ct);
            Stored += stored;
            _rollups = rollups;
        }

        ImportProfile.Add(ImportProfile.Phase.Insert, phase);
        await CommitAsync(_connection, _transaction, DatabaseProvider.Postgres, _rollups, _shard, ct);
        _transaction = null;
        _ensured.UnionWith(_months);
        _months.Clear();
        _month = (0, 0);
        _rows.ResetWrittenCount();
        _rollups = new RollupDelta();
        _pending = 0;
    }

    /// <summary>The INSERT returning what it stores: only those rows count in the roll-ups.</summary>
    private async Task<(int Stored, RollupDelta Rollups)> InsertCountingAsync(CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO calls ({ColumnList}) SELECT {ColumnList} FROM calls_incoming ON CONFLICT DO NOTHING
            RETURNING "EnterpriseId", "Line", "Direction", "StartedAt", "AnsweredAt", "Missed", "TalkSeconds", "RingSeconds", "CustomerNumberIndex"
            """, _connection, _transaction);
        var stored = 0;
        var rollups = new RollupDelta();
        await using var reader = await insert.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            stored++;
            rollups.Add(reader.GetGuid(0), new CallContribution(reader.GetString(1), reader.GetString(2) == "In" ? CallDirection.In : CallDirection.Out,
                reader.GetFieldValue<DateTimeOffset>(3), !reader.IsDBNull(4), reader.GetBoolean(5), reader.GetInt32(6), reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8)));
        }

        return (stored, rollups);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_copy is not null)
            {
                try
                {
                    await _copy.CancelAsync(); // not completed: nothing of it is stored
                    await _copy.DisposeAsync();
                }
                catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
                {
                    // The connection is broken or the COPY failed: the transaction is rolled back whatever happens here.
                }
            }

            if (_transaction is not null)
            {
                await _transaction.DisposeAsync(); // not completed: rolled back
            }
        }
        finally
        {
            if (_shard != RollupShards.Shared && _connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({ClusterLocks.RollupShard(_shard)})", _connection);
                    await unlock.ExecuteNonQueryAsync();
                }
                catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
                {
                    // A broken session has let go of it already.
                }
            }

            await _connection.DisposeAsync();
        }
    }
}
