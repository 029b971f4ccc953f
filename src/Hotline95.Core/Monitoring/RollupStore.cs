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
        foreach (var ((enterprise, line, date), day) in delta.Days.OrderBy(d => d.Key.Enterprise).ThenBy(d => d.Key.Line, StringComparer.Ordinal).ThenBy(d => d.Key.Day))
        {
            if (day.IsZero)
            {
                continue;
            }

            if (postgres)
            {
                // FOR UPDATE locks nothing when the row does not exist yet: create it first.
                await using var ensure = Command(connection, transaction, """
                    INSERT INTO rollup_daily ("EnterpriseId", "Line", "Day", "CallsIn", "CallsOut", "Answered", "Missed", "TalkSeconds", "RingSeconds", "Complaints", "Callers")
                    VALUES (@e, @l, @d, 0, 0, 0, 0, 0, 0, 0, @empty) ON CONFLICT ("EnterpriseId", "Line", "Day") DO NOTHING
                    """);
                Bind(ensure, postgres, enterprise, line, date);
                Add(ensure, "@empty", CallerSketch.Empty());
                await ensure.ExecuteNonQueryAsync(ct);
            }

            byte[] sketch;
            await using (var read = Command(connection, transaction,
                $"SELECT \"Callers\" FROM rollup_daily WHERE \"EnterpriseId\" = @e AND \"Line\" = @l AND \"Day\" = @d{(postgres ? " FOR UPDATE" : "")}"))
            {
                Bind(read, postgres, enterprise, line, date);
                sketch = await read.ExecuteScalarAsync(ct) is byte[] existing ? existing : CallerSketch.Empty();
            }

            if (day.Callers is not null)
            {
                CallerSketch.MergeInto(sketch, day.Callers);
            }

            await using var upsert = Command(connection, transaction, """
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
                """);
            Bind(upsert, postgres, enterprise, line, date);
            Add(upsert, "@in", day.CallsIn);
            Add(upsert, "@out", day.CallsOut);
            Add(upsert, "@answered", day.Answered);
            Add(upsert, "@missed", day.Missed);
            Add(upsert, "@talk", day.TalkSeconds);
            Add(upsert, "@ring", day.RingSeconds);
            Add(upsert, "@complaints", day.Complaints);
            Add(upsert, "@callers", sketch);
            await upsert.ExecuteNonQueryAsync(ct);
        }

        foreach (var ((enterprise, line, date, hour), calls) in delta.Hours.Where(h => h.Value != 0).OrderBy(h => h.Key.Enterprise).ThenBy(h => h.Key.Line, StringComparer.Ordinal).ThenBy(h => h.Key.Day).ThenBy(h => h.Key.Hour))
        {
            await using var upsert = Command(connection, transaction, """
                INSERT INTO rollup_hourly ("EnterpriseId", "Line", "Day", "Hour", "Calls") VALUES (@e, @l, @d, @h, @calls)
                ON CONFLICT ("EnterpriseId", "Line", "Day", "Hour") DO UPDATE SET "Calls" = rollup_hourly."Calls" + excluded."Calls"
                """);
            Bind(upsert, postgres, enterprise, line, date);
            Add(upsert, "@h", hour);
            Add(upsert, "@calls", calls);
            await upsert.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    // The same representations as the EF model on each provider: SQLite keeps Guids as 16 bytes and dates as text.
    private static void Bind(DbCommand command, bool postgres, Guid enterprise, string line, DateOnly day)
    {
        Add(command, "@e", DbValues.Guid(enterprise, postgres));
        Add(command, "@l", line);
        Add(command, "@d", DbValues.Day(day, postgres));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
