using System.Net.Http.Json;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Security;

/// <summary>Issue 14, point 3: a backup taken while CTI events arrive, restored elsewhere.</summary>
public abstract class BackupTests(DatabaseKind kind)
{
    [Fact]
    public async Task Backup_TakenUnderCtiLoad_RestoredElsewhere_HoldsEveryAcknowledgedEventAndPurgesWhatRetentionSays()
    {
        if (kind == DatabaseKind.Postgres && !PgToolsPresent())
        {
            Assert.Fail("pg_dump and pg_restore are needed for PostgreSQL backups: ./test.sh puts them on PATH.");
        }

        await using var app = await CallStoreScenario.StartAsync(kind);
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow); // the CLI below runs on the real clock: both agree on "today"
        var url = await CallStoreScenario.CtiUrlAsync(app);
        // Eight months ago: past the six months of retention, still held because no purge has run yet.
        var old = DateTimeOffset.UtcNow.AddMonths(-8).ToOffset(TimeSpan.FromHours(8));
        var csv = Path.Combine(app.Database.DataDirectory, "old.csv");
        await File.WriteAllTextAsync(csv, $"call_id,direction,from,to,start,end\nold-1,in,13800138000,95528,{old:yyyy-MM-ddTHH:mm:sszzz},{old.AddMinutes(3):yyyy-MM-ddTHH:mm:sszzz}\n");
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "csv", csv)).ExitCode);
        // An uploaded dossier document (kept in the database, encrypted) travels with the backup.
        var lease = Path.Combine(app.Database.DataDirectory, "lease.pdf");
        await File.WriteAllTextAsync(lease, "%PDF-1.4\n租赁合同 backup-marker\n%%EOF\n");
        var uploaded = await CliRunner.RunAsync(CliRunner.On(app.Database, "uploads", "add", lease, "--kind", "lease"));
        Assert.True(uploaded.ExitCode == 0, uploaded.Error);
        var uploadId = uploaded.Out.Split(' ', 2)[0].Trim();

        // A PBX posts calls without pause; the backup is taken in the middle.
        var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<(string CallId, DateTimeOffset At)>();
        using var stop = new CancellationTokenSource();
        var pbx = Task.Run(async () =>
        {
            var client = app.CreateClient();
            for (var i = 0; !stop.IsCancellationRequested && i < 2_000; i++)
            {
                var id = $"live-{i}";
                await client.PostAsJsonAsync(url, new { @event = "newCall", callId = id, from = $"1380013{i:0000}", to = CallStoreScenario.Line, direction = "in" });
                var hangup = await client.PostAsJsonAsync(url, new { @event = "hangup", callId = id, cause = "cancel", from = $"1380013{i:0000}", to = CallStoreScenario.Line, direction = "in" });
                if (hangup.IsSuccessStatusCode)
                {
                    acknowledged.Enqueue((id, DateTimeOffset.UtcNow));
                }
            }
        });
        // Some events acknowledged before the snapshot starts, however slow the machine (a fixed pause was not enough under load).
        for (var waited = 0; acknowledged.IsEmpty && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(500);
        var snapshotStarted = DateTimeOffset.UtcNow;
        var backupFile = Path.Combine(app.Database.DataDirectory, "backup.zip");
        // Settings travel with the backup, but for where the master key is kept, which is the restoring installation's own.
        await File.WriteAllTextAsync(Path.Combine(app.Database.DataDirectory, "hotline95.json"),
            """{"Retention": {"NightlyEnabled": true}, "Keys": {"Pkcs11": {"KeyLabel": "label-from-the-backup"}}}""");
        var backup = await CliRunner.RunAsync(CliRunner.On(app.Database, "backup", "create", "--out", backupFile));
        await Task.Delay(500);
        await stop.CancelAsync();
        await pbx;
        Assert.Equal(0, backup.ExitCode);
        var before = acknowledged.Where(a => a.At < snapshotStarted).Select(a => a.CallId).ToList();
        Assert.NotEmpty(before);

        var verify = await CliRunner.RunAsync(CliRunner.On(app.Database, "backup", "verify", backupFile));
        Assert.Equal(0, verify.ExitCode);

        // Elsewhere: an empty installation with the master key put back (from its shares, say).
        await using var elsewhere = await TestDatabase.CreateAsync(kind);
        Directory.CreateDirectory(Path.Combine(elsewhere.DataDirectory, "keys"));
        File.Copy(Path.Combine(app.Database.DataDirectory, "keys", "master.key"), Path.Combine(elsewhere.DataDirectory, "keys", "master.key"));
        var restore = await CliRunner.RunAsync(CliRunner.On(elsewhere, "backup", "restore", backupFile));
        Assert.Equal(0, restore.ExitCode);
        var restoredSettings = await File.ReadAllTextAsync(Path.Combine(elsewhere.DataDirectory, "hotline95.json"));
        Assert.Contains("NightlyEnabled", restoredSettings);
        Assert.DoesNotContain("label-from-the-backup", restoredSettings);

        await using var db = elsewhere.OpenContext();
        var restored = (await db.Calls.Select(c => c.SourceId).ToListAsync()).ToHashSet();
        Assert.All(before, id => Assert.Contains(id, restored));
        Assert.DoesNotContain("old-1", restored); // past retention today: purged again before anything is served
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(elsewhere, "audit", "verify"))).ExitCode);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == Core.Audit.AuditActions.BackupRestored));
        var leaseBack = Path.Combine(elsewhere.DataDirectory, "lease-restored.pdf");
        var got = await CliRunner.RunAsync(CliRunner.On(elsewhere, "uploads", "get", uploadId, "--out", leaseBack));
        Assert.True(got.ExitCode == 0, got.Error);
        Assert.Equal(await File.ReadAllBytesAsync(lease), await File.ReadAllBytesAsync(leaseBack));

        // A second restore into the now used installation is refused.
        var again = await CliRunner.RunAsync(CliRunner.On(elsewhere, "backup", "restore", backupFile));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("empty installation", again.Error);
    }

    [Fact]
    public async Task Verify_AlteredFileInTheBackup_IsReportedDamaged()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        if (kind == DatabaseKind.Postgres && !PgToolsPresent())
        {
            Assert.Fail("pg_dump is needed for PostgreSQL backups: ./test.sh puts it on PATH.");
        }

        var backupFile = Path.Combine(app.Database.DataDirectory, "backup.zip");
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "backup", "create", "--out", backupFile))).ExitCode);
        using (var zip = System.IO.Compression.ZipFile.Open(backupFile, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("database/", StringComparison.Ordinal));
            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("not the database");
        }

        var verify = await CliRunner.RunAsync(CliRunner.On(app.Database, "backup", "verify", backupFile));

        Assert.Equal(2, verify.ExitCode);
        Assert.Contains("does not match its SHA-256", verify.Error);
    }

    private static bool PgToolsPresent() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(p => File.Exists(Path.Combine(p, "pg_dump")) && File.Exists(Path.Combine(p, "pg_restore")));
}

public sealed class BackupTestsOnSqlite() : BackupTests(DatabaseKind.Sqlite);

public sealed class BackupTestsOnPostgres() : BackupTests(DatabaseKind.Postgres);
