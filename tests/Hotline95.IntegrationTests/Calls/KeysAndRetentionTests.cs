using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Calls;

public abstract class KeysAndRetentionTests(DatabaseKind kind)
{
    /// <summary>Three calls by CSV: two days either side of the 6-month boundary of 2026-09-15, and one in the next month.</summary>
    protected static async Task<Hotline95AppFactory> WithBoundaryCallsAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "boundary.csv");
        await File.WriteAllTextAsync(file, """
            call_id,direction,from,to,start,end
            past,in,13800138000,95528,2026-03-14T10:00:00+08:00,2026-03-14T10:05:00+08:00
            inside,in,13900139000,95528,2026-03-16T10:00:00+08:00,2026-03-16T10:05:00+08:00
            feb,in,13700137000,95528,2026-02-20T10:00:00+08:00,2026-02-20T10:05:00+08:00
            """);
        var imported = await CallStoreScenario.ImportAsync(app.Database, "csv", file);
        Assert.Contains("imported 3", imported.Out);
        return app;
    }

    private static Task<List<string>> RemainingAsync(Hotline95AppFactory app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.AsNoTracking().Select(c => c.SourceId).ToListAsync());

    private static Task<long> IdOfAsync(Hotline95AppFactory app, string sourceId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.Where(c => c.SourceId == sourceId).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task Purge_AtTheBoundary_KeepsOneDayInsideDeletesOneDayPastWithItsRecording()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var past = await IdOfAsync(app, "past");
        var audio = Path.Combine(app.Database.DataDirectory, "a.wav");
        await File.WriteAllBytesAsync(audio, TestAudio.Wav(1000));
        await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "attach", past.ToString(System.Globalization.CultureInfo.InvariantCulture), audio));

        var purge = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15"));

        Assert.Equal(0, purge.ExitCode);
        Assert.Contains("before 2026-03-15 00:00", purge.Out);
        Assert.Equal(["inside"], await RemainingAsync(app));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.Database.DataDirectory, "recordings"), "*.h95rec", SearchOption.AllDirectories));
        Assert.Contains("deleted 2 call(s) and 1 recording(s)", purge.Out);
        if (kind == DatabaseKind.Postgres)
        {
            Assert.Contains("dropped partitions: calls_2026_02", purge.Out); // February went whole, March row by row
        }
    }

    [Fact]
    public async Task Purge_DryRun_DeletesNothing()
    {
        await using var app = await WithBoundaryCallsAsync(kind);

        var purge = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15", "--dry-run"));

        Assert.Contains("would delete 2 call(s)", purge.Out);
        Assert.Equal(3, (await RemainingAsync(app)).Count);
    }

    [Fact]
    public async Task Purge_CallOnLegalHold_IsKeptAndKeepsItsMonthKey()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var past = await IdOfAsync(app, "past");
        var held = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "hold", past.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "监管调查 2026-031"));

        var purge = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15"));
        var keys = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "status"));
        var found = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13800138000"));

        Assert.Equal(0, held.ExitCode);
        Assert.Contains("kept 1 on legal hold", purge.Out);
        Assert.Contains("past", await RemainingAsync(app));
        Assert.Contains("138****8000", found.Out); // still readable: March's key was not destroyed
        Assert.Contains(keys.Out.Split('\n'), l => l.Contains("2026-03", StringComparison.Ordinal) && l.Contains("active", StringComparison.Ordinal));
        Assert.Contains(keys.Out.Split('\n'), l => l.Contains("2026-02", StringComparison.Ordinal) && l.Contains("destroyed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purge_EmptiedMonth_DestroysItsKeyAndWritesEvidence()
    {
        await using var app = await WithBoundaryCallsAsync(kind);

        var purge = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15"));
        var admin = await app.LoginAsAdminAsync();
        var policy = await admin.GetFromJsonAsync<JsonElement>("/api/retention");
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/keys");

        Assert.Contains("destroyed the data keys of 2026-02", purge.Out);
        Assert.DoesNotContain("2026-03", purge.Out.Split('\n').Single(l => l.Contains("data keys", StringComparison.Ordinal)));
        var run = policy.GetProperty("history")[0];
        Assert.Equal(2, run.GetProperty("callsDeleted").GetInt32());
        Assert.Equal("2026-02", run.GetProperty("keysDestroyed").GetString());
        var february = status.GetProperty("dataKeys").EnumerateArray().Single(k => k.GetProperty("month").GetString() == "2026-02");
        Assert.NotEqual(JsonValueKind.Null, february.GetProperty("destroyedAt").ValueKind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"))).ExitCode);
    }

    [Fact]
    public async Task Purge_AuditEntryCannotBeWritten_KeyNotDestroyedUntilItsEntryIs()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        async Task<Core.Security.DataKey> FebruaryAsync()
        {
            await using var db = app.Database.OpenContext();
            return await db.DataKeys.AsNoTracking().SingleAsync(k => k.Month == new DateOnly(2026, 2, 1) && k.Purpose == Core.Security.DataKeyPurpose.Calls);
        }

        // The real process, so that stderr is what the operator's terminal shows (the logs included).
        int exitCode;
        string stderr;
        await using (await app.Database.RefuseInsertsAsync<Core.Audit.AuditEntry>())
        {
            var info = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hotline95.dll"),
                .. CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            (exitCode, stderr) = (process.ExitCode, await error);
        }

        Assert.Equal(global::Hotline95.Commands.ExitCodes.DatabaseFailed, exitCode);
        Assert.Contains("insert refused (test fault)", stderr); // what the database said
        Assert.Contains("rolled back", stderr);
        Assert.DoesNotContain("13800138000", stderr); // a refusal's detail can carry a row's values: never printed
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.Single(stderr.Trim().Split('\n')); // one message
        Assert.NotNull((await FebruaryAsync()).WrappedKey); // no key destroyed without the entry that records it

        var purged = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15"));
        Assert.Contains("destroyed the data keys of 2026-02", purged.Out);
        var february = await FebruaryAsync();
        Assert.Null(february.WrappedKey);
        await using var check = app.Database.OpenContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.DataKeyDestroyed && e.Target == $"data-key:{february.Id}"));
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"))).ExitCode);
    }

    [Fact]
    public async Task KeysStatus_ListsMonthsNeverKeyMaterial()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var master = (await File.ReadAllTextAsync(Path.Combine(app.Database.DataDirectory, "keys", "master.key"))).Trim();

        var status = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "status"));
        var api = await (await app.LoginAsAdminAsync()).GetStringAsync("/api/keys");

        Assert.Contains("2026-02", status.Out);
        Assert.Contains("2026-03", status.Out);
        Assert.DoesNotContain(master, status.Out);
        Assert.DoesNotContain(master, api);
        Assert.DoesNotContain("wrappedKey", api, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeysRotate_NewMasterKey_OldRecordsStillReadable()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var keyFile = Path.Combine(app.Database.DataDirectory, "keys", "master.key");
        var before = await File.ReadAllTextAsync(keyFile);

        var rotated = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"));
        var after = await File.ReadAllTextAsync(keyFile);
        var found = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13900139000"));
        var supervisor = await app.LoginAsSupervisorAsync();
        var id = await IdOfAsync(app, "inside");
        var revealed = await (await supervisor.PostAsJsonAsync($"/api/calls/{id}/reveal", new { reason = "轮换后核验" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains("Re-wrapped 2 data key(s)", rotated.Out);
        Assert.NotEqual(before, after);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Contains("139****9000", found.Out);
        Assert.Equal("13900139000", revealed.GetProperty("customerNumber").GetString());
    }

    [Fact]
    public async Task KeysRotate_AuditEntryCannotBeWritten_NothingRotatedAndTheNextRotationRecordedOnce()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var keyFile = Path.Combine(app.Database.DataDirectory, "keys", "master.key");
        var before = await File.ReadAllTextAsync(keyFile);
        string[] MasterIds(Hotline95DbContext db) => [.. db.DataKeys.AsNoTracking().Select(k => k.MasterKeyId).Distinct()];
        await using (var db = app.Database.OpenContext())
        {
            Assert.Single(MasterIds(db));
        }

        CliResult refused;
        await using (await app.Database.RefuseInsertsAsync<Core.Audit.AuditEntry>())
        {
            refused = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"));
        }

        // Not rotated: the key on disk and every wrapped key as before, so no rotation the audit log does not know of.
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(before, await File.ReadAllTextAsync(keyFile));
        string oldMaster;
        await using (var db = app.Database.OpenContext())
        {
            oldMaster = Assert.Single(MasterIds(db));
            Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.MasterKeyRotated));
        }
        Assert.Contains("139****9000", (await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13900139000"))).Out);

        var rotated = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"));
        Assert.Equal(0, rotated.ExitCode);
        await using (var db = app.Database.OpenContext())
        {
            var newMaster = Assert.Single(MasterIds(db));
            Assert.NotEqual(oldMaster, newMaster);
            var entry = Assert.Single(await db.AuditEntries.AsNoTracking().Where(e => e.Action == Core.Audit.AuditActions.MasterKeyRotated).ToListAsync());
            Assert.Equal($"master:{oldMaster}->{newMaster}", entry.Target);
            Assert.Contains("data keys re-wrapped=2", entry.Details);
        }
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"))).ExitCode);
    }

    /// <summary>An installation with no enterprise's keys yet: the rotation is still in the audit log, for the installation.</summary>
    [Fact]
    public async Task KeysRotate_NoEnterpriseKeysYet_RecordedForTheInstallation()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "keys", "init"))).ExitCode);

        var rotated = await CliRunner.RunAsync(CliRunner.On(database, "keys", "rotate"));

        Assert.True(rotated.ExitCode == 0, rotated.Error);
        await using var db = database.OpenContext();
        Assert.Empty(await db.DataKeys.ToListAsync());
        Assert.Empty(await db.BlindIndexKeys.ToListAsync());
        var entry = Assert.Single(await db.AuditEntries.AsNoTracking().Where(e => e.Action == Core.Audit.AuditActions.MasterKeyRotated).ToListAsync());
        Assert.Equal(Guid.Empty, entry.EnterpriseId);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"))).ExitCode);
    }

    /// <summary>A master key given in the environment: the rotation prints the next one, and with it everything opens.</summary>
    [Fact]
    public async Task KeysRotate_MasterKeyFromTheEnvironment_RecordedAndTheNewKeyOpensEverything()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var environment = new Dictionary<string, string?> { ["HOTLINE95_MASTER_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };
        Assert.Equal(0, (await CliRunner.RunAsync(environment, CliRunner.On(database, "lines", "add", "95528", "--name", "信用卡客服热线"))).ExitCode);
        var file = Path.Combine(database.DataDirectory, "c.csv");
        await File.WriteAllTextAsync(file, "call_id,direction,from,to,start,end\nt1,in,13900139000,95528,2026-03-16T10:00:00+08:00,2026-03-16T10:05:00+08:00\n");
        Assert.Equal(0, (await CliRunner.RunAsync(environment, CliRunner.On(database, "calls", "import", "--format", "csv", file))).ExitCode);

        var rotated = await CliRunner.RunAsync(environment, CliRunner.On(database, "keys", "rotate"));

        Assert.True(rotated.ExitCode == 0, rotated.Error);
        var printed = rotated.Out.Split('\n').Single(l => l.StartsWith("HOTLINE95_MASTER_KEY=", StringComparison.Ordinal))["HOTLINE95_MASTER_KEY=".Length..].Trim();
        Assert.NotEqual(environment["HOTLINE95_MASTER_KEY"], printed);
        var next = new Dictionary<string, string?> { ["HOTLINE95_MASTER_KEY"] = printed };
        Assert.Contains("139****9000", (await CliRunner.RunAsync(next, CliRunner.On(database, "calls", "find", "--phone", "13900139000"))).Out);
        Assert.Equal(0, (await CliRunner.RunAsync(next, CliRunner.On(database, "audit", "verify"))).ExitCode);
        await using var db = database.OpenContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.MasterKeyRotated));
    }

    /// <summary>
    /// The rotation has committed when the pass over keys made meanwhile fails (here: its audit entry is refused): the new key
    /// stands, the previous one is kept beside it, so the key another process made under it still opens, and the next
    /// rotation re-wraps it and removes the previous key.
    /// </summary>
    [Fact]
    public async Task KeysRotate_PassOverKeysMadeMeanwhileFails_PreviousKeyKeptAndTheNextRotationFinishes()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var keyDirectory = Path.Combine(app.Database.DataDirectory, "keys");
        var old = Core.Security.MasterKey.From(Convert.FromBase64String((await File.ReadAllTextAsync(Path.Combine(keyDirectory, "master.key"))).Trim()));
        var enterprise = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().DataKeys.Select(k => k.EnterpriseId).FirstAsync());
        var straggler = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var month = new DateOnly(2026, 4, 1);
        IAsyncDisposable? refusal = null;

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<Core.Security.ManageKeysHandler>().RotateAsync("test", committed: _ =>
        {
            // Another node made April's key under the master key it had read, after the rotation read the keys.
            using (var db = app.Database.OpenContext())
            {
                var context = Core.Security.KeyWrap.DataKeyContext(enterprise, Core.Security.DataKeyPurpose.Calls, month);
                db.DataKeys.Add(new Core.Security.DataKey
                {
                    EnterpriseId = enterprise, Month = month, MasterKeyId = old.Id, CreatedAt = DateTimeOffset.UtcNow,
                    WrappedKey = Core.Security.KeyWrap.Wrap(old, straggler, context),
                });
                db.SaveChanges();
            }

            refusal = app.Database.RefuseInsertsAsync<Core.Audit.AuditEntry>().GetAwaiter().GetResult();
        }));
        await refusal!.DisposeAsync();

        Assert.True(result.IsSuccess);
        Assert.NotNull(result.Value.LateKeysFailure);
        var previous = Path.Combine(keyDirectory, "master.key.previous");
        Assert.Equal(previous, result.Value.PreviousKeptAt);
        Assert.Equal(Convert.ToBase64String(old.Material), (await File.ReadAllTextAsync(previous)).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(previous));
        // Every command starts (the master-key check opens April's key with the previous key) and the records open.
        Assert.Contains("139****9000", (await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13900139000"))).Out);

        var again = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"));

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.False(File.Exists(previous));
        var newMaster = Core.Security.MasterKey.From(Convert.FromBase64String((await File.ReadAllTextAsync(Path.Combine(keyDirectory, "master.key"))).Trim()));
        await using (var db = app.Database.OpenContext())
        {
            var april = await db.DataKeys.AsNoTracking().SingleAsync(k => k.Month == month && k.EnterpriseId == enterprise);
            Assert.Equal(newMaster.Id, april.MasterKeyId);
            Assert.Equal(straggler, Core.Security.KeyWrap.Unwrap(newMaster, april.WrappedKey!, Core.Security.KeyWrap.DataKeyContext(enterprise, april.Purpose, month)));
            Assert.Equal(new[] { newMaster.Id }, await db.DataKeys.Where(k => k.WrappedKey != null).Select(k => k.MasterKeyId).Distinct().ToListAsync());
        }
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"))).ExitCode);
    }

    private static Core.Security.MasterKey KeyIn(string file) => Core.Security.MasterKey.From(Convert.FromBase64String(File.ReadAllText(file).Trim()));

    private static async Task<List<string>> StoredMasterIdsAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        return await db.DataKeys.Where(k => k.WrappedKey != null).Select(k => k.MasterKeyId)
            .Concat(db.BlindIndexKeys.Select(k => k.MasterKeyId)).Concat(db.AuditKeys.Select(k => k.MasterKeyId)).Concat(db.SessionKeys.Select(k => k.MasterKeyId))
            .Distinct().ToListAsync();
    }

    /// <summary>
    /// The moment the rotation has committed the previous key is on disk already (a key another process makes under it
    /// meanwhile, or a crash, never leaves a key no file holds); a session key a starting node made meanwhile is re-wrapped
    /// by the last pass; the caller failing to show the new key stops nothing; and once every key is re-wrapped the
    /// previous key is gone.
    /// </summary>
    [Fact]
    public async Task KeysRotate_Committed_PreviousKeyOnDiskFirstAndASessionKeyMadeMeanwhileRewrapped()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var keyDirectory = Path.Combine(app.Database.DataDirectory, "keys");
        var old = KeyIn(Path.Combine(keyDirectory, "master.key"));
        var previous = Path.Combine(keyDirectory, "master.key.previous");
        var (name, sessionKey) = ($"key-{Guid.NewGuid()}", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        string? previousAtCommit = null;

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<Core.Security.ManageKeysHandler>().RotateAsync("test", committed: _ =>
        {
            previousAtCommit = File.Exists(previous) ? File.ReadAllText(previous).Trim() : null;
            using (var db = app.Database.OpenContext())
            {
                db.SessionKeys.Add(new Core.Security.SessionKey
                {
                    Name = name, MasterKeyId = old.Id, Sealed = [1, 2, 3], CreatedAt = DateTimeOffset.UtcNow,
                    WrappedKey = Core.Security.KeyWrap.Wrap(old, sessionKey, Core.Security.SessionKey.Context(name)),
                });
                db.SaveChanges();
            }

            throw new IOException("the terminal went away");
        }));

        Assert.True(result.IsSuccess);
        Assert.Null(result.Value.LateKeysFailure);
        Assert.Equal(Convert.ToBase64String(old.Material), previousAtCommit);
        Assert.False(File.Exists(previous));
        Assert.False(File.Exists(Path.Combine(keyDirectory, "master.key.next")));
        var newMaster = KeyIn(Path.Combine(keyDirectory, "master.key"));
        Assert.Equal(result.Value.NewMasterKeyId, newMaster.Id);
        Assert.Equal([newMaster.Id], await StoredMasterIdsAsync(app.Database));
        await using (var db = app.Database.OpenContext())
        {
            var made = await db.SessionKeys.SingleAsync(k => k.Name == name);
            Assert.Equal(sessionKey, Core.Security.KeyWrap.Unwrap(newMaster, made.WrappedKey, Core.Security.SessionKey.Context(name)));
            db.SessionKeys.Remove(made); // its sealed part is not a real key's
            await db.SaveChangesAsync();
        }
    }

    /// <summary>A second 'keys rotate' while one runs (another shell on the same key directory) is refused: it writes no key over the first's.</summary>
    [Fact]
    public async Task KeysRotate_AnotherRotationRunning_RefusedAndTheFirstRotationsKeyStands()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var keyDirectory = Path.Combine(app.Database.DataDirectory, "keys");
        CliResult? second = null;

        var first = await app.WithScopeAsync(sp => sp.GetRequiredService<Core.Security.ManageKeysHandler>().RotateAsync("test", committed: _ =>
            second = CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate")).GetAwaiter().GetResult()));

        Assert.True(first.IsSuccess);
        Assert.NotNull(second);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("Another 'keys rotate' is running", second.Error);
        Assert.Contains("另一个 keys rotate 正在进行", second.Error);
        Assert.Equal(first.Value.NewMasterKeyId, KeyIn(Path.Combine(keyDirectory, "master.key")).Id);
        Assert.Equal([first.Value.NewMasterKeyId], await StoredMasterIdsAsync(app.Database));
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"))).ExitCode); // and once it is over, the next one runs
    }

    /// <summary>
    /// The rotation commits but its new key cannot be made current on disk (the previous key's file cannot be written): both
    /// keys stay on disk and are read, the records open, and the next rotation makes the committed key current first.
    /// </summary>
    [Fact]
    public async Task KeysRotate_KeyFilesCannotBeReplaced_CommittedKeyKeptBesideAndTheNextRotationFinishesIt()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var keyDirectory = Path.Combine(app.Database.DataDirectory, "keys");
        var (keyFile, nextFile, previous) = (Path.Combine(keyDirectory, "master.key"), Path.Combine(keyDirectory, "master.key.next"), Path.Combine(keyDirectory, "master.key.previous"));
        var old = KeyIn(keyFile);
        Directory.CreateDirectory(previous);
        await File.WriteAllTextAsync(Path.Combine(previous, "in-the-way"), "x"); // the previous key's file cannot be written

        var stuck = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"));

        Assert.Equal(3, stuck.ExitCode);
        Assert.Contains("master.key.next", stuck.Error);
        Assert.Equal(old.Id, KeyIn(keyFile).Id);
        var committed = KeyIn(nextFile);
        Assert.Equal([committed.Id], await StoredMasterIdsAsync(app.Database));
        Assert.Contains("139****9000", (await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13900139000"))).Out);

        Directory.Delete(previous, recursive: true);
        var again = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"));

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.False(File.Exists(nextFile));
        Assert.False(File.Exists(previous));
        var current = KeyIn(keyFile);
        Assert.NotEqual(old.Id, current.Id);
        Assert.NotEqual(committed.Id, current.Id);
        Assert.Equal([current.Id], await StoredMasterIdsAsync(app.Database));
        Assert.Contains("139****9000", (await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13900139000"))).Out);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "audit", "verify"))).ExitCode);
    }

    /// <summary>Another process changes a data key between the rotation's read and its write: nothing rotates and no next key is left behind.</summary>
    [Fact]
    public async Task KeysRotate_KeyChangedByAnotherProcessMidway_NothingRotatedAndNoNextKeyLeft()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var keyDirectory = Path.Combine(app.Database.DataDirectory, "keys");
        var before = await StoredMasterIdsAsync(app.Database);
        var old = KeyIn(Path.Combine(keyDirectory, "master.key"));

        CliResult refused;
        await using (await app.Database.SkipUpdatesAsync<Core.Security.DataKey>())
        {
            refused = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "rotate"));
        }

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("was changed by another process during the rotation", refused.Error);
        Assert.Equal(old.Id, KeyIn(Path.Combine(keyDirectory, "master.key")).Id);
        Assert.False(File.Exists(Path.Combine(keyDirectory, "master.key.next")));
        Assert.Equal(before, await StoredMasterIdsAsync(app.Database));
        await using var db = app.Database.OpenContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action == Core.Audit.AuditActions.MasterKeyRotated));
    }

    /// <summary>A retention purge on another node destroys a key after a rotation read it: the rotation does not write it back.</summary>
    [Fact]
    public async Task TryRewrap_KeyDestroyedAfterItWasRead_LeftDestroyed()
    {
        await using var app = await WithBoundaryCallsAsync(kind);
        var (rewrapped, row) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Hotline95DbContext>();
            var old = sp.GetRequiredService<Core.Security.KeyRing>().Master().Value;
            var read = await db.DataKeys.AsNoTracking().OrderBy(k => k.Month).FirstAsync(k => k.WrappedKey != null);
            await using (var purge = app.Database.OpenContext())
            {
                await purge.DataKeys.Where(k => k.Id == read.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.WrappedKey, (byte[]?)null).SetProperty(k => k.DestroyedAt, DateTimeOffset.UtcNow));
            }

            var next = Core.Security.MasterKey.From(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var rewrapped = await sp.GetRequiredService<Core.Security.ManageKeysHandler>().TryRewrapAsync(read, old, next, DateTimeOffset.UtcNow, default);
            return (rewrapped, await db.DataKeys.AsNoTracking().SingleAsync(k => k.Id == read.Id));
        });

        Assert.False(rewrapped);
        Assert.Null(row.WrappedKey);
        Assert.NotNull(row.DestroyedAt);
    }

    /// <summary>A node's first call or start-up made keys while <c>keys rotate</c> ran: they are re-wrapped too, blind-index keys included.</summary>
    [Fact]
    public async Task RewrapStragglers_KeysMadeWithTheOldMaster_RewrappedWithTheNext()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var (enterprise, old, next, blind) = await app.WithScopeAsync(async sp =>
        {
            var keys = sp.GetRequiredService<Core.Security.KeyRing>();
            var old = keys.Master().Value;
            var enterprise = (await sp.GetRequiredService<Core.Enterprises.EnterpriseDirectory>().EnsureAsync("late-bank", "迟到银行")).Id;
            await keys.ForMonthAsync(enterprise, new DateOnly(2026, 3, 1));
            await keys.BlindKeyAsync(enterprise);
            var next = Core.Security.MasterKey.From(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var (_, blind) = await sp.GetRequiredService<Core.Security.ManageKeysHandler>().RewrapStragglersAsync(old, next, DateTimeOffset.UtcNow, "test", default);
            return (enterprise, old, next, blind);
        });

        await using var db = app.Database.OpenContext();
        var blindRow = await db.BlindIndexKeys.AsNoTracking().SingleAsync(k => k.EnterpriseId == enterprise);
        var dataRows = await db.DataKeys.AsNoTracking().Where(k => k.EnterpriseId == enterprise).ToListAsync();
        Assert.Contains(blind, k => k.EnterpriseId == enterprise);
        Assert.Equal(next.Id, blindRow.MasterKeyId);
        Assert.Equal(32, Core.Security.KeyWrap.Unwrap(next, blindRow.WrappedKey, Core.Security.KeyWrap.BlindKeyContext(enterprise)).Length);
        Assert.All(dataRows, k => Assert.Equal(next.Id, k.MasterKeyId));
        Assert.NotEqual(old.Id, next.Id);
    }

    [Fact]
    public async Task AnyCommand_RetentionBelowSixMonths_IsRefusedAtStartup()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await File.WriteAllTextAsync(Path.Combine(database.DataDirectory, "hotline95.json"), """{"Retention":{"CallRecordMonths":3}}""");

        var result = await CliRunner.RunAsync(CliRunner.On(database, "retention", "purge"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Retention:CallRecordMonths is 3", result.Error);
    }
}

