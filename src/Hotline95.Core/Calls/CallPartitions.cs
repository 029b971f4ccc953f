using System.Collections.Concurrent;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hotline95.Core.Calls;

/// <summary>
/// PostgreSQL keeps calls in one partition per calendar month (UTC bounds): created before the first row
/// of a month arrives, dropped whole by the retention purge when nothing in it is kept.
/// </summary>
public static class CallPartitions
{
    public static string NameOf(DateOnly month) => $"calls_{month:yyyy_MM}";

    public static async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateTimeOffset> instants, CancellationToken ct = default)
    {
        foreach (var month in instants.Select(i => new DateOnly(i.UtcDateTime.Year, i.UtcDateTime.Month, 1)).Distinct())
        {
            await using var command = connection.CreateCommand();
            var from = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var to = month.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            command.CommandText =
                $"CREATE TABLE IF NOT EXISTS {NameOf(month)} PARTITION OF calls FOR VALUES FROM ('{from:yyyy-MM-dd}T00:00:00Z') TO ('{to:yyyy-MM-dd}T00:00:00Z')";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static readonly ConcurrentDictionary<(string, DateOnly), bool> Ensured = new();

    /// <summary>For single-row writes through EF (CTI events): makes sure the month's partition exists, once per process.</summary>
    public static async Task EnsureAsync(Hotline95DbContext db, DateTimeOffset instant, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var key = (db.Database.GetConnectionString() ?? "", MonthOfUtc(instant));
        if (Ensured.ContainsKey(key))
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        await EnsureAsync((NpgsqlConnection)db.Database.GetDbConnection(), [instant], ct);
        Ensured[key] = true;
    }

    internal static DateOnly MonthOfUtc(DateTimeOffset instant) => new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, 1);

}
