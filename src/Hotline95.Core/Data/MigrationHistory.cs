using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline95.Core.Data;

/// <summary>
/// Which migrations a database has, asked without an error when it has none yet: EF's own
/// <c>GetAppliedMigrationsAsync</c> selects from <c>__EFMigrationsHistory</c> whether or not the table exists and logs
/// the failed command as an error, so a brand-new installation's first <c>db migrate</c> or <c>serve</c> printed
/// "fail: Failed executing DbCommand" three times for nothing.
/// </summary>
public static class MigrationHistory
{
    /// <summary>The ids of the applied migrations, in order; none when the history table does not exist.</summary>
    public static async Task<IReadOnlyList<string>> AppliedMigrationsAsync(this DatabaseFacade database, CancellationToken ct = default)
    {
        var history = database.GetService<IHistoryRepository>();
        if (!await ExistsAsync(database, history, ct))
        {
            return [];
        }

        return [.. (await history.GetAppliedMigrationsAsync(ct)).Select(row => row.MigrationId)];
    }

    /// <summary>
    /// EF's <c>MigrateAsync</c>, after creating the history table when it is missing on PostgreSQL, where EF's migrator
    /// otherwise first selects from the missing table (and logs it as an error) before creating it itself.
    /// </summary>
    public static async Task ApplyMigrationsAsync(this DatabaseFacade database, CancellationToken ct = default)
    {
        var history = database.GetService<IHistoryRepository>();
        if (database.IsNpgsql() && !await ExistsAsync(database, history, ct))
        {
            await history.CreateIfNotExistsAsync(ct);
        }

        await database.MigrateAsync(ct);
    }

    private static async Task<bool> ExistsAsync(DatabaseFacade database, IHistoryRepository history, CancellationToken ct)
    {
        if (!database.IsNpgsql())
        {
            return await history.ExistsAsync(ct);
        }

        // Npgsql's provider always answers that the table exists and lets the SELECT fail (npgsql/efcore.pg#3407). The
        // catalogue is asked instead, through the search path, where EF's unqualified CREATE TABLE puts it. The name is
        // EF's default: this product never configures another history table (if it did, this would have to follow).
        return await database.SqlQueryRaw<bool>($"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL AS \"Value\"").SingleAsync(ct);
    }

    /// <summary>This build's migrations not yet applied, in order.</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(this DatabaseFacade database, CancellationToken ct = default) =>
        database.PendingMigrations(await database.AppliedMigrationsAsync(ct));

    /// <summary>This build's migrations not in <paramref name="applied"/> (as <see cref="AppliedMigrationsAsync"/> answered), in order.</summary>
    public static IReadOnlyList<string> PendingMigrations(this DatabaseFacade database, IReadOnlyList<string> applied)
    {
        var done = applied.ToHashSet(StringComparer.Ordinal);
        return [.. database.GetMigrations().Where(id => !done.Contains(id))];
    }
}
