using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Queues;

/// <summary>The queue_log import against figures computed by hand (Fixtures/queues/expected.md), on both databases.</summary>
public abstract class QueueImportTests(DatabaseKind kind)
{
    [Fact]
    public async Task ImportQueueLog_HandComputedFixture_FiguresPerQueueAndDayMatch()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        var file = QueueScenario.CopyOf("sample.queue_log", app.Database);

        var result = await QueueScenario.ImportAsync(app.Database, file);
        using var client = await app.LoginAsSupervisorAsync();
        var support = await QueueScenario.FiguresAsync(client, "queue=support&from=2026-03-02&to=2026-03-03&groupBy=day");
        var vip = await QueueScenario.FiguresAsync(client, "queue=vip&from=2026-03-02&to=2026-03-03&groupBy=day");
        var both = await QueueScenario.FiguresAsync(client, "line=95528&from=2026-03-02&to=2026-03-03&groupBy=day");

        Assert.Equal(3, result.ExitCode); // line 26 rejected
        // offered/answered/abandoned/short/unresolved/answered within 20 s, then the rates (expected.md, "Per queue per day").
        Assert.Equal("9/5/4/2/0/3 SL 0.4286 ASA 19.6 AR 0.2857 AHT 157", QueueScenario.Summary(QueueScenario.Row(support, "2026-03-02")));
        Assert.Equal("4/2/1/0/1/2 SL 0.5 ASA 8.5 AR 0.25 AHT 300", QueueScenario.Summary(QueueScenario.Row(vip, "2026-03-02")));
        Assert.Equal("13/7/5/2/1/5 SL 0.4545 ASA 16.4 AR 0.2727 AHT 180.8", QueueScenario.Summary(QueueScenario.Row(both, "2026-03-02")));
        Assert.Equal("4/2/2/1/0/1 SL 0.3333 ASA 27.5 AR 0.3333 AHT 130", QueueScenario.Summary(QueueScenario.Row(support, "2026-03-03")));
        Assert.Equal("2/2/0/0/0/2 SL 1 ASA 16.5 AR 0 AHT 248", QueueScenario.Summary(QueueScenario.Row(vip, "2026-03-03")));
        Assert.Equal("6/4/2/1/0/3 SL 0.6 ASA 22 AR 0.2 AHT 189", QueueScenario.Summary(QueueScenario.Row(both, "2026-03-03")));
        Assert.Equal(20, both.GetProperty("serviceLevelSeconds").GetInt32());
    }

    [Fact]
    public async Task ImportQueueLog_HandComputedFixture_HoursAreShanghaiHoursOfEntryAndEmptyDenominatorIsNotApplicable()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        await QueueScenario.ImportAsync(app.Database, QueueScenario.CopyOf("sample.queue_log", app.Database));
        using var client = await app.LoginAsSupervisorAsync();

        var hours = await QueueScenario.FiguresAsync(client, "queue=support&from=2026-03-02&to=2026-03-03&groupBy=hour");
        var keys = hours.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ToList();

        Assert.Equal(["2026-03-02 09", "2026-03-02 10", "2026-03-02 11", "2026-03-02 12", "2026-03-03 07", "2026-03-03 09", "2026-03-03 10", "2026-03-03 11"], keys);
        // The call that entered at 09:59:50 and was answered at 10:00:10 counts in hour 09, with its 20 s hold inside the service level.
        Assert.Equal("3/3/0/0/0/2 SL 0.6667 ASA 22.3 AR 0 AHT 171.7", QueueScenario.Summary(QueueScenario.Row(hours, "2026-03-02 09")));
        Assert.Equal("3/1/2/2/0/1 SL 1 ASA 6 AR 0 AHT 150", QueueScenario.Summary(QueueScenario.Row(hours, "2026-03-02 10")));
        // Only a short abandon in the hour: nothing to divide by, so not applicable rather than 0%.
        Assert.Equal("1/0/1/1/0/0 SL n/a ASA n/a AR n/a AHT n/a", QueueScenario.Summary(QueueScenario.Row(hours, "2026-03-03 11")));
    }

    [Fact]
    public async Task ImportQueueLog_HandComputedFixture_AgentFiguresMatchWithStaticMemberNotApplicable()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        await QueueScenario.ImportAsync(app.Database, QueueScenario.CopyOf("sample.queue_log", app.Database));
        using var client = await app.LoginAsSupervisorAsync();

        var first = await QueueScenario.FiguresAsync(client, "line=95528&from=2026-03-02&to=2026-03-02&groupBy=agent");
        var second = await QueueScenario.FiguresAsync(client, "line=95528&from=2026-03-03&to=2026-03-03&groupBy=agent");
        string Of(System.Text.Json.JsonElement report, string agent) =>
            QueueScenario.Agent(report.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("agent").GetString() == agent));

        // answered/talk/rings not answered/logged-in/paused, occupancy (expected.md, "Per agent per day").
        Assert.Equal("3/540/0/10800/900 occ 0.0545", Of(first, "PJSIP/8001"));
        Assert.Equal("2/245/2/12900/600 occ 0.0199", Of(first, "PJSIP/8002"));
        Assert.Equal("2/300/1/n/a/n/a occ n/a", Of(first, "PJSIP/8003"));
        Assert.Equal("2/136/0/9000/0 occ 0.0151", Of(second, "PJSIP/8001")); // two overlapping memberships: their union
        Assert.Equal("1/200/1/14400/900 occ 0.0148", Of(second, "PJSIP/8002"));
        Assert.Equal("1/420/0/n/a/n/a occ n/a", Of(second, "PJSIP/8003"));
    }

    [Fact]
    public async Task ImportQueueLog_BadLines_ReportedWithFileAndLineCopiedToRejectedAndExit3()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        var file = QueueScenario.CopyOf("sample.queue_log", app.Database);

        var result = await QueueScenario.ImportAsync(app.Database, file);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{file}:26: time 'abc' is not a Unix time in seconds", result.Error);
        // Line 37 is of queue sales, on no 95 line: skipped and named, not an error (a PBX has queues of its own).
        Assert.Contains("queues on no 95 line, skipped: sales (1 line(s))", result.Error);
        Assert.Contains("counted 68, already counted 0, skipped 2, rejected 1", result.Out); // CONFIGRELOAD counts for nothing either; the restart counts
        var rejected = await File.ReadAllLinesAsync(file + ".rejected");
        Assert.StartsWith("abc|", Assert.Single(rejected));
    }

    [Fact]
    public async Task ImportQueueLog_SameFileTwice_CountsNothingTheSecondTime()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        var file = QueueScenario.CopyOf("sample.queue_log", app.Database);
        await QueueScenario.ImportAsync(app.Database, file);
        using var client = await app.LoginAsSupervisorAsync();
        var once = await QueueScenario.AllFiguresAsync(client);

        var again = await QueueScenario.ImportAsync(app.Database, file);

        Assert.Contains("counted 0,", again.Out + again.Error);
        Assert.Equal(once, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task ImportQueueLog_CutShortThenWhole_SameFiguresAsOneImport()
    {
        // A kill after some batches committed leaves a prefix of the file imported; running the import again on the whole
        // file must end with the figures of one clean import. The cut falls inside calls and sessions on purpose.
        var expected = await QueueScenario.FiguresOfOneCleanImportAsync(kind);

        await using var app = await QueueScenario.StartAsync(kind);
        var whole = QueueScenario.CopyOf("sample.queue_log", app.Database);
        var lines = await File.ReadAllLinesAsync(whole);
        foreach (var cut in new[] { 5, 23, 44, 60 })
        {
            var prefix = Path.Combine(app.Database.DataDirectory, "incoming", $"prefix-{cut}.queue_log");
            await File.WriteAllLinesAsync(prefix, lines.Take(cut));
            await QueueScenario.ImportAsync(app.Database, prefix);
        }

        await QueueScenario.ImportAsync(app.Database, whole);
        using var client = await app.LoginAsSupervisorAsync();

        Assert.Equal(expected, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task ImportQueueLog_BatchesOfSevenLines_SameFiguresAsOneBatch()
    {
        // Calls, sessions and the restart straddle batch boundaries: each batch reads what the ones before it wrote.
        var expected = await QueueScenario.FiguresOfOneCleanImportAsync(kind);

        await using var app = await QueueScenario.StartAsync(kind);
        var settings = Path.Combine(app.Database.DataDirectory, "hotline95.json");
        await File.WriteAllTextAsync(settings, """{"Queues": {"ImportBatchLines": 0}}""");
        var refused = await QueueScenario.ImportAsync(app.Database, QueueScenario.CopyOf("sample.queue_log", app.Database));
        Assert.Equal(2, refused.ExitCode); // the setting is read (and checked) by the import
        Assert.Contains("ImportBatchLines", refused.Error);
        await File.WriteAllTextAsync(settings, """{"Queues": {"ImportBatchLines": 7}}""");
        var result = await QueueScenario.ImportAsync(app.Database, QueueScenario.CopyOf("sample.queue_log", app.Database));
        using var client = await app.LoginAsSupervisorAsync();

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(expected, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task ImportQueueLog_TwoImportsAtOnce_EachEventCountedOnce()
    {
        var expected = await QueueScenario.FiguresOfOneCleanImportAsync(kind);

        await using var app = await QueueScenario.StartAsync(kind);
        await File.WriteAllTextAsync(Path.Combine(app.Database.DataDirectory, "hotline95.json"), """{"Queues": {"ImportBatchLines": 5}}""");
        var imports = Enumerable.Range(0, 3).Select(i =>
            QueueScenario.ImportAsync(app.Database, QueueScenario.CopyOf("sample.queue_log", app.Database, $"copy-{i}.queue_log"))).ToList();
        var results = await Task.WhenAll(imports);
        using var client = await app.LoginAsSupervisorAsync();

        Assert.All(results, r => Assert.Equal(3, r.ExitCode));
        Assert.Equal(expected, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task ImportQueueLog_RestartWithoutLogoff_EndsAgentLoginAndPauseAtTheRestart()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        // 2026-03-02 (Shanghai): 8002 logs in at 09:00 and pauses at 11:00; the PBX restarts at 12:00 and writes no
        // AGENTLOGOFF or UNPAUSEALL. The next day 8002 logs in at 09:00 and off at 10:00.
        var day1 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();
        var day2 = day1 + 86_400;
        var file = Path.Combine(app.Database.DataDirectory, "restart.queue_log");
        await File.WriteAllLinesAsync(file,
        [
            $"{day1}|a1|NONE|PJSIP/8002|AGENTLOGIN|PJSIP/8002-1",
            $"{day1 + 600}|c1|support|NONE|ENTERQUEUE||13800138000|1",
            $"{day1 + 610}|c1|support|PJSIP/8002|CONNECT|10|c1b|2",
            $"{day1 + 910}|c1|support|PJSIP/8002|COMPLETECALLER|10|300|1",
            $"{day1 + 7200}|NONE|NONE|PJSIP/8002|PAUSEALL|lunch",
            $"{day1 + 10800}|NONE|NONE|NONE|QUEUESTART|",
            $"{day2}|a2|NONE|PJSIP/8002|AGENTLOGIN|PJSIP/8002-2",
            $"{day2 + 600}|c2|support|NONE|ENTERQUEUE||13800138001|1",
            $"{day2 + 605}|c2|support|PJSIP/8002|CONNECT|5|c2b|2",
            $"{day2 + 905}|c2|support|PJSIP/8002|COMPLETECALLER|5|300|1",
            $"{day2 + 3600}|a2|NONE|PJSIP/8002|AGENTLOGOFF|PJSIP/8002-2|3600",
        ]);

        var result = await QueueScenario.ImportAsync(app.Database, file);
        var again = await QueueScenario.ImportAsync(app.Database, file);
        using var client = await app.LoginAsSupervisorAsync();
        string Agent(System.Text.Json.JsonElement report) => QueueScenario.Agent(report.GetProperty("agents").EnumerateArray().Single());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("counted 0,", again.Out);
        // Day 1: logged in 09:00–12:00 (10,800 s), paused 11:00–12:00 (3,600 s): occupancy 300 / 7,200.
        Assert.Equal("1/300/0/10800/3600 occ 0.0417", Agent(await QueueScenario.FiguresAsync(client, "line=95528&from=2026-03-02&to=2026-03-02&groupBy=agent")));
        // Day 2: the new login is its own session, not swallowed by day 1's: 3,600 s.
        Assert.Equal("1/300/0/3600/0 occ 0.0833", Agent(await QueueScenario.FiguresAsync(client, "line=95528&from=2026-03-03&to=2026-03-03&groupBy=agent")));
    }

    [Fact]
    public async Task ImportQueueLog_AfterRetentionPurge_OldStaysRefusedNotCountedTwice()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        var file = QueueScenario.CopyOf("sample.queue_log", app.Database);
        await QueueScenario.ImportAsync(app.Database, file);
        using var client = await app.LoginAsSupervisorAsync();
        var before = await QueueScenario.AllFiguresAsync(client);
        Assert.Equal(0, (await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15"))).ExitCode);

        var again = await QueueScenario.ImportAsync(app.Database, file);

        Assert.Equal(3, again.ExitCode);
        Assert.Contains("the cutoff of the last retention purge", again.Error);
        Assert.Equal(before, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task ImportQueueLog_NoQueueMapped_RefusedWithAdviceAndNothingImported()
    {
        await using var app = await Calls.CallStoreScenario.StartAsync(kind);
        var file = QueueScenario.CopyOf("sample.queue_log", app.Database);

        var result = await QueueScenario.ImportAsync(app.Database, file);
        var mapped = await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "queues", Calls.CallStoreScenario.Line, "--queues", "support,vip"));
        var figures = await CliRunner.RunAsync(CliRunner.On(app.Database, "queues", "figures", "--from", "2026-03-02"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("lines queues 95528 --queues", result.Error);
        Assert.Equal(0, mapped.ExitCode);
        Assert.Matches(@"total\s+0\s+0", figures.Out);
    }

    [Fact]
    public async Task ImportFreeswitchCallcenter_MemberLegs_CountedAsQueueStaysAgentLegsSkipped()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "cdr.json");
        static string Cdr(string variables) => """{"core-uuid":"x","channel_data":{"direction":"inbound"},"variables":{""" + variables.ReplaceLineEndings("") + "}}";
        await File.WriteAllLinesAsync(file,
        [
            // Answered after 12 s, talked 180 s (mod_json_cdr URL-encodes the values: 1001%40default is 1001@default).
            Cdr("""
                "uuid":"m1","cc_side":"member","cc_queue":"support","cc_queue_joined_epoch":"1772413500","cc_queue_answered_epoch":"1772413512",
                "cc_queue_terminated_epoch":"1772413692","cc_agent":"1001%40default","cc_cause":"Terminated"
                """),
            Cdr("""
                "uuid":"a1","cc_side":"agent","cc_queue":"support","cc_queue_joined_epoch":"1772413500","cc_queue_answered_epoch":"1772413512","cc_agent":"1001%40default"
                """),
            Cdr("""
                "uuid":"m2","cc_side":"member","cc_queue":"support","cc_queue_joined_epoch":"1772414400","cc_queue_canceled_epoch":"1772414440","cc_cause":"Cancel","cc_cancel_reason":"BREAK_OUT"
                """),
            Cdr("""
                "uuid":"m3","cc_side":"member","cc_queue":"support","cc_queue_joined_epoch":"1772414500","cc_queue_canceled_epoch":"1772414503","cc_cause":"Cancel","cc_cancel_reason":"NONE"
                """),
            Cdr("""
                "uuid":"n1","start_epoch":"1772414600"
                """),
            Cdr("""
                "uuid":"m4","cc_side":"member","cc_queue":"support"
                """),
        ]);

        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "queues", "import", "--format", "freeswitch-json", file));
        using var client = await app.LoginAsSupervisorAsync();
        var day = QueueScenario.Row(await QueueScenario.FiguresAsync(client, "queue=support&from=2026-03-02&to=2026-03-02"), "2026-03-02");
        var agents = await QueueScenario.FiguresAsync(client, "queue=support&from=2026-03-02&to=2026-03-02&groupBy=agent");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{file}:6: cc_queue is set but cc_queue_joined_epoch is missing", result.Error);
        Assert.Contains("skipped 2, rejected 1", result.Out); // the agent leg and the CDR without a queue
        Assert.Equal("3/1/2/1/0/1 SL 0.5 ASA 12 AR 0.5 AHT 180", QueueScenario.Summary(day));
        Assert.Equal("1001@default", agents.GetProperty("agents")[0].GetProperty("agent").GetString());
    }

    [Fact]
    public async Task RetentionPurge_QueueStaysPastRetention_DeletedWhileFiguresStay()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        await QueueScenario.ImportAsync(app.Database, QueueScenario.CopyOf("sample.queue_log", app.Database));
        using var client = await app.LoginAsSupervisorAsync();
        var before = await QueueScenario.AllFiguresAsync(client);

        var purge = await CliRunner.RunAsync(CliRunner.On(app.Database, "retention", "purge", "--as-of", "2026-09-15"));
        var stays = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95.Core.Data.Hotline95DbContext>().QueueCalls.CountAsync());

        Assert.Equal(0, purge.ExitCode);
        Assert.Equal(0, stays);
        Assert.Equal(before, await QueueScenario.AllFiguresAsync(client));
    }

    [Fact]
    public async Task SetLineQueues_QueueOfAnotherLine_RefusedAsConflict()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "add", "95555", "--name", "二号线"));

        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "queues", "95555", "--queues", "vip"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'vip' already belongs to line 95528", result.Error);
    }
}

public sealed class QueueImportTestsOnSqlite() : QueueImportTests(DatabaseKind.Sqlite);

public sealed class QueueImportTestsOnPostgres() : QueueImportTests(DatabaseKind.Postgres);
