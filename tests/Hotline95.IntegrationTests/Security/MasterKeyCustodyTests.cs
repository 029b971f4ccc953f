using System.Security.Cryptography;
using Hotline95.Core.Audit;
using Hotline95.Core.Security;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Security;

/// <summary>
/// Issue 14, points 1 and 2, done as the fault happens: a wrong or missing master key at start, keys written under a
/// wrong key in the past, and the loss of the key file rebuilt from printed shares.
/// </summary>
public abstract class MasterKeyCustodyTests(DatabaseKind kind)
{
    private static Dictionary<string, string?> WrongKey() => new() { [KeyOptions.MasterKeyVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    /// <summary>An installation with calls in March 2026 (so a calls key and a blind-index key exist).</summary>
    private async Task<TestDatabase> InstallationWithCallsAsync()
    {
        var database = await TestDatabase.CreateAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "lines", "add", "95528", "--name", "信用卡客服热线"))).ExitCode);
        var file = Path.Combine(database.DataDirectory, "c.csv");
        await File.WriteAllTextAsync(file, "call_id,direction,from,to,start,end\n" +
            "t1,in,13800138000,95528,2026-03-02T09:00:00+08:00,2026-03-02T09:05:00+08:00\n" +
            "t2,in,13900139000,95528,2026-03-03T10:00:00+08:00,2026-03-03T10:01:00+08:00\n");
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "calls", "import", "--format", "csv", file))).ExitCode);
        return database;
    }

    /// <summary>Every stored key byte for byte, and how long the audit chain is.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        var data = await db.DataKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync();
        var blind = await db.BlindIndexKeys.AsNoTracking().OrderBy(k => k.EnterpriseId).ToListAsync();
        var audit = await db.AuditEntries.CountAsync();
        return string.Join('\n', data.Select(k => $"{k.Id}|{k.Purpose}|{k.Month}|{k.MasterKeyId}|{Convert.ToHexString(k.WrappedKey ?? [])}"))
            + "\n" + string.Join('\n', blind.Select(k => $"{k.EnterpriseId}|{k.MasterKeyId}|{Convert.ToHexString(k.WrappedKey)}")) + $"\naudit={audit}";
    }

    private static string KeyFile(TestDatabase database) => Path.Combine(database.DataDirectory, "keys", MasterKeyStore.FileName);

    [Fact]
    public async Task Start_WrongMasterKey_EveryCommandAndServeStopBeforeWritingAnything()
    {
        await using var database = await InstallationWithCallsAsync();
        var before = await SnapshotAsync(database);
        var wrong = WrongKey();

        var find = await CliRunner.RunAsync(wrong, CliRunner.On(database, "calls", "find", "--phone", "13800138000"));
        var import = await CliRunner.RunAsync(wrong, CliRunner.On(database, "calls", "import", "--format", "csv", Path.Combine(database.DataDirectory, "c.csv")));
        var serve = CliRunner.RunAsync(wrong, CliRunner.On(database, "serve", "--urls", "http://127.0.0.1:0"));
        Assert.Same(serve, await Task.WhenAny(serve, Task.Delay(TimeSpan.FromSeconds(60)))); // it must not start

        foreach (var result in new[] { find, import, await serve })
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("does not open", result.Error);
            Assert.Contains("Nothing was started or written", result.Error);
            Assert.Single(result.Error.Trim().Split('\n'));
        }

        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Fact]
    public async Task Start_MasterKeyFileMissing_RefusesAndCreatesNoNewKey()
    {
        await using var database = await InstallationWithCallsAsync();
        File.Delete(KeyFile(database));
        var before = await SnapshotAsync(database);

        var result = await CliRunner.RunAsync(CliRunner.On(database, "calls", "find", "--phone", "13800138000"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no master key", result.Error);
        Assert.Contains("keys recover", result.Error);
        Assert.False(File.Exists(KeyFile(database)));
        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Fact]
    public async Task BrandNewInstallation_FirstMigrateCreatesTheKey_AndKeysInitRefusesASecond()
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var migrate = await CliRunner.RunAsync(CliRunner.On(database, "db", "migrate"));
        var init = await CliRunner.RunAsync(CliRunner.On(database, "keys", "init"));

        Assert.Equal(0, migrate.ExitCode);
        Assert.True(File.Exists(KeyFile(database)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile(database)));
        }

        Assert.Equal(2, init.ExitCode);
        Assert.Contains("nothing was written", init.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Doctor_KeysWrittenUnderAWrongKey_RemovesTheEmptyOneKeepsTheOneWithRecords()
    {
        await using var database = await InstallationWithCallsAsync();
        var other = MasterKey.From(RandomNumberGenerator.GetBytes(32));
        await using (var db = database.OpenContext())
        {
            var enterprise = (await db.DataKeys.FirstAsync()).EnterpriseId;
            // July was written while a wrong key was configured, but nothing was stored under it; March's records were.
            db.DataKeys.Add(new DataKey
            {
                EnterpriseId = enterprise, Purpose = DataKeyPurpose.Calls, Month = new DateOnly(2026, 7, 1), MasterKeyId = other.Id, CreatedAt = DateTimeOffset.UtcNow,
                WrappedKey = KeyWrap.Wrap(other, RandomNumberGenerator.GetBytes(32), KeyWrap.DataKeyContext(enterprise, DataKeyPurpose.Calls, new DateOnly(2026, 7, 1))),
            });
            var march = await db.DataKeys.SingleAsync(k => k.Purpose == DataKeyPurpose.Calls && k.Month == new DateOnly(2026, 3, 1));
            march.WrappedKey = KeyWrap.Wrap(other, RandomNumberGenerator.GetBytes(32), KeyWrap.DataKeyContext(enterprise, DataKeyPurpose.Calls, march.Month));
            march.MasterKeyId = other.Id;
            await db.SaveChangesAsync();
        }

        var refused = await CliRunner.RunAsync(CliRunner.On(database, "calls", "find", "--phone", "13800138000"));
        var doctor = await CliRunner.RunAsync(CliRunner.On(database, "keys", "doctor"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("keys doctor", refused.Error);
        Assert.Equal(1, doctor.ExitCode); // March still seals records only the other key opens
        Assert.Contains("removed  data-key:", doctor.Out);
        Assert.Contains("(calls 2026-07)", doctor.Out);
        Assert.Contains("KEPT", doctor.Out);
        Assert.Contains("seals 2 record(s)", doctor.Out);
        await using var after = database.OpenContext();
        Assert.False(await after.DataKeys.AnyAsync(k => k.Month == new DateOnly(2026, 7, 1)));
        Assert.True(await after.DataKeys.AnyAsync(k => k.Month == new DateOnly(2026, 3, 1)));
        Assert.Equal(1, await after.AuditEntries.CountAsync(e => e.Action == AuditActions.DataKeyOrphanRemoved));
    }

    [Fact]
    public async Task Shares_AnyThreeOfFiveRebuildTheLostKey_TwoOrAnotherInstallationsWriteNothing()
    {
        await using var database = await InstallationWithCallsAsync();
        var original = await File.ReadAllTextAsync(KeyFile(database));
        var folder = Path.Combine(database.DataDirectory, "shares");
        var export = await CliRunner.RunAsync(CliRunner.On(database, "keys", "export-shares", "--shares", "5", "--threshold", "3", "--out", folder));
        Assert.Equal(0, export.ExitCode);
        var shares = Directory.GetFiles(folder).Order().ToArray();
        Assert.Equal(5, shares.Length);

        await using var elsewhere = await InstallationWithCallsAsync();
        var otherFolder = Path.Combine(elsewhere.DataDirectory, "shares");
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(elsewhere, "keys", "export-shares", "--out", otherFolder))).ExitCode);
        var foreign = Directory.GetFiles(otherFolder).Order().ToArray();

        File.Delete(KeyFile(database)); // the key file is lost
        var two = await CliRunner.RunAsync(CliRunner.On(database, "keys", "recover", shares[0], shares[3]));
        var mixed = await CliRunner.RunAsync(CliRunner.On(database, "keys", "recover", shares[0], shares[1], foreign[2]));
        var othersOnly = await CliRunner.RunAsync(CliRunner.On(database, "keys", "recover", foreign[0], foreign[1], foreign[2]));
        var tampered = Path.Combine(database.DataDirectory, "tampered.txt");
        var lines = (await File.ReadAllLinesAsync(shares[2])).Select(l => l.StartsWith("data ", StringComparison.Ordinal) ? l[..^1] + (l[^1] == '0' ? '1' : '0') : l);
        await File.WriteAllLinesAsync(tampered, lines);
        var damaged = await CliRunner.RunAsync(CliRunner.On(database, "keys", "recover", shares[0], shares[1], tampered));

        Assert.Equal(2, two.ExitCode);
        Assert.Contains("2 different share(s) given; 3 are needed", two.Error);
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("different keys", mixed.Error);
        Assert.Equal(2, othersOnly.ExitCode);
        Assert.Contains("another installation", othersOnly.Error);
        Assert.Equal(2, damaged.ExitCode);
        Assert.Contains("checksum", damaged.Error);
        Assert.False(File.Exists(KeyFile(database)));

        var recovered = await CliRunner.RunAsync(CliRunner.On(database, "keys", "recover", shares[1], shares[4], shares[2]));
        Assert.Equal(0, recovered.ExitCode);
        Assert.Equal(original, await File.ReadAllTextAsync(KeyFile(database)));
        var find = await CliRunner.RunAsync(CliRunner.On(database, "calls", "find", "--phone", "13800138000"));
        Assert.Equal(0, find.ExitCode);
        Assert.Contains("138****8000", find.Out);
    }

    [Fact]
    public async Task RunningServer_MasterKeyFileReplacedUnderIt_WritesNoKeyUnderTheNewOne()
    {
        await using var app = await Hotline95AppFactory.StartAsync(kind);
        var keyFile = Path.Combine(app.Database.DataDirectory, "keys", MasterKeyStore.FileName);
        var original = await File.ReadAllTextAsync(keyFile);
        var enterprise = await app.WithScopeAsync(s => s.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().FindAsync(null));
        var ring = app.Services.GetRequiredService<KeyRing>();
        var impostor = MasterKey.From(RandomNumberGenerator.GetBytes(32));
        await File.WriteAllTextAsync(keyFile, MasterKeyStore.Encode(impostor.Material));

        await Assert.ThrowsAsync<MasterKeyMismatchException>(() => ring.ForMonthAsync(enterprise.Value.Id, DataKeyPurpose.Calls, new DateOnly(2026, 5, 1)));

        await using (var db = app.Database.OpenContext())
        {
            Assert.False(await db.DataKeys.AnyAsync(k => k.MasterKeyId == impostor.Id));
        }

        await File.WriteAllTextAsync(keyFile, original); // the right key back: writing resumes
        var (id, _) = await ring.ForMonthAsync(enterprise.Value.Id, DataKeyPurpose.Calls, new DateOnly(2026, 5, 1));
        Assert.True(id > 0);
    }
}


public sealed class MasterKeyCustodyTestsOnSqlite() : MasterKeyCustodyTests(DatabaseKind.Sqlite);

public sealed class MasterKeyCustodyTestsOnPostgres() : MasterKeyCustodyTests(DatabaseKind.Postgres);
