using System.Diagnostics;
using System.Globalization;
using Hotline95.Core.Monitoring;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.IntegrationTests.Queues;

/// <summary>Queue figures where supervisors and the regulator read them: the annual report and the service-level alert.</summary>
public abstract class QueueReportTests(DatabaseKind kind)
{
    [Fact]
    public async Task AnnualReport_WithQueueRecords_PdfShowsServiceLevelSpeedOfAnswerAndAbandonment()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        await QueueScenario.ImportAsync(app.Database, QueueScenario.CopyOf("sample.queue_log", app.Database));

        var text = await AnnualPdfTextAsync(app);

        // March 2026, both queues (expected.md): 19 offered, 11 answered, 7 abandoned of which 3 short;
        // service level (5 + 3) / (19 − 3) = 50.0%, average speed of answer 203 / 11 = 18.5 s, abandonment (7 − 3) / 16 = 25.0%.
        Assert.Contains("20秒接通率", text);
        Assert.Contains("平均应答时长", text);
        Assert.Contains("放弃率", text);
        var march = text.Split('\n').Single(l => l.TrimStart().StartsWith("2026年3月", StringComparison.Ordinal) && l.Contains("50.0%", StringComparison.Ordinal));
        Assert.Matches(@"2026年3月\s+19\s+11\s+7\s+50\.0%\s+18\.5\s+25\.0%", march);
        // In the queue table, a month without queue records has nothing to report: "no records", never zeros or 0%.
        var queues = text[text.IndexOf("排队服务水平", StringComparison.Ordinal)..text.IndexOf("四、投诉处理情况", StringComparison.Ordinal)];
        Assert.Matches(@"2026年4月\s+无记录", queues);
        Assert.DoesNotMatch(@"2026年4月\s+0", queues);
    }

    [Fact]
    public async Task AnnualReport_WithoutQueueRecords_SaysSoInsteadOfPrintingRates()
    {
        await using var app = await CallStoreScenario.StartAsync(kind);

        var text = await AnnualPdfTextAsync(app);

        Assert.Contains("本期未导入交换机队列记录", text);
        Assert.DoesNotContain("秒接通率 Service", text);
    }

    [Fact]
    public async Task DetectAnomalies_BusyHourUnderServiceLevelTarget_RaisesOneAlertQuietHoursAndGoodHoursNone()
    {
        await using var app = await QueueScenario.StartAsync(kind);
        // 2026-03-02 (Shanghai): 10:00 has 25 calls, 10 answered within 20 s and 15 after 40 s (40%);
        // 11:00 has 25 calls all answered within 5 s; 14:00 has 19 slow calls (too few to judge).
        var lines = new List<string>();
        void Hour(int hour, int calls, Func<int, int> hold)
        {
            var start = new DateTimeOffset(2026, 3, 2, hour, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();
            for (var i = 0; i < calls; i++)
            {
                var at = start + i * 120;
                var id = $"{at}.{hour}{i}";
                lines.Add($"{at}|{id}|support|NONE|ENTERQUEUE||13800138000|1");
                lines.Add($"{at + hold(i)}|{id}|support|PJSIP/8001|CONNECT|{hold(i)}|{id}b|2");
                lines.Add($"{at + hold(i) + 60}|{id}|support|PJSIP/8001|COMPLETECALLER|{hold(i)}|60|1");
            }
        }

        Hour(10, 25, i => i < 10 ? 15 : 40);
        Hour(11, 25, _ => 5);
        Hour(14, 19, _ => 60);
        var file = Path.Combine(app.Database.DataDirectory, "queue_log");
        await File.WriteAllLinesAsync(file, lines.OrderBy(l => long.Parse(l.Split('|')[0], CultureInfo.InvariantCulture)));
        Assert.Equal(0, (await QueueScenario.ImportAsync(app.Database, file)).ExitCode);

        var at = new DateTimeOffset(2026, 3, 2, 18, 5, 0, TimeSpan.FromHours(8));
        var raised = await app.WithScopeAsync(s => s.GetRequiredService<DetectAnomaliesHandler>().HandleAsync(at));
        var again = await app.WithScopeAsync(s => s.GetRequiredService<DetectAnomaliesHandler>().HandleAsync(at.AddMinutes(5)));

        var alert = Assert.Single(raised, a => a.Kind == AlertKind.ServiceLevel);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)), alert.WindowStart);
        Assert.Contains("10 of 25 calls answered within 20 s (40.0%", alert.EvidenceText());
        Assert.DoesNotContain(again, a => a.Kind == AlertKind.ServiceLevel);
    }

    private static async Task<string> AnnualPdfTextAsync(Hotline95AppFactory app)
    {
        var path = Path.Combine(app.Database.DataDirectory, "annual.pdf");
        // March and April 2026: ended periods (the CLI runs on the real clock); exit 1 only says a blocking warning (records past retention) was printed.
        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "report", "annual", "--line", CallStoreScenario.Line, "--from", "2026-03-01", "--to", "2026-04-30", "--out", path));
        Assert.True(result.ExitCode is 0 or 1 && File.Exists(path), result.Error);
        using var process = Process.Start(new ProcessStartInfo(TestEnvironment.RequirePdfToText(), ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}

public sealed class QueueReportTestsOnSqlite() : QueueReportTests(DatabaseKind.Sqlite);

public sealed class QueueReportTestsOnPostgres() : QueueReportTests(DatabaseKind.Postgres);
