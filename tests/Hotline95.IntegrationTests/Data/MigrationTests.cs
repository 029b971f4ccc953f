using Hotline95.Core.Calls;
using Hotline95.Core.Data;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline95.IntegrationTests.Data;

public abstract class MigrationTests(DatabaseKind kind)
{
    [Fact]
    public async Task DbMigrate_EmptyDatabase_AppliesEveryMigrationAndLeavesNoModelChangesPending()
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var first = await CliRunner.RunAsync(CliRunner.On(database, "db", "migrate"));
        var second = await CliRunner.RunAsync(CliRunner.On(database, "db", "migrate"));

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Initial", first.Out);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Out);

        await using var db = database.OpenContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add for both providers");
        Assert.Equal(1, await db.Enterprises.CountAsync());
    }

    /// <summary>
    /// A newcomer's first <c>db migrate</c> or <c>serve</c> printed EF's "Failed executing DbCommand" for the missing history
    /// table, and on SQLite EF's warning that a table rebuild's PRAGMA foreign_keys commits the migration in pieces
    /// (RollupShards now rebuilds in one transaction; a new migration that warns fails here and wants the same review).
    /// </summary>
    [Fact]
    public async Task ApplyMigrations_NewDatabase_NoCommandFailsAndNothingWarns()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var failed = new FailedCommands();
        var warnings = new List<string>();
        var options = new DbContextOptionsBuilder<Hotline95DbContext>();
        options.Use(database.Target);
        options.AddInterceptors(failed);
        options.LogTo(message => { lock (warnings) { warnings.Add(message); } }, Microsoft.Extensions.Logging.LogLevel.Warning);
        await using var db = new Hotline95DbContext(options.Options);

        var appliedBefore = await db.Database.AppliedMigrationsAsync();
        var pendingBefore = await db.Database.PendingMigrationsAsync();
        await db.Database.ApplyMigrationsAsync();

        Assert.Empty(appliedBefore);
        Assert.Equal(db.Database.GetMigrations(), pendingBefore);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.AppliedMigrationsAsync());
        Assert.Empty(await db.Database.PendingMigrationsAsync());
        Assert.Empty(failed.Sql);
        Assert.Empty(warnings);
    }

    private sealed class FailedCommands : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public List<string> Sql { get; } = [];

        public override Task CommandFailedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Sql.Add(command.CommandText);
            return Task.CompletedTask;
        }

        public override void CommandFailed(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandErrorEventData eventData) => Sql.Add(command.CommandText);
    }

    /// <summary>Calls stored before the blind index was bucketed by day get their day, and are found by number after the upgrade.</summary>
    [Fact]
    public async Task Migrate_CallStoredBeforeStartedDay_GetsItsUtcDay()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.OpenContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_CallTrunks", StringComparison.Ordinal)));
        var started = new DateTimeOffset(2026, 1, 31, 15, 30, 0, TimeSpan.Zero); // 23:30 in Beijing, already 1 February there
        var call = new CallRecord
        {
            EnterpriseId = Guid.NewGuid(), Line = "95528", SourceSystem = "asterisk", SourceId = "before-upgrade", StartedAt = started, CreatedAt = started,
            CustomerNumberIndex = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        };
        var provider = kind == DatabaseKind.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        await CallPartitions.EnsureAsync(db, started);
        var columns = CallColumns.Names.Where(c => c != "StartedDay").ToArray(); // the table as it was
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var insert = new StatementBatch(connection, provider); // binds the typed nulls of CallColumns.Value
        insert.Add($"INSERT INTO calls ({CallColumns.Quoted(columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            [.. columns.Select(c => CallColumns.Value(call, c, provider))]);
        await insert.ExecuteAsync(null, CancellationToken.None);

        await migrator.MigrateAsync();

        var stored = await db.Calls.AsNoTracking().SingleAsync();
        Assert.Equal(20_484, stored.StartedDay); // 2026-01-31 counted from 1970-01-01, UTC
        Assert.Equal(call.CustomerNumberIndex, stored.CustomerNumberIndex);
        Assert.Equal(1, await db.Calls.CountAsync(c => c.StartedDay == 20_484 && c.CustomerNumberIndex == call.CustomerNumberIndex));
    }

    /// <summary>Roll-ups stored before they had shards (migration RollupShards rebuilds the tables on SQLite) keep every figure, in shard 0.</summary>
    [Fact]
    public async Task Migrate_RollupsStoredBeforeShards_KeepTheirFiguresInShardZero()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.OpenContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_Desk", StringComparison.Ordinal)));
        var enterprise = new Core.Enterprises.Enterprise { Slug = "before-shards", Name = "Before shards", CreatedAt = Hotline95AppFactory.DefaultStart };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync();
        var day = new DateOnly(2026, 11, 30);
        byte[] sketch = [1, 2, 3, 4];
        var postgres = kind == DatabaseKind.Postgres;
        var (id, dayValue) = (DbValues.Guid(enterprise.Id, postgres), DbValues.Day(day, postgres)); // as the model stores them, as the roll-up writer binds them
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO rollup_daily ("EnterpriseId", "Line", "Day", "Answered", "Callers", "CallsIn", "CallsOut", "Complaints", "Missed", "RingSeconds", "TalkSeconds")
            VALUES ({0}, '95528', {1}, 7, {2}, 9, 1, 1, 2, 30, 300)
            """, id, dayValue, sketch);
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO rollup_hourly ("EnterpriseId", "Line", "Day", "Hour", "Calls") VALUES ({0}, '95528', {1}, 10, 3)""", id, dayValue);

        await migrator.MigrateAsync();

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT d."Shard", d."CallsIn", d."CallsOut", d."Answered", d."Missed", d."Complaints", d."RingSeconds", d."TalkSeconds", d."Callers", h."Shard", h."Hour", h."Calls"
            FROM rollup_daily d JOIN rollup_hourly h ON h."EnterpriseId" = d."EnterpriseId" AND h."Line" = d."Line" AND h."Day" = d."Day"
            """;
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal([0L, 9, 1, 7, 2, 1, 30, 300], Enumerable.Range(0, 8).Select(i => Convert.ToInt64(row.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(sketch, (byte[])row.GetValue(8));
        Assert.Equal([0L, 10, 3], Enumerable.Range(9, 3).Select(i => Convert.ToInt64(row.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(await row.ReadAsync());
    }

    /// <summary>
    /// Alerts handled before the flag: the one-click block's own record becomes the flag; a person's note that happens to
    /// begin with "caller" stays a note (the annual report once took any such note for a block).
    /// </summary>
    [Fact]
    public async Task Migrate_AlertsHandledBeforeTheBlockFlag_OnlyTheBlocksRecordIsABlock()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.OpenContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_LicenceTaskPhrases", StringComparison.Ordinal)));
        var enterprise = new Core.Enterprises.Enterprise { Slug = "before-flag", Name = "Before the flag", CreatedAt = Hotline95AppFactory.DefaultStart };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync();
        var postgres = kind == DatabaseKind.Postgres;
        var (id, at) = (DbValues.Guid(enterprise.Id, postgres), DbValues.Instant(Hotline95AppFactory.DefaultStart, postgres));
        foreach (var (key, handling) in new[] { ("blocked", "caller 138****0000 blocked / 已拉黑"), ("noted", "caller 139****0000 已电话提醒，承诺不再频繁拨打") })
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO monitoring_alerts ("EnterpriseId", "Line", "Kind", "DedupKey", "RaisedAt", "WindowStart", "WindowEnd", "Observed", "Expected", "Score",
                    "Evidence", "Status", "Handling", "HandledBy", "HandledAt")
                VALUES ({0}, '95528', 'CallerFlood', {1}, {2}, {2}, {2}, 14, 10, 9, '', 'Handled', {3}, 'officer', {2})
                """, id, key, at, handling);
        }

        await migrator.MigrateAsync();

        var flags = await db.Alerts.AsNoTracking().ToDictionaryAsync(a => a.DedupKey, a => a.CallerBlocked);
        Assert.True(flags["blocked"]);
        Assert.False(flags["noted"]);
    }

    /// <summary>An installation of the version before this one (no audit keys, unkeyed chain, a master key) upgrades in place.</summary>
    [Fact]
    public async Task Upgrade_FromTheSchemaBeforeTheAuditKey_StartsMigratesAndKeysTheChain()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.OpenContext())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_CallIndexesLeadWithTime", StringComparison.Ordinal)));
            var entry = new Core.Audit.AuditEntry
            {
                Sequence = 1, EnterpriseId = Guid.Empty, At = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Actor = "system", Action = "user.added",
                Target = "admin", Details = "role=Admin (first start)", PreviousHash = Core.Audit.AuditChain.GenesisHash, Hash = "",
            };
            db.AuditEntries.Add(new Core.Audit.AuditEntry
            {
                Sequence = 1, EnterpriseId = entry.EnterpriseId, At = entry.At, Actor = entry.Actor, Action = entry.Action, Target = entry.Target, Details = entry.Details,
                PreviousHash = entry.PreviousHash, Hash = Core.Audit.AuditChain.ComputeLegacy(entry),
            });
            await db.SaveChangesAsync();
        }

        Assert.True(new Core.Security.MasterKeyStore(Path.Combine(database.DataDirectory, "keys"), _ => null).Create().IsSuccess);

        var migrate = await CliRunner.RunAsync(CliRunner.On(database, "db", "migrate"));
        var verify = await CliRunner.RunAsync(CliRunner.On(database, "audit", "verify"));

        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("AuditKeys", migrate.Out);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("2 entries", verify.Out); // the old entry and the one recording that the chain was keyed
    }
}


