using System.Data.Common;
using System.Net.Sockets;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Enterprises;
using Hotline95.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Hotline95.Core.Data;

public sealed record MigrationOutcome(IReadOnlyList<string> Applied, string Database, MasterKeyState MasterKey = MasterKeyState.Verified);

/// <summary>What a start does about the master key.</summary>
public enum MasterKeyCheck
{
    /// <summary>Verify it opens the stored keys; create it for a brand-new installation.</summary>
    VerifyOrCreate,
    /// <summary>Verify it when there is one; never create (keys init, keys recover write their own).</summary>
    VerifyOnly,
    /// <summary>Do not check (keys doctor, which repairs what the check refuses).</summary>
    Skip,
}

/// <summary>
/// Checks the master key against the stored keys before anything is written (<see cref="MasterKeyGuard"/>), then applies
/// pending migrations (never EnsureCreated) and makes sure the default enterprise exists. An unreachable or unusable
/// database is an expected failure with a message naming the setting.
/// </summary>
public sealed class DatabaseInitializer(Hotline95DbContext db, DatabaseTarget target, EnterpriseDirectory enterprises, MasterKeyGuard masterKeys, Audit.AuditLog audit)
{
    /// <summary>
    /// The process-local half of a start, which touches no database: EF's model, this build's migrations and the model
    /// snapshot they end in. <c>serve</c> does it before the start-up lock, so that nodes starting together do it at the same
    /// time and the lock covers only the database's own work (measured on 2026-12-01, a first start on the tests' server:
    /// the lock held 2.1 s before, 1.0 s after; through HAProxy the second node had waited about 3 s for the first).
    /// </summary>
    public void Prepare()
    {
        _ = db.Model;
        _ = db.GetService<IMigrationsAssembly>().Migrations;
        _ = db.Database.HasPendingModelChanges();
    }

    public async Task<Result<MigrationOutcome>> InitializeAsync(string setting = "--db", CancellationToken ct = default, MasterKeyCheck keys = MasterKeyCheck.VerifyOrCreate)
    {
        try
        {
            if (target.Provider == DatabaseProvider.Sqlite)
            {
                PrivateSqliteFile();
            }

            var applied = await db.Database.AppliedMigrationsAsync(ct);
            var migrated = applied.Count > 0;
            var keyState = MasterKeyState.Verified;
            if (keys != MasterKeyCheck.Skip)
            {
                var check = await masterKeys.EnsureAsync(db, migrated, keys == MasterKeyCheck.VerifyOrCreate, ct);
                if (!check.IsSuccess)
                {
                    return check.Error;
                }

                keyState = check.Value;
            }

            var pending = db.Database.PendingMigrations(applied); // the master-key check above migrates nothing
            await db.Database.ApplyMigrationsAsync(ct);
            if (target.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets the web server read while an import writes; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            await enterprises.EnsureAsync(Enterprise.DefaultSlug, "默认企业 Default enterprise", ct);
            if (keyState != MasterKeyState.NoneYet && keys != MasterKeyCheck.Skip)
            {
                try
                {
                    await audit.EnsureKeyedAsync(ct); // an old unkeyed chain is moved onto the audit key once
                }
                catch (InvalidOperationException ex)
                {
                    return Error.Validation("--db", "AUDIT_KEY_MISSING", ("reason", ex is AuditKeyMissingException missing ? Phrase.Of("audit.keyTableEmpty", ("entry", missing.KeyedAt)) : ex.Message));
                }
            }

            return new MigrationOutcome(pending, target.Describe(), keyState);
        }
        catch (Exception ex) when (IsConnectionProblem(ex))
        {
            return Error.Validation(setting, "DB_UNREACHABLE", ("setting", setting), ("database", target.Describe()), ("cause", Innermost(ex).Message));
        }
    }

    /// <summary>
    /// The SQLite file is created readable by its owner only (0600) before SQLite opens it, so its WAL and shared-memory
    /// files, which SQLite creates with the database's permissions, are too; an existing file is narrowed to 0600.
    /// </summary>
    private void PrivateSqliteFile()
    {
        var file = target.SqliteFile;
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(file))
        {
            using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }

        foreach (var path in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(path, OwnerOnly);
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
