using System.Net.Http.Json;
using System.Text.Json;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Data;
using Hotline95.Core.Demo;
using Hotline95.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Calls;

public abstract class CdrImportTests(DatabaseKind kind)
{
    [Fact]
    public async Task ImportAsterisk_MixedRows_ImportsGoodRowsReportsBadOnesAndExits3()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = CallStoreScenario.CopyOf("asterisk-18.csv", app.Database);

        var result = await CallStoreScenario.ImportAsync(app.Database, "asterisk", file);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("imported 3, duplicates 0, rejected 2", result.Out);
        Assert.Contains($"{file}:3: start 'not-a-time' is not a time", result.Error);
        Assert.Contains($"{file}:4: no configured 95 line", result.Error);
        var rejected = await File.ReadAllLinesAsync(file + ".rejected");
        Assert.Equal(2, rejected.Length);
        Assert.Contains("not-a-time", rejected[0]);
        Assert.Contains("95999", rejected[1]);
    }

    [Fact]
    public async Task ImportAsterisk_SameFileTwice_AddsNothingTheSecondTime()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = CallStoreScenario.CopyOf("asterisk-18.csv", app.Database);

        await CallStoreScenario.ImportAsync(app.Database, "asterisk", file);
        var again = await CallStoreScenario.ImportAsync(app.Database, "asterisk", file);
        var all = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--limit", "100"));

        Assert.Contains("imported 0, duplicates 3, rejected 2", again.Out);
        Assert.Equal(3, all.Out.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task ImportAsterisk_RowsOfThreeMonths_AllImportedEachUnderANewMonthKey()
    {
        // The SQLite writer keeps a transaction open across batches; each new month's key is created (a write) in
        // between, after a commit. Without that commit the key's insert would wait on the writer's lock and fail.
        // January has more rows than one batch, so rows are being written when February's first row arrives.
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = Path.Combine(app.Database.DataDirectory, "three-months.csv");
        const int january = ImportCallsHandler.BatchSize + 5;
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, january + 20).Select(i => SyntheticCalls.AsteriskRow(i, CallStoreScenario.Line,
            i < january ? new DateTime(2026, 1, 5).AddSeconds(i * 30) : new DateTime(2026, i < january + 10 ? 2 : 3, 10, 9, i % 60, 0))));

        var result = await CallStoreScenario.ImportAsync(app.Database, "asterisk", file).WaitAsync(TimeSpan.FromMinutes(2));
        var keys = await CliRunner.RunAsync(CliRunner.On(app.Database, "keys", "status"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"imported {january + 20}, duplicates 0, rejected 0", result.Out);
        Assert.Contains("2026-01", keys.Out);
        Assert.Contains("2026-02", keys.Out);
        Assert.Contains("2026-03", keys.Out);
    }

    [Fact]
    public async Task ImportAsterisk_UnansweredCallWithEmptyAnswerField_IsMissed()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        await CallStoreScenario.ImportAsync(app.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", app.Database));

        var missed = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--outcome", "missed"));

        var lines = missed.Out.Trim().Split('\n');
        Assert.Equal(2, lines.Length); // NO ANSWER with an empty answer field, and BUSY
        Assert.All(lines, l => Assert.Contains("MISSED", l));
        Assert.Contains(lines, l => l.Contains("139****9000", StringComparison.Ordinal) && l.Contains("NoAnswer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsterisk_SeventeenColumns_IsRefusedNamingTheOption()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = CallStoreScenario.CopyOf("asterisk-17.csv", app.Database);

        var refused = await CallStoreScenario.ImportAsync(app.Database, "asterisk", file);
        var accepted = await CallStoreScenario.ImportAsync(app.Database, "asterisk", file, "--asterisk-columns", "uniqueid");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--asterisk-columns uniqueid", refused.Error);
        Assert.Contains("not imported", refused.Out);
        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains("imported 2", accepted.Out);
    }

    [Theory]
    [InlineData("freeswitch-csv", "freeswitch-example.csv", 2)]
    [InlineData("freeswitch-json", "freeswitch.cdr.json", 1)]
    [InlineData("freeswitch-xml", "freeswitch.cdr.xml", 1)]
    [InlineData("csv", "generic.csv", 2)]
    public async Task Import_EachFormat_ImportsItsRecords(string format, string fixture, int expected)
    {
        await using var app = await CallStoreScenario.StartAsync(kind);

        var result = await CallStoreScenario.ImportAsync(app.Database, format, CallStoreScenario.CopyOf(fixture, app.Database));
        var found = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "138 0013 8000"));

        Assert.Contains($"imported {expected}", result.Out);
        Assert.Contains("138****8000", found.Out);
    }

    [Fact]
    public async Task ImportFreeswitchXml_OutboundCall_BelongsToTheLineItWasSentFrom()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);

        await CallStoreScenario.ImportAsync(app.Database, "freeswitch-xml", CallStoreScenario.CopyOf("freeswitch.cdr.xml", app.Database));
        var found = await CliRunner.RunAsync(CliRunner.On(app.Database, "calls", "find", "--phone", "13800138000"));

        Assert.Contains("95528  Out", found.Out);
        Assert.Contains("talk 300s", found.Out);
    }

    [Fact]
    public async Task ImportGenericCsv_BadDirection_IsRejectedWithTheReason()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        var file = CallStoreScenario.CopyOf("generic.csv", app.Database);

        var result = await CallStoreScenario.ImportAsync(app.Database, "csv", file);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{file}:4: direction 'sideways' is not in or out", result.Error);
    }

    [Fact]
    public async Task ImportCsv_Gb18030File_ReadsChineseNamesCorrectly()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var file = Path.Combine(app.Database.DataDirectory, "gbk.csv");
        await File.WriteAllTextAsync(file, "call_id,from,to,caller_name,start\ng1,13800138000,95528,欧阳娜娜,2026-03-02T09:00:00+08:00\n",
            System.Text.Encoding.GetEncoding("GB18030"));

        var imported = await CallStoreScenario.ImportAsync(app.Database, "csv", file, "--encoding", "gb18030");
        var supervisor = await app.LoginAsSupervisorAsync();
        var id = await app.WithScopeAsync(sp => sp.GetRequiredService<Hotline95DbContext>().Calls.Select(c => c.Id).SingleAsync());
        var revealed = await (await supervisor.PostAsJsonAsync($"/api/calls/{id}/reveal", new { reason = "核对编码" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, imported.ExitCode);
        Assert.Equal("欧阳娜娜", revealed.GetProperty("customerName").GetString());
    }

    [Fact]
    public async Task ImportWithLine_UnconfiguredLine_IsRefused()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);

        var result = await CallStoreScenario.ImportAsync(app.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", app.Database), "--line", "95000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--line 95000 is not a configured 95 line", result.Error);
    }

    [Fact]
    public async Task ImportWithLine_RowOnAnotherNumber_IsPutOnThatLine()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);

        var result = await CallStoreScenario.ImportAsync(app.Database, "asterisk", CallStoreScenario.CopyOf("asterisk-18.csv", app.Database), "--line", "95528");

        Assert.Contains("imported 4, duplicates 0, rejected 1", result.Out); // only the bad start time is left
    }
}

public sealed class CdrImportTestsOnSqlite() : CdrImportTests(DatabaseKind.Sqlite);

public sealed class CdrImportTestsOnPostgres() : CdrImportTests(DatabaseKind.Postgres);
