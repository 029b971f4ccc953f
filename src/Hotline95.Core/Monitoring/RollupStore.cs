using System.Data.Common;
using System.Globalization;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline95.Core.Monitoring;

/// <summary>
/// Applies a <see cref="RollupDelta"/> inside the caller's transaction with plain SQL, so the EF path (CTI
/// events, complaints) and the bulk path (imports) share one way of updating the figures. Counters are
/// added in the upsert; the caller sketch is read, merged and written back (locked on PostgreSQL).
/// </summary>
public static class RollupStore
{
    /// <summary>Within the context's current transaction (the caller begins one around its SaveChanges).</summary>
    public static Task ApplyAsync(Hotline95DbContext db, RollupDelta delta, CancellationToken ct) =>
        ApplyAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
            db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, delta, ct);

    public static async Task ApplyAsync(DbConnection connection, DbTransaction? transaction, DatabaseProvider provider, RollupDelta delta, CancellationToken ct)
    {
        if (delta.IsEmpty)
        {
            return;
        }

        var postgres = provider == DatabaseProvider.Postgres;
        var days = delta.Days.Where(d => !d.Value.IsZero)
            .OrderBy(d => d.Key.Enterprise).ThenBy(d => d.Key.Line, StringComparer.Ordinal).ThenBy(d => d.Key.Day).ToList();

        // Three steps, each one round trip on PostgreSQL (a batch of statements), in the same order of keys for every
        // writer: create the missing days, read (and lock) their caller sketches, then add the figures.
        if (postgres)
        {
            // FOR UPDATE locks nothing when the row does not exist yet: create it first.
            await ExecuteAsync(connection, transaction, days.Select(d => Statement("""
                INSERT INTO rollup_daily ("EnterpriseId", "Line", "Day", "CallsIn", "CallsOut", "Answered", "Missed", "TalkSeconds", "RingSeconds", "Complaints", "Callers")
                VALUES (@e, @l, @d, 0, 0, 0, 0, 0, 0, 0, @empty) ON CONFLICT ("EnterpriseId", "Line", "Day") DO NOTHING
                """, Key(postgres, d.Key.Enterprise, d.Key.Line, d.Key.Day), ("@empty", CallerSketch.Empty()))), ct);
        }

        var sketches = await ReadAsync(connection, transaction, days.Select(d => Statement(
            $"SELECT \"Callers\" FROM rollup_daily WHERE \"EnterpriseId\" = @e AND \"Line\" = @l AND \"Day\" = @d{(postgres ? " FOR UPDATE" : "")}",
            Key(postgres, d.Key.Enterprise, d.Key.Line, d.Key.Day))), ct);

        var upserts = new List<(string, (string, object)[])>();
        for (var i = 0; i < days.Count; i++)
        {
            var ((enterprise, line, date), day) = days[i];
            var sketch = sketches[i] as byte[] ?? CallerSketch.Empty();
            if (day.Callers is not null)
            {
                CallerSketch.MergeInto(sketch, day.Callers);
            }

            upserts.Add(Statement("""
                INSERT INTO rollup_daily ("EnterpriseId", "Line", "Day", "CallsIn", "CallsOut", "Answered", "Missed", "TalkSeconds", "RingSeconds", "Complaints", "Callers")
                VALUES (@e, @l, @d, @in, @out, @answered, @missed, @talk, @ring, @complaints, @callers)
                ON CONFLICT ("EnterpriseId", "Line", "Day") DO UPDATE SET
                  "CallsIn" = rollup_daily."CallsIn" + excluded."CallsIn",
                  "CallsOut" = rollup_daily."CallsOut" + excluded."CallsOut",
                  "Answered" = rollup_daily."Answered" + excluded."Answered",
                  "Missed" = rollup_daily."Missed" + excluded."Missed",
                  "TalkSeconds" = rollup_daily."TalkSeconds" + excluded."TalkSeconds",
                  "RingSeconds" = rollup_daily."RingSeconds" + excluded."RingSeconds",
                  "Complaints" = rollup_daily."Complaints" + excluded."Complaints",
                  "Callers" = excluded."Callers"
                """, Key(postgres, enterprise, line, date), ("@in", day.CallsIn), ("@out", day.CallsOut), ("@answered", day.Answered), ("@missed", day.Missed),
                ("@talk", day.TalkSeconds), ("@ring", day.RingSeconds), ("@complaints", day.Complaints), ("@callers", sketch)));
        }

        foreach (var ((enterprise, line, date, hour), calls) in delta.Hours.Where(h => h.Value != 0).OrderBy(h => h.Key.Enterprise).ThenBy(h => h.Key.Line, StringComparer.Ordinal).ThenBy(h => h.Key.Day).ThenBy(h => h.Key.Hour))
        {
            upserts.Add(Statement("""
                INSERT INTO rollup_hourly ("EnterpriseId", "Line", "Day", "Hour", "Calls") VALUES (@e, @l, @d, @h, @calls)
                ON CONFLICT ("EnterpriseId", "Line", "Day", "Hour") DO UPDATE SET "Calls" = rollup_hourly."Calls" + excluded."Calls"
                """, Key(postgres, enterprise, line, date), ("@h", hour), ("@calls", calls)));
        }

        await ExecuteAsync(connection, transaction, upserts, ct);
    }

    private static (string Sql, (string Name, object Value)[] Parameters) Statement(string sql, (string, object)[] key, params (string, object)[] more) =>
        (sql, [.. key, .. more]);

    // The same representations as the EF model on each provider: SQLite keeps Guids as 16 bytes and dates as text.
    private static (string, object)[] Key(bool postgres, Guid enterprise, string line, DateOnly day) =>
        [("@e", DbValues.Guid(enterprise, postgres)), ("@l", line), ("@d", DbValues.Day(day, postgres))];

    /// <summary>Runs the statements in order: as one batch (one round trip) where the provider can, else one by one.</summary>
    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<(string Sql, (string, object)[] Parameters)> statements, CancellationToken ct)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = Batch(connection, transaction, statements);
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(ct);
            }

            return;
        }

        foreach (var (sql, parameters) in statements)
        {
            await using var command = Command(connection, transaction, sql, parameters);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The first value of each statement's result (null for none), as <see cref="ExecuteAsync"/> runs them.</summary>
    private static async Task<List<object?>> ReadAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<(string Sql, (string, object)[] Parameters)> statements, CancellationToken ct)
    {
        var values = new List<object?>();
        if (connection.CanCreateBatch)
        {
            await using var batch = Batch(connection, transaction, statements);
            if (batch.BatchCommands.Count == 0)
            {
                return values;
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            do
            {
                values.Add(await reader.ReadAsync(ct) ? reader.GetValue(0) : null);
            }
            while (await reader.NextResultAsync(ct));

            return values;
        }

        foreach (var (sql, parameters) in statements)
        {
            await using var command = Command(connection, transaction, sql, parameters);
            values.Add(await command.ExecuteScalarAsync(ct));
        }

        return values;
    }

    private static DbBatch Batch(DbConnection connection, DbTransaction? transaction, IEnumerable<(string Sql, (string, object)[] Parameters)> statements)
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, parameters) in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            Fill(command.Parameters, command.CreateParameter, parameters);
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Fill(command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    private static void Fill(DbParameterCollection target, Func<DbParameter> create, (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value;
            target.Add(parameter);
        }
    }
}
