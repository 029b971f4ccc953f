using System.Text;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.IntegrationTests.Calls;

/// <summary>Issue 14, points 7 and 8: the import refuses what it cannot read correctly; commands refuse a missing database.</summary>
public abstract class ImportStrictnessTests(DatabaseKind kind)
{
    private const string Header = "call_id,direction,from,to,start,end,caller_name\n";

    [Fact]
    public async Task Import_Gb18030FileReadAsUtf8_IsRefusedWhole_ThenImportsRightlyOnce()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Path.Combine(app.Database.DataDirectory, "gb.csv");
        await File.WriteAllBytesAsync(file, Encoding.GetEncoding("GB18030").GetBytes(Header +
            "g1,in,13800138000,95528,2026-03-02T09:00:00+08:00,2026-03-02T09:05:00+08:00,王小明\n" +
            "g2,in,13900139000,95528,2026-03-02T10:00:00+08:00,2026-03-02T10:05:00+08:00,李华\n"));

        var wrong = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        int stored;
        await using (var db = app.Database.OpenContext())
        {
            stored = await db.Calls.CountAsync();
        }

        var right = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", "--encoding", "gb18030", file));

        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--encoding gb18030", wrong.Error);
        Assert.Contains("nothing was imported", wrong.Error);
        Assert.Equal(0, stored);
        Assert.Equal(0, right.ExitCode);
        await using var after = app.Database.OpenContext();
        Assert.Equal(2, await after.Calls.CountAsync());
    }

    [Fact]
    public async Task Import_ImpossibleRows_GoToRejectedWithTheirReason_WithheldCallersAreKept()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "odd.csv");
        await File.WriteAllTextAsync(file, Header +
            "ok,in,13800138000,95528,2026-03-02T09:00:00+08:00,2026-03-02T09:05:00+08:00,\n" +
            "backwards,in,13800138000,95528,2026-03-02T09:00:00+08:00,2026-03-02T08:05:00+08:00,\n" +
            "old,in,13800138000,95528,1970-01-01T08:00:00+08:00,1970-01-01T08:05:00+08:00,\n" +
            "future,in,13800138000,95528,2099-03-02T09:00:00+08:00,2099-03-02T09:05:00+08:00,\n" +
            "year1,in,13800138000,95528,0001-01-01T00:00:00+08:00,0001-01-01T00:05:00+08:00,\n" +
            "year9999,in,13800138000,95528,9999-12-31T09:00:00+08:00,9999-12-31T09:05:00+08:00,\n" +
            $"long,in,{new string('1', 40)},95528,2026-03-02T09:00:00+08:00,2026-03-02T09:05:00+08:00,\n" +
            "anon,in,anonymous,95528,2026-03-02T11:00:00+08:00,2026-03-02T11:05:00+08:00,\n" +
            "empty,in,,95528,2026-03-02T12:00:00+08:00,2026-03-02T12:05:00+08:00,\n");

        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "import", "--format", "csv", file));
        var rejected = await File.ReadAllTextAsync(file + ".rejected");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("is before start", result.Error);
        Assert.Contains("before 2000", result.Error);
        Assert.Contains("in the future", result.Error);
        Assert.Contains("more than 32 digits", result.Error);
        foreach (var id in new[] { "backwards", "old", "future", "year1", "year9999", "long" })
        {
            Assert.Contains(id, rejected);
        }

        await using var db = app.Database.OpenContext();
        Assert.Equal(3, await db.Calls.CountAsync()); // ok, anon and empty: a withheld number is a call
        Assert.False(await db.DataKeys.AnyAsync(k => k.Month.Year < 2000 || k.Month.Year > 2030));
    }

    [Fact]
    public async Task Command_OnAPathWithNoDatabase_RefusesAndCreatesNothing_MigrateCreatesItPrivate()
    {
        var folder = Directory.CreateTempSubdirectory("h95-nodb-").FullName;
        var path = Path.Combine(folder, "typo.db");

        var list = await CliRunner.RunAsync("lines", "list", "--db", path, "--data", folder);
        var migrate = await CliRunner.RunAsync("db", "migrate", "--db", path, "--data", folder);

        Assert.Equal(2, list.ExitCode);
        Assert.Contains($"no database at {path}", list.Error);
        Assert.Equal(0, migrate.ExitCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(folder, "keys")));
        }
    }
}

public sealed class ImportStrictnessTestsOnSqlite() : ImportStrictnessTests(DatabaseKind.Sqlite);

public sealed class ImportStrictnessTestsOnPostgres() : ImportStrictnessTests(DatabaseKind.Postgres);