public sealed class KeysAndRetentionTestsOnSqlite() : KeysAndRetentionTests(DatabaseKind.Sqlite);

public sealed class KeysAndRetentionTestsOnPostgres() : KeysAndRetentionTests(DatabaseKind.Postgres)
{
    /// <summary>
    /// On PostgreSQL a node making a key holds its enterprise's key-creation lock from reading the master key to its commit:
    /// the rotation's last pass waits for it, so a key another node is committing under the old master key is not missed.
    /// </summary>
    [Fact]
    public async Task RewrapStragglers_KeyBeingMadeUnderTheOldMaster_WaitsForItAndRewrapsIt()
    {
        await using var app = await WithBoundaryCallsAsync(DatabaseKind.Postgres);
        var old = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Core.Security.KeyRing>().Master().Value));
        var enterprise = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().DataKeys.Select(k => k.EnterpriseId).FirstAsync());
        var month = new DateOnly(2026, 5, 1);
        var next = Core.Security.MasterKey.From(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        // Another node, between reading the master key and committing May's key.
        await using var node = app.Database.OpenContext();
        await using var making = await node.Database.BeginTransactionAsync();
        await Core.Hosting.ClusterLocks.ForKeyCreationAsync(node, enterprise, default);
        var context = Core.Security.KeyWrap.DataKeyContext(enterprise, Core.Security.DataKeyPurpose.Calls, month);
        node.DataKeys.Add(new Core.Security.DataKey
        {
            EnterpriseId = enterprise, Month = month, MasterKeyId = old.Id, CreatedAt = DateTimeOffset.UtcNow,
            WrappedKey = Core.Security.KeyWrap.Wrap(old, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), context),
        });
        await node.SaveChangesAsync();

        var pass = app.WithScopeAsync(sp => sp.GetRequiredService<Core.Security.ManageKeysHandler>().RewrapStragglersAsync(old, next, DateTimeOffset.UtcNow, "test", default));
        // The pass is seen waiting on the database for the lock the node holds (not merely slow to start).
        var waiting = false;
        for (var tries = 0; tries < 100 && !waiting && !pass.IsCompleted; tries++)
        {
            await using var look = app.Database.OpenContext();
            waiting = await look.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").SingleAsync() > 0;
            await Task.Delay(100);
        }

        Assert.True(waiting, "the pass did not wait for the key-creation lock");
        Assert.False(pass.IsCompleted);
        await making.CommitAsync();
        var (data, _) = await pass.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(data, k => k.Month == month && k.EnterpriseId == enterprise);
        await using var db = app.Database.OpenContext();
        Assert.Equal(next.Id, (await db.DataKeys.AsNoTracking().SingleAsync(k => k.Month == month && k.EnterpriseId == enterprise)).MasterKeyId);
    }
}
