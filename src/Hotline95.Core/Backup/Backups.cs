using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.Core.Retention;
using Hotline95.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline95.Core.Backup;

/// <summary>One file of a backup and its SHA-256.</summary>
public sealed record BackupFile(string Path, long Length, string Sha256);

/// <summary>What a backup holds: written as manifest.json inside it. The master key is never inside.</summary>
public sealed record BackupManifest(
    int Format, string Product, DateTimeOffset CreatedAt, string Database, string MasterKeyId, long AuditHeadSequence, string AuditHeadHash,
    IReadOnlyList<BackupFile> Files);

public sealed record BackupVerified(BackupManifest Manifest, int FilesChecked, int RecordsOpened);

public sealed record BackupRestored(BackupManifest Manifest, int Files, string PurgeSummary);

/// <summary>
/// Backups of an installation: a consistent snapshot of the database taken while the server runs (SQLite's VACUUM INTO;
/// PostgreSQL's pg_dump in custom format), the encrypted recordings, the calendar notices and the settings file, with a
/// manifest of SHA-256 sums. The master key is deliberately not inside: it is kept as shares (keys export-shares).
/// A restore goes into an empty installation only and applies the retention purge as of today before anything is
/// served, so an old backup never brings back records past their retention.
/// </summary>
public sealed class Backups(
    Hotline95DbContext db, DatabaseTarget target, Hotline95Settings settings, MasterKeyStore masterKeys, KeyRing ring, AuditLog audit,
    IServiceProvider services, TimeProvider clock)
{
    public const int Format = 1;
    private const string ManifestName = "manifest.json";
    private const string SqliteEntry = "database/hotline95.db";
    private const string PostgresEntry = "database/hotline95.pgdump";

    public async Task<Result<BackupManifest>> CreateAsync(string outPath, string actor, CancellationToken ct = default)
    {
        var output = Path.GetFullPath(outPath);
        if (File.Exists(output))
        {
            return Error.Conflict("BACKUP_EXISTS", "--out", ("file", output));
        }

        var master = masterKeys.Load();
        if (!master.IsSuccess)
        {
            return master.Error;
        }

        var work = Directory.CreateTempSubdirectory("hotline95-backup-").FullName;
        try
        {
            var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            var snapshot = await SnapshotAsync(work, ct);
            if (!snapshot.IsSuccess)
            {
                return snapshot.Error;
            }

            var files = new List<(string Entry, string Source)> { (snapshot.Value.Entry, snapshot.Value.Path) };
            files.AddRange(Tree(settings.RecordingsDirectory, "recordings"));
            files.AddRange(Tree(Path.Combine(settings.SharedDirectory, "calendar"), "calendar"));
            if (File.Exists(Path.Combine(settings.DataDirectory, "hotline95.json")))
            {
                files.Add(("settings/hotline95.json", Path.Combine(settings.DataDirectory, "hotline95.json")));
            }

            var listed = new List<BackupFile>();
            var part = output + ".part";
            File.Delete(part); // a leftover of an interrupted run
            await using (var stream = PrivateFile(part))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var (entry, source) in files)
                {
                    if (!File.Exists(source))
                    {
                        continue; // a recording purged while the backup ran: its row is gone from the snapshot too, or goes at restore
                    }

                    await using var input = File.OpenRead(source);
                    await using var into = await zip.CreateEntry(entry, CompressionLevel.Fastest).OpenAsync(ct);
                    using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var buffer = new byte[1 << 16];
                    long length = 0;
                    int read;
                    while ((read = await input.ReadAsync(buffer, ct)) > 0)
                    {
                        sha.AppendData(buffer, 0, read);
                        await into.WriteAsync(buffer.AsMemory(0, read), ct);
                        length += read;
                    }

                    listed.Add(new BackupFile(entry, length, Convert.ToHexStringLower(sha.GetHashAndReset())));
                }

                var manifest = new BackupManifest(Format, "hotline95", clock.GetUtcNow(), target.Provider.ToString(), master.Value[0].Id,
                    head?.Sequence ?? 0, head?.Hash ?? AuditChain.GenesisHash, listed);
                await using var m = await zip.CreateEntry(ManifestName).OpenAsync(ct);
                await JsonSerializer.SerializeAsync(m, manifest, new JsonSerializerOptions { WriteIndented = true }, ct);
            }

            File.Move(part, output);
            var created = await ReadManifestAsync(output, ct);
            await audit.AppendAsync(Guid.Empty, actor, AuditActions.BackupCreated, Path.GetFileName(output),
                $"files={created.Value.Files.Count} auditHead=#{created.Value.AuditHeadSequence} manifest-sha256={await ManifestShaAsync(output, ct)}", ct);
            return created;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Checks every file's sum, then opens a sample of records with the current master key.</summary>
    public async Task<Result<BackupVerified>> VerifyAsync(string path, CancellationToken ct = default)
    {
        var manifest = await ReadManifestAsync(path, ct);
        if (!manifest.IsSuccess)
        {
            return manifest.Error;
        }

        var unsafePath = manifest.Value.Files.FirstOrDefault(f => !IsSafeEntry(f.Path));
        if (unsafePath is not null)
        {
            return Error.Validation("FILE", "BACKUP_INVALID", ("file", path), ("reason", Phrase.Of("backup.entryOutside", ("entry", unsafePath.Path))));
        }

        if (manifest.Value.Files.All(f => f.Path != (manifest.Value.Database == nameof(DatabaseProvider.Sqlite) ? SqliteEntry : PostgresEntry)))
        {
            return Error.Validation("FILE", "BACKUP_INVALID", ("file", path), ("reason", Phrase.Of("backup.noDatabase")));
        }

        var sums = await CheckSumsAsync(path, manifest.Value, ct);
        if (sums is not null)
        {
            return sums;
        }

        if (manifest.Value.Database != nameof(DatabaseProvider.Sqlite))
        {
            return new BackupVerified(manifest.Value, manifest.Value.Files.Count, 0); // a pg_dump is checked by its sum; records open after restore
        }

        var work = Directory.CreateTempSubdirectory("hotline95-verify-").FullName;
        try
        {
            var file = Path.Combine(work, "snapshot.db");
            await ExtractAsync(path, SqliteEntry, file, ct);
            var opened = await OpenSampleAsync(new DatabaseTarget(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString), ct);
            return opened.IsSuccess ? new BackupVerified(manifest.Value, manifest.Value.Files.Count, opened.Value) : opened.Error;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Restores into this (empty) installation, then purges what is past retention today, before anything is served.</summary>
    public async Task<Result<BackupRestored>> RestoreAsync(string path, string actor, CancellationToken ct = default)
    {
        var verified = await VerifyAsync(path, ct);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var manifest = verified.Value.Manifest;
        if (manifest.Database != target.Provider.ToString())
        {
            return Error.Validation("FILE", "BACKUP_OTHER_DATABASE", ("backup", manifest.Database), ("installation", target.Provider.ToString()));
        }

        if (await IsInUseAsync(ct))
        {
            return Error.Conflict("RESTORE_NOT_EMPTY", ("database", target.Describe()));
        }

        var master = masterKeys.Load();
        if (!master.IsSuccess || master.Value.All(m => m.Id != manifest.MasterKeyId))
        {
            return Error.Validation("FILE", "BACKUP_OTHER_KEY", ("masterKey", manifest.MasterKeyId));
        }

        var restoredFiles = 0;
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var file = target.SqliteFile!;
            SqliteConnection.ClearAllPools();
            await ExtractAsync(path, SqliteEntry, file, ct);
            foreach (var extra in new[] { file + "-wal", file + "-shm" }.Where(File.Exists))
            {
                File.Delete(extra);
            }
        }
        else
        {
            var dump = Path.Combine(Directory.CreateTempSubdirectory("hotline95-restore-").FullName, "db.pgdump");
            await ExtractAsync(path, PostgresEntry, dump, ct);
            var restored = await RunPgAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", ConnectionUri(), dump], ct);
            File.Delete(dump);
            if (restored is not null)
            {
                return restored;
            }
        }

        foreach (var file in manifest.Files.Where(f => f.Path.StartsWith("recordings/", StringComparison.Ordinal) || f.Path.StartsWith("calendar/", StringComparison.Ordinal) || f.Path.StartsWith("settings/", StringComparison.Ordinal)))
        {
            if (file.Path.StartsWith("settings/", StringComparison.Ordinal))
            {
                await RestoreSettingsAsync(path, file.Path, Path.Combine(settings.DataDirectory, Path.GetFileName(file.Path)), ct);
                restoredFiles++;
                continue;
            }

            await ExtractAsync(path, file.Path, Path.Combine(settings.SharedDirectory, file.Path.Replace('/', Path.DirectorySeparatorChar)), ct);
            restoredFiles++;
        }

        // The restored database may be of an older version; then a new audit segment records the restore point.
        db.ChangeTracker.Clear();
        ring.Forget();
        await using (var scope = services.CreateAsyncScope())
        {
            var init = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync("--db", ct);
            if (!init.IsSuccess)
            {
                return init.Error;
            }
        }

        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(ct);
        await ring.CreateAuditKeyAsync(db, last + 1, ct);
        ring.Forget();
        await audit.AppendAsync(Guid.Empty, actor, AuditActions.BackupRestored, Path.GetFileName(path),
            $"backup of {manifest.CreatedAt:O}, audit head #{manifest.AuditHeadSequence}; a new segment of the chain starts here", ct);

        // The purge runs with the restored installation's own settings (its retention may be longer than the defaults).
        var restoredConfiguration = Hotline95Configuration.Build(settings);
        var restoredServices = new ServiceCollection().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(restoredConfiguration).AddSingleton(clock).AddLogging();
        restoredServices.AddHotline95Core(restoredConfiguration, settings);
        await using var provider = restoredServices.BuildServiceProvider();
        await using var purgeScope = provider.CreateAsyncScope();
        var purge = await purgeScope.ServiceProvider.GetRequiredService<PurgeRetentionHandler>().HandleAsync(new PurgeRequest(null, false, "system:restore"), ct);
        if (!purge.IsSuccess)
        {
            return Error.Validation("FILE", "RESTORE_PURGE_FAILED", ("cause", purge.Error));
        }

        var summary = string.Join("; ", purge.Value.Enterprises.Select(e => $"calls {e.CallsDeleted}, complaints {e.ComplaintsDeleted}, keys {string.Join(",", e.KeysDestroyed)}"));
        return new BackupRestored(manifest, restoredFiles, summary);
    }

    private async Task<bool> IsInUseAsync(CancellationToken ct)
    {
        if ((await db.Database.AppliedMigrationsAsync(ct)).Count == 0)
        {
            return false;
        }

        return await db.Calls.AnyAsync(ct) || await db.Complaints.AnyAsync(ct) || await db.DataKeys.AnyAsync(ct) || await db.Users.AnyAsync(ct)
            || await db.ApiKeys.AnyAsync(ct) || await db.Dossiers.AnyAsync(ct) || await db.AuditEntries.AnyAsync(ct) || await db.Lines.AnyAsync(ct);
    }

    private async Task<Result<(string Entry, string Path)>> SnapshotAsync(string work, CancellationToken ct)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(work, "hotline95.db");
            // VACUUM INTO writes a consistent copy from one read transaction, while the server keeps writing.
            await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", [file], ct);
            return (SqliteEntry, file);
        }

        var dump = Path.Combine(work, "hotline95.pgdump");
        var failed = await RunPgAsync("pg_dump", ["--format=custom", "--no-owner", "--file", dump, ConnectionUri()], ct);
        return failed is null ? (PostgresEntry, dump) : failed;
    }

    /// <summary>The database for pg_dump/pg_restore; the password goes in PGPASSWORD, never on the command line.</summary>
    private string ConnectionUri()
    {
        var b = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        return $"postgresql://{Uri.EscapeDataString(b.Username ?? "")}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database ?? "")}";
    }

    private async Task<Error?> RunPgAsync(string tool, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (new NpgsqlConnectionStringBuilder(target.ConnectionString).Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return process.ExitCode == 0 ? null : Error.Validation("--db", "PG_TOOL_FAILED", ("tool", tool), ("exitCode", process.ExitCode), ("output", Text.Clip((await error).Trim(), 500)));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Error.Validation("--db", "PG_TOOL_MISSING", ("tool", tool));
        }
    }

    /// <summary>Opens up to 20 calls' numbers in a snapshot with the current master key.</summary>
    private async Task<Result<int>> OpenSampleAsync(DatabaseTarget snapshot, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<Hotline95DbContext>();
        options.Use(snapshot);
        var factory = new PooledDbContextFactory<Hotline95DbContext>(options.Options);
        var snapshotRing = new KeyRing(factory, masterKeys, clock);
        var cipher = new FieldCipher(snapshotRing);
        await using var snapshotDb = await factory.CreateDbContextAsync(ct);
        var sample = await snapshotDb.Calls.AsNoTracking().Where(c => c.CustomerNumber != null).OrderByDescending(c => c.StartedAt).Take(20)
            .Select(c => new { c.EnterpriseId, c.CustomerNumber }).ToListAsync(ct);
        var opened = 0;
        foreach (var call in sample)
        {
            try
            {
                if (await cipher.DecryptAsync(call.EnterpriseId, CallSealer.NumberField, call.CustomerNumber, ct) is not null)
                {
                    opened++;
                }
            }
            catch (Exception ex) when (ex is CryptographicException or MasterKeyMismatchException or InvalidOperationException)
            {
                return Error.Validation("FILE", "BACKUP_UNREADABLE", ("cause", ex.Message));
            }
        }

        return opened;
    }

    private static async Task<Result<BackupManifest>> ReadManifestAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var zip = await ZipFile.OpenReadAsync(path, ct);
            var entry = zip.GetEntry(ManifestName);
            if (entry is null)
            {
                return Error.Validation("FILE", "BACKUP_INVALID", ("file", path), ("reason", Phrase.Of("backup.noManifest")));
            }

            await using var stream = await entry.OpenAsync(ct);
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, cancellationToken: ct);
            return manifest is { Format: Format } ? manifest : Error.Validation("FILE", "BACKUP_INVALID", ("file", path), ("reason", Phrase.Of("backup.unknownFormat")));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or JsonException)
        {
            return Error.Validation("FILE", "BACKUP_INVALID", ("file", path), ("reason", Phrase.Of("backup.unreadable", ("cause", ex.Message))));
        }
    }

    private static async Task<Error?> CheckSumsAsync(string path, BackupManifest manifest, CancellationToken ct)
    {
        await using var zip = await ZipFile.OpenReadAsync(path, ct);
        foreach (var file in manifest.Files)
        {
            var entry = zip.GetEntry(file.Path);
            if (entry is null)
            {
                return Error.Validation("FILE", "BACKUP_DAMAGED", ("file", path), ("reason", Phrase.Of("backup.entryMissing", ("entry", file.Path))));
            }

            await using var stream = await entry.OpenAsync(ct);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (sha != file.Sha256)
            {
                return Error.Validation("FILE", "BACKUP_DAMAGED", ("file", path), ("reason", Phrase.Of("backup.entryAltered", ("entry", file.Path))));
            }
        }

        return null;
    }

    private static async Task<string> ManifestShaAsync(string path, CancellationToken ct)
    {
        await using var zip = await ZipFile.OpenReadAsync(path, ct);
        await using var stream = await zip.GetEntry(ManifestName)!.OpenAsync(ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>
    /// The backup's settings, but for <c>Keys</c>: where this installation keeps its master key (a file, an HSM and its
    /// library) is this installation's own, never taken from a backup, which could otherwise point the server at any library.
    /// </summary>
    private async Task RestoreSettingsAsync(string backup, string entry, string destination, CancellationToken ct)
    {
        var extracted = destination + ".restored";
        await ExtractAsync(backup, entry, extracted, ct);
        var restored = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(extracted, ct)) as System.Text.Json.Nodes.JsonObject ?? [];
        restored.Remove("Keys");
        if (File.Exists(destination) && System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(destination, ct)) is System.Text.Json.Nodes.JsonObject current
            && current["Keys"] is { } keys)
        {
            restored["Keys"] = keys.DeepClone();
        }

        await File.WriteAllTextAsync(extracted, restored.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), ct);
        File.Move(extracted, destination, overwrite: true);
    }

    private static async Task ExtractAsync(string path, string entryName, string destination, CancellationToken ct)
    {
        await using var zip = await ZipFile.OpenReadAsync(path, ct);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        await using var input = await zip.GetEntry(entryName)!.OpenAsync(ct);
        await using var output = PrivateFile(destination, FileMode.Create);
        await input.CopyToAsync(output, ct);
    }

    private static FileStream PrivateFile(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    /// <summary>An entry the restore may write: under recordings/ or calendar/, the database, or the settings file; never with '..'.</summary>
    private static bool IsSafeEntry(string entry) =>
        !entry.Split('/').Any(part => part is "" or "." or ".." || part.Contains('\\'))
        && (entry is SqliteEntry or PostgresEntry or "settings/hotline95.json"
            || entry.StartsWith("recordings/", StringComparison.Ordinal) || entry.StartsWith("calendar/", StringComparison.Ordinal));

    private static IEnumerable<(string Entry, string Source)> Tree(string root, string prefix) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => ($"{prefix}/{Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')}", f))
            : [];
}
