using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Hotline95.Core.Data;

public static class DatabaseTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> inside the caller's transaction when there is one (the caller then commits or not), or
    /// else in one of its own, committed when the work returns: all of the work is stored, or none of it. On PostgreSQL its
    /// own is read committed whatever the server's default, so that what the work reads after taking a lock (the audit
    /// chain's head) is read as of then, not from a snapshot taken before.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this DatabaseFacade database, Func<Task<T>> work, CancellationToken ct)
    {
        if (database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var own = database.IsNpgsql()
            ? await database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct)
            : await database.BeginTransactionAsync(ct);
        var result = await work();
        await own.CommitAsync(ct);
        return result;
    }

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public static Task InTransactionAsync(this DatabaseFacade database, Func<Task> work, CancellationToken ct) =>
        database.InTransactionAsync(async () =>
        {
            await work();
            return true;
        }, ct);

    /// <summary>Whether the save was refused by a unique index or primary key (on either database), and for no other reason.</summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUniqueConstraint or SqlitePrimaryKeyConstraint,
        _ => false,
    };

    private const int SqliteUniqueConstraint = 2067; // SQLITE_CONSTRAINT_UNIQUE
    private const int SqlitePrimaryKeyConstraint = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY
}
