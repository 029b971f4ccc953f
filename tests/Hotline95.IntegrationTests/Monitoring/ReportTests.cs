using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Hotline95.Core.Demo;
using Hotline95.Core.Reports;
using Hotline95.IntegrationTests.Calls;
using Hotline95.Testing;

namespace Hotline95.IntegrationTests.Monitoring;

public abstract class ReportTests(DatabaseKind kind)
{
    /// <summary>Three months of calls (Jan–Mar 2026, 40 an hour around the clock at first, then every 37 minutes) and two complaints.</summary>
    private static async Task<Hotline95AppFactory> StartAsync(DatabaseKind kind)
    {
        var app = await CallStoreScenario.StartAsync(kind);
        await CliRunner.RunAsync(CliRunner.On(app.Database, "lines", "usage", CallStoreScenario.Line, "--purposes", "信贷咨询,账单查询,投诉处理", "--hours", "7×24"));
        var file = Path.Combine(app.Database.DataDirectory, "q1.csv");
        SyntheticCalls.WriteAsteriskFile(file, 2_400, CallStoreScenario.Line, new DateTime(2026, 1, 1, 0, 3, 0), TimeSpan.FromMinutes(37));
        Assert.Equal(0, (await CallStoreScenario.ImportAsync(app.Database, "asterisk", file)).ExitCode);
        var agent = await app.LoginAsAgentAsync();
        var complaint = await (await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", callerPhone = "13800138000", summary = "账单有误", receivedAt = "2026-02-10T10:00:00+08:00" })).Content.ReadFromJsonAsync<JsonElement>();
        await agent.PostAsJsonAsync($"/api/complaints/{complaint.GetProperty("id").GetInt64()}/resolve", new { resolution = "已更正", satisfaction = 5 });
        await agent.PostAsJsonAsync("/api/complaints", new { line = "95528", callerPhone = "13900139000", summary = "等待过久", receivedAt = "2026-03-01T09:00:00+08:00" });
        return app;
    }

    private static async Task<string> WriteAsync(Hotline95AppFactory app, string format)
    {
        var path = Path.Combine(app.Database.DataDirectory, $"report.{format}");
        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "report", "annual", "--line", "95528", "--year", "2026", "--out", path));
        Assert.True(result.ExitCode == 0, result.Error);
        return path;
    }

    [Fact]
    public async Task Annual_PdfXlsxAndJson_GiveTheSameNumbers()
    {
        await using var app = await StartAsync(kind);

        var json = JsonDocument.Parse(await File.ReadAllBytesAsync(await WriteAsync(app, "json"))).RootElement;
        var xlsx = await WriteAsync(app, "xlsx");
        var pdf = await WriteAsync(app, "pdf");

        var months = json.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        var calls = months.Select(m => m.GetProperty("calls").GetInt32()).ToList();
        Assert.Equal(2_400, calls.Sum());
        Assert.Equal(json.GetProperty("total").GetProperty("calls").GetInt32(), calls.Sum());
        Assert.Equal(Math.Round(2_400 / 12.0, 1), json.GetProperty("monthlyAverageCalls").GetDouble());
        Assert.True(calls[0] > 0 && calls[1] > 0 && calls[2] > 0 && calls.Skip(3).All(c => c == 0));
        Assert.Equal(2, json.GetProperty("complaints").GetProperty("received").GetInt32());
        Assert.Equal(1, json.GetProperty("complaints").GetProperty("resolved").GetInt32());
        Assert.Equal(50.0, json.GetProperty("complaints").GetProperty("resolutionRatePercent").GetDouble());
        Assert.Equal(100.0, json.GetProperty("security").GetProperty("encryptedFieldsPercent").GetDouble());
        Assert.True(json.GetProperty("security").GetProperty("auditLogIntact").GetBoolean());

        // The spreadsheet: one row per month, the same counts as numbers.
        using (var document = SpreadsheetDocument.Open(xlsx, false))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name!.Value!.StartsWith("通话", StringComparison.Ordinal));
            var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
            var sheetCalls = rows.Skip(1).Take(12).Select(r => int.Parse(r.Elements<Cell>().ElementAt(1).CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(calls, sheetCalls);
        }

        // The PDF, read as an inspector would with pdftotext: the Chinese headings and the same figures.
        var pdftotext = TestEnvironment.RequirePdfToText();
        var text = await PdfTextAsync(pdftotext, pdf);
        foreach (var heading in new[] { "95码号使用情况报告", "一、基本情况", "二、通话情况", "三、投诉处理", "四、安全制度执行情况", "五、异常情况及处置", "月均通话量" })
        {
            Assert.Contains(heading, text);
        }

        Assert.Contains(AnnualReportRenderer.Format.Decimal(json.GetProperty("monthlyAverageCalls").GetDouble()), text);
        Assert.Contains(AnnualReportRenderer.Format.Count(calls.Sum()), text);
        foreach (var month in calls.Take(3))
        {
            Assert.Contains(AnnualReportRenderer.Format.Count(month), text);
        }

        Assert.Contains("100.0%", text);
    }

    private static async Task<string> PdfTextAsync(string pdftotext, string pdf)
    {
        using var process = Process.Start(new ProcessStartInfo(pdftotext, ["-layout", pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    [Fact]
    public async Task Annual_OverTheApi_NeedsThePermissionAndChecksItsInput()
    {
        await using var app = await StartAsync(kind);
        var officer = await app.LoginAsComplianceOfficerAsync();
        var agent = await app.LoginAsAgentAsync();

        var ok = await officer.GetAsync("/api/reports/annual?line=95528&year=2026&format=json");
        var months = await officer.GetFromJsonAsync<JsonElement>("/api/monitoring/months?line=95528&from=2026-01-01&to=2026-03-31");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(3, months.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/reports/annual?line=95528&year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.GetAsync("/api/reports/annual?line=95999&year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.GetAsync("/api/reports/annual?line=95528&from=2026-01-01&to=2027-03-01")).StatusCode);
    }

    [Fact]
    public async Task InspectionPack_HoldsTheEvidenceAndNoClearPersonalData()
    {
        await using var app = await StartAsync(kind);
        var path = Path.Combine(app.Database.DataDirectory, "pack.zip");

        var result = await CliRunner.RunAsync(CliRunner.On(app.Database, "report", "inspection", "--line", "95528", "--out", path));

        Assert.Equal(0, result.ExitCode);
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Superset(new HashSet<string> { "index.pdf", "roster/seats.csv", "roster/agents.csv", "encryption/ciphertext-sample.csv", "encryption/keys.csv",
            "retention/policy.txt", "retention/purges.csv", "audit/verification.txt", "complaints/deadline-figures.csv" }, names.ToHashSet());
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        var sample = Read("encryption/ciphertext-sample.csv");
        Assert.Equal(1 + BuildInspectionPackHandler.CiphertextSample, sample.Trim().Split('\n').Length);
        Assert.Matches(@"1\d\d\*\*\*\*\d{4}", sample);
        // Every caller number of the imported file, in clear, appears nowhere in the pack's text files.
        var texts = string.Join("\n", zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.Ordinal) || e.Name.EndsWith(".txt", StringComparison.Ordinal)).Select(e => Read(e.FullName)));
        var numbers = File.ReadLines(Path.Combine(app.Database.DataDirectory, "q1.csv")).Select(l => l.Split(',')[1].Trim('"')).Distinct().ToList();
        Assert.True(numbers.Count > 2_000);
        Assert.DoesNotContain(numbers, n => texts.Contains(n, StringComparison.Ordinal));
        Assert.Contains("intact: True", Read("audit/verification.txt"));
        Assert.Contains("\"2026-02\",\"1\"", Read("complaints/deadline-figures.csv").Replace("\r", "", StringComparison.Ordinal));
        Assert.StartsWith("%PDF", Read("index.pdf"));
    }
}

public sealed class ReportTestsOnSqlite() : ReportTests(DatabaseKind.Sqlite);

public sealed class ReportTestsOnPostgres() : ReportTests(DatabaseKind.Postgres);