public sealed class MigrationTestsOnSqlite() : MigrationTests(DatabaseKind.Sqlite)
{
    /// <summary>
    /// SQLite: a migration that rebuilds a table (EF's way to change a key) does it with foreign keys on: EF's own rebuild
    /// brackets it with PRAGMA foreign_keys = 0/1, which commits the migration in pieces and warns (ApplyMigrations refuses
    /// any warning), so RollupShards writes the rebuild out without them, in one transaction. Dropping the old table with
    /// foreign keys on is safe only while no foreign key refers to it: checked here for every table any migration rebuilds.
    /// </summary>
    [Fact]
    public async Task SqliteMigrations_TablesRebuilt_NoForeignKeyRefersToThem()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var db = database.OpenContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var referenced = db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()).Select(fk => fk.PrincipalEntityType.GetTableName()!).ToHashSet();
        var rebuilt = new List<(string Migration, string Table)>();
        for (var i = 0; i < migrations.Count; i++)
        {
            var script = migrator.GenerateScript(i == 0 ? Migration.InitialDatabase : migrations[i - 1], migrations[i]);
            rebuilt.AddRange(System.Text.RegularExpressions.Regex.Matches(script, "ALTER TABLE \"ef_temp_[^\"]+\" RENAME TO \"([^\"]+)\"")
                .Select(m => (migrations[i], m.Groups[1].Value)));
        }

        Assert.NotEmpty(referenced); // the check means something: the model has foreign keys (to enterprises, …)
        Assert.Contains(rebuilt, r => r.Migration.EndsWith("_RollupShards", StringComparison.Ordinal) && r.Table == "rollup_daily"); // and it sees rebuilds
        Assert.DoesNotContain(rebuilt, r => referenced.Contains(r.Table));
    }
}

public sealed class MigrationTestsOnPostgres() : MigrationTests(DatabaseKind.Postgres)
{
    /// <summary>Issue 18: the day's caller sketch, rewritten by every CTI batch, is not recompressed with pglz on each write.</summary>
    [Fact]
    public async Task DbMigrate_Postgres_RollupSketchCompressedWithLz4OrKeptUncompressed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(database, "db", "migrate"))).ExitCode);
        await using var db = database.OpenContext();

        var column = await db.Database.SqlQueryRaw<string>("""
            SELECT attcompression::text || attstorage::text AS "Value" FROM pg_attribute
            WHERE attrelid = 'rollup_daily'::regclass AND attname = 'Callers'
            """).SingleAsync();

        Assert.True(column is "lx" or "e", $"rollup_daily.Callers has compression/storage '{column}': lz4 ('l') or uncompressed external ('e') expected");
    }
}
