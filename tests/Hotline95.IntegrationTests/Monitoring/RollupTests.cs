using System.Net.Http.Json;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Core.Monitoring;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Monitoring;

public abstract class RollupTests(DatabaseKind kind)
{
    private static async Task<List<string>> SnapshotAsync(Hotline95AppFactory app) =>
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<Hotline95DbContext>();
            var days = DailyLineFigures.Combine(await db.DailyFigures.AsNoTracking().ToListAsync()).Where(d => d.CallsIn + d.CallsOut + d.Complaints > 0)
                .Select(d => $"{d.Line} {d.Day:yyyy-MM-dd} in={d.CallsIn} out={d.CallsOut} ans={d.Answered} missed={d.Missed} talk={d.TalkSeconds} ring={d.RingSeconds} complaints={d.Complaints} callers={CallerSketch.Estimate(d.Callers)} sketch={Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(d.Callers))[..12]}");
            var hours = (await db.HourlyVolumes.AsNoTracking().ToListAsync()).GroupBy(h => (h.Line, h.Day, h.Hour)).Select(g => (g.Key, Calls: g.Sum(h => h.Calls)))
                .Where(h => h.Calls != 0).Select(h => $"{h.Key.Line} {h.Key.Day:yyyy-MM-dd} {h.Key.Hour:00}h {h.Calls}");
            return days.Concat(hours).Order(StringComparer.Ordinal).ToList();
        });

    /// <summary>
    /// Rows already stored add nothing, not even their callers, when imported again under another line: the
    /// figures a batch gathered while it was sealed are taken back for the rows the writer found stored.
    /// </summary>
    [Fact]
    public async Task Rollups_SameFileAgainUnderAnotherLine_CountNothingOnThatLine()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95529", "--name", "第二热线"))).ExitCode);
        var file = Path.Combine(app.Database.DataDirectory, "synthetic.csv");
        SyntheticCalls.WriteAsteriskFile(file, 300, CallStoreScenario.Line, new DateTime(2026, 2, 27, 8, 0, 0), TimeSpan.FromSeconds(97));
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);
        var before = await SnapshotAsync(app);

        var again = await CallStoreScenario.ImportAsync(app.Database, "asterisk", file, "--line", "95529");

        Assert.Equal(0, again.ExitCode);
        Assert.NotEmpty(before);
        Assert.Equal(before, await SnapshotAsync(app));
        var other = await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().DailyFigures.AsNoTracking().Where(d => d.Line == "95529").ToListAsync());
        Assert.All(other, d => Assert.Equal(0, CallerSketch.Estimate(d.Callers)));
    }

    /// <summary>
    /// A file that repeats part of an earlier import, and one of its own rows: on PostgreSQL the bulk writer's COPY
    /// straight into calls fails on the first stored row and the transaction's rows go through the counting INSERT.
    /// </summary>
    [Fact]
    public async Task Rollups_FileOverlappingAnEarlierImportAndItself_CountOnlyTheNewRowsAndEqualARecomputation()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var all = Path.Combine(app.Database.DataDirectory, "all.csv");
        SyntheticCalls.WriteAsteriskFile(all, 2_000, CallStoreScenario.Line, new DateTime(2026, 2, 27, 8, 0, 0), TimeSpan.FromSeconds(97));
        var rows = await File.ReadAllLinesAsync(all);
        var first = Path.Combine(app.Database.DataDirectory, "first.csv");
        var second = Path.Combine(app.Database.DataDirectory, "second.csv");
        await File.WriteAllLinesAsync(first, rows[..1_000]);
        await File.WriteAllLinesAsync(second, [.. rows[500..], rows[1_500]]);
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", first)).ExitCode);

        var overlapping = await CallStoreScenario.ImportAsync(app.Database, "asterisk", second);

        Assert.Contains("imported 1000, duplicates 501, rejected 0", overlapping.Out);
        var kept = await SnapshotAsync(app);
        var rebuilt = await CliRunner.RunAsync(CliRunner.On(app.Database, "rollups", "rebuild", "--from", "2026-02-27", "--to", "2026-03-02"));
        Assert.Contains("0 differed", rebuilt.Out);
        Assert.Equal(kept, await SnapshotAsync(app));
        Assert.Equal(2_000, kept.Where(r => r.Contains(" in=", StringComparison.Ordinal)).Sum(r => int.Parse(r.Split(" in=")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Rollups_AfterImportsCtiEventsComplaintsAndAReimport_EqualARecomputationFromTheRecords()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "synthetic.csv");
        SyntheticCalls.WriteAsteriskFile(file, 2_000, CallStoreScenario.Line, new DateTime(2026, 2, 27, 8, 0, 0), TimeSpan.FromSeconds(97));
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);

        // Live events in every order the protocol allows, for calls that start "now" (2026-03-02 10:00).
        var client = app.CreateClient();
        var cti = await CallStoreScenario.CtiUrlAsync(app);
        foreach (var e in new object[]
        {
            new { @event = "newCall", callId = "live-1", from = "13800138000", to = "95528", direction = "in" },
            new { @event = "answer", callId = "live-1", user = "1001" },
            new { @event = "hangup", callId = "live-2", cause = "cancel" },
            new { @event = "newCall", callId = "live-2", from = "13900139000", to = "95528", direction = "in" },
            new { @event = "newCall", callId = "live-3", from = "95528", to = "13700137000", direction = "out", user = "1002" },
            new { @event = "newCall", callId = "live-1", from = "13800138000", to = "95528", direction = "in" },
        })
        {
            (await client.PostAsJsonAsync(cti, e)).EnsureSuccessStatusCode();
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        (await client.PostAsJsonAsync(cti, new { @event = "hangup", callId = "live-1", cause = "normalClearing" })).EnsureSuccessStatusCode();
        var agent = await app.LoginAsAgentAsync();
        (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", callerPhone = "13800138000", summary = "账单有误", receivedAt = "2026-02-28T11:00:00+08:00" })).EnsureSuccessStatusCode();
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode); // the same file again adds nothing

        var kept = await SnapshotAsync(app);
        var rebuilt = await CliRunner.RunAsync(CliRunner.On(app.Database, "rollups", "rebuild", "--from", "2026-02-27", "--to", "2026-03-02"));

        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Contains("0 differed", rebuilt.Out);
        Assert.Equal(kept, await SnapshotAsync(app));
        Assert.Contains(kept, row => row.StartsWith("95528 2026-02-28", StringComparison.Ordinal) && row.Contains("complaints=1", StringComparison.Ordinal));
        Assert.Contains(kept, row => row.StartsWith("95528 2026-03-02", StringComparison.Ordinal) && row.Contains("out=1", StringComparison.Ordinal));
        var total = kept.Where(r => r.Contains(" in=", StringComparison.Ordinal)).Sum(r => int.Parse(r.Split(" in=")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2_002, total);
    }

    [Fact]
    public async Task Rebuild_AfterFiguresWereTamperedWith_RestoresThemFromTheRecords()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "synthetic.csv");
        SyntheticCalls.WriteAsteriskFile(file, 300, CallStoreScenario.Line, new DateTime(2026, 3, 1, 8, 0, 0), TimeSpan.FromSeconds(60));
        await CallStoreScenario.ImportAsync(app.Database, "asterisk", file);
        var kept = await SnapshotAsync(app);
        await app.WithScopeAsync(s => s.GetRequiredService<Hotline95DbContext>().DailyFigures.ExecuteUpdateAsync(u => u.SetProperty(d => d.CallsIn, 7)));

        var rebuilt = await CliRunner.RunAsync(CliRunner.On(app.Database, "rollups", "rebuild", "--from", "2026-03-01", "--to", "2026-03-01"));

        Assert.Contains("1 differed", rebuilt.Out);
        Assert.Equal(kept, await SnapshotAsync(app));
    }

    [Fact]
    public async Task Purge_PastRetention_ChangesNoRollupAndRebuildLeavesPurgedDaysAlone()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        // The CLI runs on today's clock: calls from a month before today's cutoff (6 months back) to a week after it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var first = today.AddMonths(-7).ToDateTime(new TimeOnly(9, 0));
        var file = Path.Combine(app.Database.DataDirectory, "old.csv");
        SyntheticCalls.WriteAsteriskFile(file, 1_200, CallStoreScenario.Line, first, TimeSpan.FromMinutes(50));
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);
        var before = await SnapshotAsync(app);

        var purged = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge"));
        var rebuilt = await CliRunner.RunAsync(CliRunner.On(app.Database, "rollups", "rebuild"));

        Assert.Equal(0, purged.ExitCode);
        Assert.DoesNotContain("deleted 0 call(s)", purged.Out);
        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Contains("were purged and keep their figures", rebuilt.Out);
        Assert.Contains("0 differed", rebuilt.Out);
    }
}

public sealed class RollupTestsOnSqlite() : RollupTests(DatabaseKind.Sqlite);

public sealed class RollupTestsOnPostgres() : RollupTests(DatabaseKind.Postgres);
