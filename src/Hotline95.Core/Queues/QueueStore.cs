using System.Data.Common;
using System.Globalization;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Hotline95.Core.Queues;

/// <summary>
/// The queue import's SQL on the context's connection, each statement built once and reused (a million queue_log lines
/// are some 250,000 stays: EF's per-row work would cost more than the database's). Values in the representations of the
/// EF model: on SQLite a Guid is 16 bytes, an instant Unix milliseconds, a day text.
/// </summary>
internal sealed class QueueStore(Hotline95DbContext db) : IDisposable
{
    private static readonly string[] Columns =
    [
        "EnterpriseId", "Line", "Queue", "SourceSystem", "SourceId", "EnteredAt", "State", "Agent", "ConnectedAt", "EndedAt",
        "HoldSeconds", "TalkSeconds", "ExitEvent", "Rings",
    ];

    private static readonly string[] Mutable = ["State", "Agent", "ConnectedAt", "EndedAt", "HoldSeconds", "TalkSeconds", "ExitEvent", "Rings"];
    private static readonly string[] Key = ["EnterpriseId", "SourceSystem", "SourceId", "Queue", "EnteredAt"];

    private static readonly string SelectColumns = string.Join(", ", Columns.Select(c => $"\"{c}\""));
    private static readonly string FindSql = $"SELECT {SelectColumns} FROM queue_calls WHERE \"EnterpriseId\" = @p0 AND \"SourceSystem\" = @p1 AND \"SourceId\" = @p2";
    private static readonly string FindManySql = $"SELECT {SelectColumns} FROM queue_calls WHERE \"EnterpriseId\" = @p0 AND \"SourceSystem\" = @p1 AND \"SourceId\" = ANY(@p2)";
    private static readonly string InsertSql = $"INSERT INTO queue_calls ({SelectColumns}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})";
    private static readonly string UpdateSql =
        $"UPDATE queue_calls SET {string.Join(", ", Mutable.Select((c, i) => $"\"{c}\" = @p{i}"))} WHERE {string.Join(" AND ", Key.Select((c, i) => $"\"{c}\" = @p{Mutable.Length + i}"))}";

    private readonly PreparedCommands _commands = new(db);

    public bool Postgres { get; } = db.Database.IsNpgsql();

    private DbConnection Connection => _commands.Connection;

    private DbTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction();

    /// <summary>
    /// The import lock of an enterprise's queue records from one PBX kind, for the current transaction: on PostgreSQL an
    /// advisory lock; on SQLite the transaction itself holds the database's write lock from its start (BEGIN IMMEDIATE).
    /// </summary>
    public async Task LockAsync(Guid enterprise, string source, CancellationToken ct)
    {
        if (!Postgres)
        {
            return;
        }

        var command = _commands.Get("SELECT pg_advisory_xact_lock(hashtextextended(@p0, 95))", 1);
        command.Transaction = Transaction;
        command.Parameters[0].Value = $"queues:{enterprise:N}:{source}";
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The latest entry time stored from <paramref name="source"/>: an ENTERQUEUE after it cannot be a stay already stored.</summary>
    public async Task<DateTimeOffset?> LatestEntryAsync(Guid enterprise, string source, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var command = _commands.Get("SELECT MAX(\"EnteredAt\") FROM queue_calls WHERE \"EnterpriseId\" = @p0 AND \"SourceSystem\" = @p1", 2);
        command.Transaction = Transaction;
        command.Parameters[0].Value = Guid(enterprise);
        command.Parameters[1].Value = source;
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? null : Postgres ? (DateTimeOffset)(DateTime)value : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>Every stored stay of the calls <paramref name="callIds"/>.</summary>
    public async Task<List<QueueCall>> FindAsync(Guid enterprise, string source, IReadOnlyCollection<string> callIds, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var found = new List<QueueCall>();
        if (Postgres)
        {
            var many = _commands.Get(FindManySql, 3);
            many.Transaction = Transaction;
            many.Parameters[0].Value = enterprise;
            many.Parameters[1].Value = source;
            many.Parameters[2].Value = callIds.ToArray();
            await ReadAsync(many, found, ct);
            return found;
        }

        var find = _commands.Get(FindSql, 3);
        find.Transaction = Transaction;
        find.Parameters[0].Value = Guid(enterprise);
        find.Parameters[1].Value = source;
        foreach (var id in callIds)
        {
            find.Parameters[2].Value = id;
            await ReadAsync(find, found, ct);
        }

        return found;
    }

    /// <summary>
    /// New stays. On SQLite through its C API with a statement prepared once (the ADO.NET layer's per-value work costs more
    /// than SQLite's own at this rate; a many-row INSERT does not help, as SQLite looks each named parameter up by a scan);
    /// on PostgreSQL a prepared INSERT per row inside the batch's transaction.
    /// </summary>
    public async Task InsertAsync(IReadOnlyList<QueueCall> calls, CancellationToken ct)
    {
        if (!Postgres && Connection is SqliteConnection sqlite)
        {
            InsertNative(sqlite, calls);
            return;
        }

        var insert = _commands.Get(InsertSql, Columns.Length);
        insert.Transaction = Transaction;
        foreach (var call in calls)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                insert.Parameters[i].Value = Value(call, Columns[i]);
            }

            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private sqlite3_stmt? _nativeInsert;
    private sqlite3? _nativeFor;

    private void InsertNative(SqliteConnection connection, IReadOnlyList<QueueCall> calls)
    {
        var handle = connection.Handle!;
        if (_nativeInsert is null || !ReferenceEquals(_nativeFor, handle))
        {
            _nativeInsert?.Dispose();
            var sql = $"INSERT INTO queue_calls ({SelectColumns}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"?{i + 1}"))})";
            Check(handle, raw.sqlite3_prepare_v2(handle, sql, out _nativeInsert));
            _nativeFor = handle;
        }

        var s = _nativeInsert;
        foreach (var c in calls)
        {
            raw.sqlite3_bind_blob(s, 1, c.EnterpriseId.ToByteArray());
            raw.sqlite3_bind_text(s, 2, c.Line);
            raw.sqlite3_bind_text(s, 3, c.Queue);
            raw.sqlite3_bind_text(s, 4, c.SourceSystem);
            raw.sqlite3_bind_text(s, 5, c.SourceId);
            raw.sqlite3_bind_int64(s, 6, c.EnteredAt.ToUnixTimeMilliseconds());
            raw.sqlite3_bind_text(s, 7, StateNames[(int)c.State]);
            BindText(s, 8, c.Agent);
            BindInstant(s, 9, c.ConnectedAt);
            BindInstant(s, 10, c.EndedAt);
            BindNumber(s, 11, c.HoldSeconds);
            BindNumber(s, 12, c.TalkSeconds);
            BindText(s, 13, c.ExitEvent);
            BindText(s, 14, c.Rings);
            var rc = raw.sqlite3_step(s);
            raw.sqlite3_reset(s);
            Check(handle, rc);
        }

        raw.sqlite3_clear_bindings(s);
    }

    private static readonly string[] StateNames = Enum.GetNames<QueueCallState>();

    private static void BindText(sqlite3_stmt s, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(s, index);
        }
        else
        {
            raw.sqlite3_bind_text(s, index, value);
        }
    }

    private static void BindInstant(sqlite3_stmt s, int index, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(s, index, v.ToUnixTimeMilliseconds());
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private static void BindNumber(sqlite3_stmt s, int index, int? value)
    {
        if (value is { } v)
        {
            raw.sqlite3_bind_int64(s, index, v);
        }
        else
        {
            raw.sqlite3_bind_null(s, index);
        }
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc);
        }
    }

    /// <summary>The agent intervals still open, or ended at or after <paramref name="from"/>.</summary>
    public async Task<List<AgentInterval>> IntervalsAsync(Guid enterprise, DateTimeOffset from, CancellationToken ct)
    {
        await _commands.OpenAsync(ct);
        var command = _commands.Get("""
            SELECT "Id", "Agent", "Queue", "Kind", "SourceSystem", "StartedAt", "EndedAt" FROM queue_agent_intervals
            WHERE "EnterpriseId" = @p0 AND ("EndedAt" IS NULL OR "EndedAt" >= @p1)
            """, 2);
        command.Transaction = Transaction;
        command.Parameters[0].Value = Guid(enterprise);
        command.Parameters[1].Value = Instant(from);
        var found = new List<AgentInterval>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            DateTimeOffset At(int i) => Postgres ? r.GetFieldValue<DateTimeOffset>(i) : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
            found.Add(new AgentInterval
            {
                Id = r.GetInt64(0), EnterpriseId = enterprise, Agent = r.GetString(1), Queue = r.GetString(2), Kind = Enum.Parse<AgentIntervalKind>(r.GetString(3)),
                SourceSystem = r.GetString(4), StartedAt = At(5), EndedAt = r.IsDBNull(6) ? null : At(6),
            });
        }

        return found;
    }

    public async Task InsertAsync(AgentInterval interval, CancellationToken ct)
    {
        var command = _commands.Get("""
            INSERT INTO queue_agent_intervals ("EnterpriseId", "Agent", "Queue", "Kind", "SourceSystem", "StartedAt", "EndedAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6) RETURNING "Id"
            """, 7);
        command.Transaction = Transaction;
        object[] values = [Guid(interval.EnterpriseId), interval.Agent, interval.Queue, interval.Kind.ToString(), interval.SourceSystem, Instant(interval.StartedAt),
            interval.EndedAt is { } e ? Instant(e) : DBNull.Value];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        interval.Id = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public async Task EndAsync(AgentInterval interval, CancellationToken ct)
    {
        var command = _commands.Get("""UPDATE queue_agent_intervals SET "EndedAt" = @p0 WHERE "Id" = @p1""", 2);
        command.Transaction = Transaction;
        command.Parameters[0].Value = Instant(interval.EndedAt!.Value);
        command.Parameters[1].Value = interval.Id;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A page cache of 16 MB for the import's indexes (SQLite's default is 2 MB); the default comes back on dispose.</summary>
    public async Task WidenCacheAsync(CancellationToken ct)
    {
        if (!Postgres)
        {
            await _commands.OpenAsync(ct);
            await using var pragma = Connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size=-16384;";
            await pragma.ExecuteNonQueryAsync(ct);
            _widened = true;
        }
    }

    private bool _widened;

    public async Task UpdateAsync(QueueCall call, CancellationToken ct)
    {
        var update = _commands.Get(UpdateSql, Mutable.Length + Key.Length);
        update.Transaction = Transaction;
        for (var i = 0; i < Mutable.Length; i++)
        {
            update.Parameters[i].Value = Value(call, Mutable[i]);
        }

        for (var i = 0; i < Key.Length; i++)
        {
            update.Parameters[Mutable.Length + i].Value = Value(call, Key[i]);
        }

        if (await update.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException($"Queue stay {call.SourceId} in {call.Queue} changed while the import applied its events.");
        }
    }

    /// <summary>Stays still waiting when the PBX restarted its queues are unresolved: nobody will answer them now.</summary>
    public async Task<int> ResolveRestartAsync(Guid enterprise, string source, DateTimeOffset restart, CancellationToken ct)
    {
        var command = _commands.Get($"UPDATE queue_calls SET \"State\" = '{QueueCallState.Unresolved}' WHERE \"EnterpriseId\" = @p0 AND \"SourceSystem\" = @p1 AND \"State\" = '{QueueCallState.Waiting}' AND \"EnteredAt\" < @p2", 3);
        command.Transaction = Transaction;
        command.Parameters[0].Value = Guid(enterprise);
        command.Parameters[1].Value = source;
        command.Parameters[2].Value = Instant(restart);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Adds the delta to the hourly and agent roll-ups (counters added in the upsert).</summary>
    public async Task ApplyAsync(QueueRollupDelta delta, CancellationToken ct)
    {
        var hourly = _commands.Get("""
            INSERT INTO rollup_queue_hourly ("EnterpriseId", "Line", "Queue", "Day", "Hour", "Offered", "Answered", "AnsweredInTime", "HoldSeconds", "Abandoned", "ShortAbandoned", "Completed", "TalkSeconds")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12)
            ON CONFLICT ("EnterpriseId", "Line", "Queue", "Day", "Hour") DO UPDATE SET
              "Offered" = rollup_queue_hourly."Offered" + excluded."Offered",
              "Answered" = rollup_queue_hourly."Answered" + excluded."Answered",
              "AnsweredInTime" = rollup_queue_hourly."AnsweredInTime" + excluded."AnsweredInTime",
              "HoldSeconds" = rollup_queue_hourly."HoldSeconds" + excluded."HoldSeconds",
              "Abandoned" = rollup_queue_hourly."Abandoned" + excluded."Abandoned",
              "ShortAbandoned" = rollup_queue_hourly."ShortAbandoned" + excluded."ShortAbandoned",
              "Completed" = rollup_queue_hourly."Completed" + excluded."Completed",
              "TalkSeconds" = rollup_queue_hourly."TalkSeconds" + excluded."TalkSeconds"
            """, 13);
        hourly.Transaction = Transaction;
        foreach (var ((enterprise, line, queue, day, hour), h) in delta.Hours.OrderBy(h => h.Key.Line, StringComparer.Ordinal).ThenBy(h => h.Key.Queue, StringComparer.Ordinal).ThenBy(h => h.Key.Day).ThenBy(h => h.Key.Hour))
        {
            if (h.IsZero)
            {
                continue;
            }

            object[] values = [Guid(enterprise), line, queue, Day(day), hour, h.Offered, h.Answered, h.AnsweredInTime, h.HoldSeconds, h.Abandoned, h.ShortAbandoned, h.Completed, h.TalkSeconds];
            await ExecuteAsync(hourly, values, ct);
        }

        var agents = _commands.Get("""
            INSERT INTO rollup_queue_agents ("EnterpriseId", "Line", "Queue", "Agent", "Day", "Answered", "Completed", "TalkSeconds", "RingsNotAnswered")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
            ON CONFLICT ("EnterpriseId", "Line", "Queue", "Agent", "Day") DO UPDATE SET
              "Answered" = rollup_queue_agents."Answered" + excluded."Answered",
              "Completed" = rollup_queue_agents."Completed" + excluded."Completed",
              "TalkSeconds" = rollup_queue_agents."TalkSeconds" + excluded."TalkSeconds",
              "RingsNotAnswered" = rollup_queue_agents."RingsNotAnswered" + excluded."RingsNotAnswered"
            """, 9);
        agents.Transaction = Transaction;
        foreach (var ((enterprise, line, queue, agent, day), a) in delta.Agents.OrderBy(a => a.Key.Line, StringComparer.Ordinal).ThenBy(a => a.Key.Queue, StringComparer.Ordinal).ThenBy(a => a.Key.Agent, StringComparer.Ordinal).ThenBy(a => a.Key.Day))
        {
            if (a.IsZero)
            {
                continue;
            }

            object[] values = [Guid(enterprise), line, queue, agent, Day(day), a.Answered, a.Completed, a.TalkSeconds, a.RingsNotAnswered];
            await ExecuteAsync(agents, values, ct);
        }
    }

    private static async Task ExecuteAsync(DbCommand command, object[] values, CancellationToken ct)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task ReadAsync(DbCommand command, List<QueueCall> into, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            DateTimeOffset At(int i) => Postgres ? r.GetFieldValue<DateTimeOffset>(i) : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
            DateTimeOffset? OptionalAt(int i) => r.IsDBNull(i) ? null : At(i);
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            int? Number(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
            into.Add(new QueueCall
            {
                EnterpriseId = Postgres ? r.GetGuid(0) : new Guid(r.GetFieldValue<byte[]>(0)),
                Line = r.GetString(1),
                Queue = r.GetString(2),
                SourceSystem = r.GetString(3),
                SourceId = r.GetString(4),
                EnteredAt = At(5),
                State = Enum.Parse<QueueCallState>(r.GetString(6)),
                Agent = Text(7),
                ConnectedAt = OptionalAt(8),
                EndedAt = OptionalAt(9),
                HoldSeconds = Number(10),
                TalkSeconds = Number(11),
                ExitEvent = Text(12),
                Rings = Text(13),
            });
        }
    }

    private object Value(QueueCall c, string column) => column switch
    {
        "EnterpriseId" => Guid(c.EnterpriseId),
        "Line" => c.Line,
        "Queue" => c.Queue,
        "SourceSystem" => c.SourceSystem,
        "SourceId" => c.SourceId,
        "EnteredAt" => Instant(c.EnteredAt),
        "State" => c.State.ToString(),
        "Agent" => (object?)c.Agent ?? DBNull.Value,
        "ConnectedAt" => c.ConnectedAt is { } a ? Instant(a) : DBNull.Value,
        "EndedAt" => c.EndedAt is { } e ? Instant(e) : DBNull.Value,
        "HoldSeconds" => (object?)c.HoldSeconds ?? DBNull.Value,
        "TalkSeconds" => (object?)c.TalkSeconds ?? DBNull.Value,
        "ExitEvent" => (object?)c.ExitEvent ?? DBNull.Value,
        "Rings" => (object?)c.Rings ?? DBNull.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a column of queue_calls"),
    };

    private object Guid(Guid id) => DbValues.Guid(id, Postgres);

    private object Instant(DateTimeOffset t) => DbValues.Instant(t, Postgres);

    private object Day(DateOnly day) => DbValues.Day(day, Postgres);

    public void Dispose()
    {
        _nativeInsert?.Dispose();
        _commands.Dispose();

        if (_widened && Connection.State == System.Data.ConnectionState.Open)
        {
            using var pragma = Connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size=-2000;";
            pragma.ExecuteNonQuery();
        }
    }
}
