using System.CommandLine;
using System.Diagnostics;
using Hotline95.Core.Audit;
using Hotline95.Core.Reports;

namespace Hotline95.Commands;

/// <summary>The annual usage report and the inspection evidence pack.</summary>
internal static class ReportCommands
{
    public static Command Build(CliIo io)
    {
        var report = new Command("report", "Reports for the authority. / 报告。");

        var line = new Option<string>("--line") { Description = "The 95 line", Required = true };
        var year = new Option<int?>("--year") { Description = "Calendar year (default this year)" };
        var from = new Option<string?>("--from") { Description = "Or any period up to 12 months: first day (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Last day (yyyy-MM-dd)" };
        var format = new Option<string?>("--format") { Description = "pdf, xlsx or json (default: from --out's extension, else pdf)" };
        var output = new Option<string>("--out") { Description = "Where to write the report", Required = true };
        var annual = new Command("annual", "《95码号使用情况报告》: calls by month, complaints, security in practice, anomalies. / 年度使用情况报告。") { line, year, from, to, format, output };
        annual.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(from), "--from", out var first, io) || !CallsCommands.TryDate(parse.GetValue(to), "--to", out var last, io))
            {
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(output)!;
            var formatName = parse.GetValue(format) ?? Path.GetExtension(path).TrimStart('.');
            if (!Enum.TryParse<ReportFormat>(string.IsNullOrEmpty(formatName) ? "pdf" : formatName, ignoreCase: true, out var chosen))
            {
                io.Error.WriteLine($"hotline95: --format: '{formatName}' is not pdf, xlsx or json.");
                return ExitCodes.Usage;
            }

            var watch = Stopwatch.StartNew();
            var built = await scope.Get<BuildAnnualReportHandler>().HandleAsync(new AnnualReportRequest(enterprise.Id, parse.GetValue(line), parse.GetValue(year), first, last), ct);
            if (!built.IsSuccess)
            {
                return CliServices.Fail(io, built.Error);
            }

            var (content, _, _) = AnnualReportRenderer.Render(built.Value, chosen);
            await File.WriteAllBytesAsync(path, content, ct);
            await scope.Get<AuditLog>().AppendAsync(enterprise.Id, scope.Actor, AuditActions.ReportGenerated, $"line:{built.Value.Header.Line}",
                $"annual {built.Value.Header.From:yyyy-MM-dd}..{built.Value.Header.To:yyyy-MM-dd} {chosen}", ct);
            scope.Out.WriteLine($"{path}: {built.Value.Header.Line} {built.Value.Header.From:yyyy-MM-dd}–{built.Value.Header.To:yyyy-MM-dd}, {built.Value.Total.Calls:N0} calls, " +
                $"monthly average {built.Value.MonthlyAverageCalls:N1}, {built.Value.Complaints.Received} complaints ({chosen}, {content.Length:N0} bytes, {watch.Elapsed.TotalSeconds:0.00} s)");
            return ExitCodes.Ok;
        }));

        var packLine = new Option<string>("--line") { Description = "The 95 line", Required = true };
        var packOut = new Option<string>("--out") { Description = "The zip to write", Required = true };
        var inspection = new Command("inspection", "The on-site inspection evidence pack (zip with an index PDF). / 现场核查证据包。") { packLine, packOut };
        inspection.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var pack = await scope.Get<BuildInspectionPackHandler>().HandleAsync(enterprise.Id, parse.GetValue(packLine), scope.Actor, ct);
            if (!pack.IsSuccess)
            {
                return CliServices.Fail(io, pack.Error);
            }

            await File.WriteAllBytesAsync(parse.GetValue(packOut)!, pack.Value.Zip, ct);
            scope.Out.WriteLine($"{parse.GetValue(packOut)}: {pack.Value.Files.Count} files");
            foreach (var file in pack.Value.Files)
            {
                scope.Out.WriteLine($"  {file}");
            }

            return ExitCodes.Ok;
        }));

        report.Subcommands.Add(annual);
        report.Subcommands.Add(inspection);
        return report;
    }
}
