using Hotline95.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// The bulk path: bypasses change tracking, writes a batch in one transaction, and skips records whose
/// (enterprise, source system, source id) is already stored, returning how many were new. A batch is all
/// or nothing, so an import killed at any moment and run again ends with each row exactly once.
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

    protected abstract Task OpenAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected static readonly string[] Columns =
    [
        "EnterpriseId", "Line", "Direction", "CustomerNumber", "CustomerNumberIndex", "CustomerName", "Agent", "Queue",
        "StartedAt", "AnsweredAt", "EndedAt", "RingSeconds", "TalkSeconds", "Disposition", "HangupCause", "Missed",
        "SourceSystem", "SourceId", "CreatedAt",
    ];
}

internal sealed class SqliteCallBatchWriter(string connectionString) : CallBatchWriter
{
    private readonly SqliteConnection _connection = new(connectionString);
    private SqliteCommand? _insert;
    private SqliteParameter[] _p = [];

    protected override async Task OpenAsync(CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await using (var pragma = _connection.CreateCommand())
        {
            // WAL with NORMAL sync is durable at each checkpoint and crash-consistent at every commit.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        _insert = _connection.CreateCommand();
        _insert.CommandText =
            $"INSERT INTO calls ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))}) ON CONFLICT DO NOTHING";
        _p = Columns.Select((_, i) => _insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
    }

    public override async Task<int> WriteAsync(IReadOnlyList<CallRecord> batch, CancellationToken ct = default)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
        _insert!.Transaction = tx;
        var inserted = 0;
        foreach (var c in batch)
        {
            // Same representations as the EF model: Guid as upper-case text, instants as Unix ms, enums as names.
            _p[0].Value = c.EnterpriseId.ToString().ToUpperInvariant();
            _p[1].Value = c.Line;
            _p[2].Value = c.Direction.ToString();
            _p[3].Value = (object?)c.CustomerNumber ?? DBNull.Value;
            _p[4].Value = (object?)c.CustomerNumberIndex ?? DBNull.Value;
            _p[5].Value = (object?)c.CustomerName ?? DBNull.Value;
            _p[6].Value = (object?)c.Agent ?? DBNull.Value;
            _p[7].Value = (object?)c.Queue ?? DBNull.Value;
            _p[8].Value = c.StartedAt.ToUnixTimeMilliseconds();
            _p[9].Value = (object?)c.AnsweredAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
            _p[10].Value = (object?)c.EndedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
            _p[11].Value = c.RingSeconds;
            _p[12].Value = c.TalkSeconds;
            _p[13].Value = c.Disposition.ToString();
            _p[14].Value = (object?)c.HangupCause ?? DBNull.Value;
            _p[15].Value = c.Missed ? 1 : 0;
            _p[16].Value = c.SourceSystem;
            _p[17].Value = c.SourceId;
            _p[18].Value = c.CreatedAt.ToUnixTimeMilliseconds();
            inserted += await _insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return inserted;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
        }

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
              "Missed" boolean, "SourceSystem" varchar(16), "SourceId" varchar(128), "CreatedAt" timestamptz
            ) ON COMMIT DELETE ROWS
            """;
        await create.ExecuteNonQueryAsync(ct);
    }

    public override async Task<int> WriteAsync(IReadOnlyList<CallRecord> batch, CancellationToken ct = default)
    {
        await using var tx = await _connection.BeginTransactionAsync(ct);
        await CallPartitions.EnsureAsync(_connection, batch.Select(c => c.StartedAt), ct);
        var columns = string.Join(", ", Columns.Select(c => $"\"{c}\""));
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
            }

            await copy.CompleteAsync(ct);
        }

        await using var insert = _connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO calls ({columns}) SELECT {columns} FROM calls_incoming ON CONFLICT DO NOTHING";
        var inserted = await insert.ExecuteNonQueryAsync(ct);
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
