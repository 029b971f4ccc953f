using System.Data.Common;
using System.Net.Sockets;
using Hotline95.Core.Common;
using Hotline95.Core.Enterprises;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hotline95.Core.Data;

public sealed record MigrationOutcome(IReadOnlyList<string> Applied, string Database);

/// <summary>
/// Applies pending migrations (never EnsureCreated) and makes sure the default enterprise exists.
/// An unreachable or unusable database is an expected failure with a message naming the setting.
/// </summary>
public sealed class DatabaseInitializer(Hotline95DbContext db, DatabaseTarget target, EnterpriseDirectory enterprises)
{
    public async Task<Result<MigrationOutcome>> InitializeAsync(string setting = "--db", CancellationToken ct = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            if (target.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets the web server read while an import writes; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            await enterprises.EnsureAsync(Enterprise.DefaultSlug, "默认企业 Default enterprise", ct);
            return new MigrationOutcome(pending, target.Describe());
        }
        catch (Exception ex) when (IsConnectionProblem(ex))
        {
            return new Error("DB_UNREACHABLE", $"{setting}: cannot use the database {target.Describe()}: {Innermost(ex).Message}", ErrorKind.Validation, setting);
        }
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct);
        }
        catch (Exception ex) when (IsConnectionProblem(ex))
        {
            return false;
        }
    }

    private static bool IsConnectionProblem(Exception ex) =>
        ex is NpgsqlException or SqliteException or SocketException or TimeoutException or DbException
        || (ex.InnerException is not null && IsConnectionProblem(ex.InnerException));

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
