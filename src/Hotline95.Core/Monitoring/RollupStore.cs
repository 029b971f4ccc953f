using System.Data.Common;
using System.Globalization;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline95.Core.Monitoring;

/// <summary>
/// Applies a <see cref="RollupDelta"/> inside the caller's transaction with plain SQL, so the EF path (CTI
/// events, complaints) and the bulk path (imports) share one way of updating the figures. Counters are
/// added in the upsert; the caller sketch is either read, merged and written back (<see cref="AddAsync"/>, locked on
/// PostgreSQL) or, for the CTI writer on PostgreSQL, merged by the database in the upsert (<see cref="AddMerging"/>). Each
/// writer adds to the rows of its own shard (<see cref="RollupShards"/>).
/// </summary>
public static class RollupStore
{
    /// <summary>Within the context's current transaction (the caller begins one around its SaveChanges), to the shared shard.</summary>
    public static Task ApplyAsync(Hotline95DbContext db, RollupDelta delta, CancellationToken ct) =>
        ApplyAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
            db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, delta, RollupShards.Shared, ct);

    public static async Task ApplyAsync(DbConnection connection, DbTransaction? transaction, DatabaseProvider provider, RollupDelta delta, int shard, CancellationToken ct)
    {
        var writes = new StatementBatch(connection, provider);
        await AddAsync(writes, transaction, delta, shard, ct);
        await writes.ExecuteAsync(transaction, ct);
    }

    /// <summary>
    /// Reads the touched days' caller sketches in <paramref name="shard"/> now (locking its rows on PostgreSQL, all in one
    /// round trip) and adds the upserts to <paramref name="writes"/>, which the caller executes in the same transaction.
    /// </summary>
    internal static async Task AddAsync(StatementBatch writes, DbTransaction? transaction, RollupDelta delta, int shard, CancellationToken ct)
    {
        if (delta.IsEmpty)
        {
            return;
        }

        var postgres = writes.Provider == DatabaseProvider.Postgres;
        var days = DaysInLockOrder(delta);
        var sketches = await ReadSketchesAsync(writes.Connection, transaction, postgres, [.. days.Select(d => d.Key)], shard, ct);
        for (var i = 0; i < days.Count; i++)
        {
            var ((enterprise, line, date), day) = days[i];
            var sketch = sketches[i];
            if (day.Callers is not null)
            {
                CallerSketch.MergeInto(sketch, day.Callers);
            }

            writes.Add(UpsertDailySql, [.. DailyValues(enterprise, line, date, shard, day, postgres), sketch]);
        }

        AddHours(writes, delta, shard, postgres);
    }

    /// <summary>
    /// PostgreSQL only, and nothing read first: each day's upsert has the database merge the day's new callers into the
    /// stored sketch (<c>rollup_sketch_merge</c>, given only the registers they raised), so the writes need no round trip
    /// before them and may commit in the one that sends them (the CTI writer's batch). Meant for a few hundred callers a day
    /// at most, as a CTI batch brings; an import's thousands are merged here instead (<see cref="AddAsync"/>).
    /// </summary>
    internal static void AddMerging(StatementBatch writes, RollupDelta delta, int shard)
    {
        if (writes.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("The database merges caller sketches on PostgreSQL only.");
        }

        if (delta.IsEmpty)
        {
            return;
        }

        foreach (var ((enterprise, line, date), day) in DaysInLockOrder(delta))
        {
            var callers = day.Callers ?? CallerSketch.Empty();
            var (registers, ranks) = CallerSketch.Raised(callers);
            writes.Add(UpsertDailyMergingSql, [.. DailyValues(enterprise, line, date, shard, day, postgres: true), callers, registers, ranks]);
        }

        AddHours(writes, delta, shard, postgres: true);
    }

    // Every writer locks a batch's rows in this one order, so two batches never wait on each other in a cycle.
    private static List<KeyValuePair<(Guid Enterprise, string Line, DateOnly Day), RollupDelta.Day>> DaysInLockOrder(RollupDelta delta) =>
        [.. delta.Days.Where(d => !d.Value.IsZero)
            .OrderBy(d => d.Key.Enterprise).ThenBy(d => d.Key.Line, StringComparer.Ordinal).ThenBy(d => d.Key.Day)];

    private static object?[] DailyValues(Guid enterprise, string line, DateOnly date, int shard, RollupDelta.Day day, bool postgres) =>
        [DbValues.Guid(enterprise, postgres), line, DbValues.Day(date, postgres), shard, day.CallsIn, day.CallsOut, day.Answered, day.Missed, day.TalkSeconds, day.RingSeconds, day.Complaints];

    private static void AddHours(StatementBatch writes, RollupDelta delta, int shard, bool postgres)
    {
        foreach (var ((enterprise, line, date, hour), calls) in delta.Hours.Where(h => h.Value != 0).OrderBy(h => h.Key.Enterprise).ThenBy(h => h.Key.Line, StringComparer.Ordinal).ThenBy(h => h.Key.Day).ThenBy(h => h.Key.Hour))
        {
            writes.Add(UpsertHourlySql, [DbValues.Guid(enterprise, postgres), line, DbValues.Day(date, postgres), hour, shard, calls]);
        }
    }

    /// <summary>
    /// Each day's stored sketch in the shard, or an empty one. On PostgreSQL the rows are created when missing (FOR UPDATE locks nothing
    /// that does not exist yet) and locked until the transaction ends; every day's pair of statements goes in one batch.
    /// </summary>
    private static async Task<List<byte[]>> ReadSketchesAsync(DbConnection connection, DbTransaction? transaction, bool postgres, List<(Guid Enterprise, string Line, DateOnly Day)> days, int shard, CancellationToken ct)
    {
        var sketches = new List<byte[]>(days.Count);
        if (!postgres)
        {
            foreach (var (enterprise, line, date) in days)
            {
                await using var read = Command(connection, transaction, """SELECT "Callers" FROM rollup_daily WHERE "EnterpriseId" = @e AND "Line" = @l AND "Day" = @d AND "Shard" = @s""");
                Bind(read, postgres, enterprise, line, date, shard);
                sketches.Add(await read.ExecuteScalarAsync(ct) is byte[] existing ? existing : CallerSketch.Empty());
            }

            return sketches;
        }

        if (days.Count == 0)
        {
            return sketches;
        }

        await using var batch = StatementBatch.Build(connection, transaction, days.SelectMany(d => new (string, object?[])[]
        {
            (EnsureDailySql, [DbValues.Guid(d.Enterprise, postgres), d.Line, DbValues.Day(d.Day, postgres), shard, CallerSketch.Empty()]),
            (LockDailySql, [DbValues.Guid(d.Enterprise, postgres), d.Line, DbValues.Day(d.Day, postgres), shard]),
        }));
        // Every statement returns a result set (the ensure its RETURNING, empty or not), so they come in pairs.
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; i < days.Count; i++)
        {
            if (i > 0 && !await reader.NextResultAsync(ct))
            {
                throw new InvalidOperationException("rollup_daily: fewer results than statements");
            }

            while (await reader.ReadAsync(ct))
            {
            }

            if (!await reader.NextResultAsync(ct))
            {
                throw new InvalidOperationException("rollup_daily: fewer results than statements");
            }

            sketches.Add(await reader.ReadAsync(ct) ? reader.GetFieldValue<byte[]>(0) : CallerSketch.Empty());
            while (await reader.ReadAsync(ct))
            {
            }
        }

        return sketches;
    }

    private const string EnsureDailySql = $"""
        INSERT INTO rollup_daily ({DailyColumns})
        VALUES (@p0, @p1, @p2, @p3, 0, 0, 0, 0, 0, 0, 0, @p4) ON CONFLICT ("EnterpriseId", "Line", "Day", "Shard") DO NOTHING RETURNING 1
        """;

    private const string LockDailySql = """SELECT "Callers" FROM rollup_daily WHERE "EnterpriseId" = @p0 AND "Line" = @p1 AND "Day" = @p2 AND "Shard" = @p3 FOR UPDATE""";

    private const string DailyColumns = "\"EnterpriseId\", \"Line\", \"Day\", \"Shard\", \"CallsIn\", \"CallsOut\", \"Answered\", \"Missed\", \"TalkSeconds\", \"RingSeconds\", \"Complaints\", \"Callers\"";

    private const string AddCountersSql = """
        ON CONFLICT ("EnterpriseId", "Line", "Day", "Shard") DO UPDATE SET
          "CallsIn" = rollup_daily."CallsIn" + excluded."CallsIn",
          "CallsOut" = rollup_daily."CallsOut" + excluded."CallsOut",
          "Answered" = rollup_daily."Answered" + excluded."Answered",
          "Missed" = rollup_daily."Missed" + excluded."Missed",
          "TalkSeconds" = rollup_daily."TalkSeconds" + excluded."TalkSeconds",
          "RingSeconds" = rollup_daily."RingSeconds" + excluded."RingSeconds",
          "Complaints" = rollup_daily."Complaints" + excluded."Complaints",
        """;

    // The sketch was read (and locked) and merged here: it replaces the stored one.
    private const string UpsertDailySql = $"""
        INSERT INTO rollup_daily ({DailyColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
        {AddCountersSql}
          "Callers" = excluded."Callers"
        """;

    // A new row takes the batch's sketch; a stored one has the registers it raised merged in, under the upsert's row lock.
    private const string UpsertDailyMergingSql = $"""
        INSERT INTO rollup_daily ({DailyColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
        {AddCountersSql}
          "Callers" = rollup_sketch_merge(rollup_daily."Callers", @p12, @p13)
        """;

    private const string UpsertHourlySql = """
        INSERT INTO rollup_hourly ("EnterpriseId", "Line", "Day", "Hour", "Shard", "Calls") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
        ON CONFLICT ("EnterpriseId", "Line", "Day", "Hour", "Shard") DO UPDATE SET "Calls" = rollup_hourly."Calls" + excluded."Calls"
        """;

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    // The same representations as the EF model on each provider: SQLite keeps Guids as 16 bytes and dates as text.
    private static void Bind(DbCommand command, bool postgres, Guid enterprise, string line, DateOnly day, int shard)
    {
        Add(command, "@e", DbValues.Guid(enterprise, postgres));
        Add(command, "@l", line);
        Add(command, "@d", DbValues.Day(day, postgres));
        Add(command, "@s", shard);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
