using System.Text;
using Hotline95.Core.Demo;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Queues;

/// <summary>
/// --follow on a growing file: a last line still being written waits for its newline, the position survives a restart,
/// and a rotation (the file renamed aside, a new one begun) loses no line: the figures end as one clean import's.
/// </summary>
public abstract class FollowTests(DatabaseKind kind)
{
    private static readonly string[] Follow = ["--follow", "--poll", "0.05", "--stop-when-idle", "0.6"];

    [Fact]
    public async Task FollowQueueLog_PartialLineThenRestartAndRotation_FiguresAsOneImport()
    {
        var expected = await QueueScenario.FiguresOfOneCleanImportAsync(kind);

        await using var app = await QueueScenario.StartAsync(kind);
        var lines = await File.ReadAllLinesAsync(QueueScenario.Fixture("sample.queue_log"));
        var dir = Path.Combine(app.Database.DataDirectory, "pbx");
        Directory.CreateDirectory(dir);
        var log = Path.Combine(dir, "queue_log");

        // Lines 1–29 and half of line 30: the half line is not read.
        await File.WriteAllTextAsync(log, string.Join('\n', lines.Take(29)) + "\n" + lines[29][..12]);
        var first = await QueueScenario.ImportAsync(app.Database, log, Follow);
        // The rest of line 30 and lines 31–50 arrive; then the PBX rotates: queue_log becomes queue_log.1, a new file begins.
        await File.AppendAllTextAsync(log, lines[29][12..] + "\n" + string.Join('\n', lines.Skip(30).Take(20)) + "\n");
        File.Move(log, log + ".1");
        await File.WriteAllTextAsync(log, string.Join('\n', lines.Skip(50)) + "\n");
        var second = await QueueScenario.ImportAsync(app.Database, log, Follow);
        using var client = await app.LoginAsSupervisorAsync();

        Assert.Contains("followed 29 line(s)", first.Out);
        Assert.Contains("resuming at line 30", second.Error);
        Assert.Contains("was rotated: reading the rest of", second.Error);
        Assert.Contains("followed 42 line(s)", second.Out); // 21 from queue_log.1, 21 from the new file
        Assert.Equal(3, first.ExitCode); // line 26 is rejected…
        Assert.Contains($"{log}:26: time 'abc'", first.Error);
        Assert.Contains("queues on no 95 line, skipped: sales (1 line(s))", second.Error); // line 37, read from queue_log.1
        Assert.Equal(expected, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task FollowQueueLog_AwayForTwoRotations_MiddleFileReadToo()
    {
        var expected = await QueueScenario.FiguresOfOneCleanImportAsync(kind);

        await using var app = await QueueScenario.StartAsync(kind);
        var lines = await File.ReadAllLinesAsync(QueueScenario.Fixture("sample.queue_log"));
        var log = Path.Combine(app.Database.DataDirectory, "queue_log");
        await File.WriteAllTextAsync(log, string.Join('\n', lines.Take(20)) + "\n");
        await QueueScenario.ImportAsync(app.Database, log, Follow);
        // While the follower is stopped the PBX writes on, and logrotate runs twice: queue_log.2, queue_log.1, queue_log.
        await File.AppendAllTextAsync(log, string.Join('\n', lines.Skip(20).Take(10)) + "\n");
        File.Move(log, log + ".2");
        await File.WriteAllTextAsync(log + ".1", string.Join('\n', lines.Skip(30).Take(20)) + "\n");
        await File.WriteAllTextAsync(log, string.Join('\n', lines.Skip(50)) + "\n");
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(log + ".2", now.AddMinutes(-20));
        File.SetLastWriteTimeUtc(log + ".1", now.AddMinutes(-10));
        File.SetLastWriteTimeUtc(log, now);

        var second = await QueueScenario.ImportAsync(app.Database, log, Follow);
        using var client = await app.LoginAsSupervisorAsync();

        Assert.Contains("queue_log.1 was rotated after it: reading it whole", second.Error);
        Assert.Contains("followed 51 line(s)", second.Out); // 10 + 20 + 21
        Assert.Equal(expected, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task FollowQueueLog_LinesAppendedWhileRunning_AllCounted()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        var lines = await File.ReadAllLinesAsync(QueueScenario.Fixture("sample.queue_log"));
        var log = Path.Combine(app.Database.DataDirectory, "queue_log");
        await File.WriteAllTextAsync(log, "");

        var following = QueueScenario.ImportAsync(app.Database, log, "--follow", "--poll", "0.05", "--stop-when-idle", "3");
        foreach (var chunk in lines.Chunk(24))
        {
            await Task.Delay(300);
            await File.AppendAllTextAsync(log, string.Join('\n', chunk) + "\n");
        }

        var result = await following.WaitAsync(TimeSpan.FromMinutes(1));
        var figures = await CliRunner.RunAsync(CliRunner.On(app.Database, "queues", "figures", "--from", "2026-03-02", "--to", "2026-03-03"));

        Assert.Contains("followed 71 line(s)", result.Out);
        Assert.Matches(@"total\s+19\s+11\s+7\s+3\s+1", figures.Out);
    }

    [Fact]
    public async Task FollowMasterCsv_UndecodableLineAndPartialLine_LineRejectedPartialWaitsRestImported()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await using var app = await CallStoreScenario.StartAsync(kind);
        var csv = Path.Combine(app.Database.DataDirectory, "Master.csv");
        var rows = Enumerable.Range(0, 6).Select(i => SyntheticCalls.AsteriskRow(i, CallStoreScenario.Line, new DateTime(2026, 3, 1, 9, i, 0))).ToList();
        await using (var stream = File.Create(csv))
        {
            stream.Write(Encoding.UTF8.GetBytes(rows[0] + "\n" + rows[1] + "\n"));
            stream.Write(Encoding.GetEncoding("GB18030").GetBytes(rows[2] + "\n")); // the caller's name in GB18030: not UTF-8
            stream.Write(Encoding.UTF8.GetBytes(rows[3] + "\n" + rows[4][..20]));
        }

        var first = await CallStoreScenario.ImportAsync(app.Database, "asterisk", csv, Follow);
        await File.AppendAllTextAsync(csv, rows[4][20..] + "\n" + rows[5] + "\n");
        var second = await CallStoreScenario.ImportAsync(app.Database, "asterisk", csv, Follow);
        var found = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--limit", "100"));

        Assert.Equal(3, first.ExitCode);
        Assert.Contains($"{csv}:3: not valid UTF-8", first.Error);
        Assert.Contains("counted 3", first.Out); // rows 1, 2 and 4; row 5 is still being written
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("counted 2", second.Out);
        Assert.Equal(5, found.Out.Trim().Split('\n').Length);
        Assert.Single(await File.ReadAllLinesAsync(csv + ".rejected"));
    }
}

public sealed class FollowTestsOnSqlite() : FollowTests(DatabaseKind.Sqlite);

public sealed class FollowTestsOnPostgres() : FollowTests(DatabaseKind.Postgres);
