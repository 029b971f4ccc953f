using System.CommandLine;
using System.Diagnostics;
using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Reports;

namespace Hotline95.Commands;

/// <summary>The annual usage report, its typical cases, the inspection evidence pack and its verification.</summary>
internal static class ReportCommands
{
    public static Command Build(CliIo io)
    {
        var report = new Command("report", "Reports for the authority. / 报告。");
        report.Subcommands.Add(Annual(io));
        report.Subcommands.Add(Cases(io));
        report.Subcommands.Add(Inspection(io));
        report.Subcommands.Add(VerifyPack(io));
        return report;
    }

    private static Command Annual(CliIo io)
    {
        var line = new Option<string>("--line") { Description = "The 95 line", Required = true };
        var year = new Option<int?>("--year") { Description = "Calendar year (default: the last ended year)" };
        var from = new Option<string?>("--from") { Description = "Or any period up to 12 months: first day (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "Last day (yyyy-MM-dd)" };
        var partial = new Option<bool>("--partial") { Description = "Allow a period that has not ended: the report runs to yesterday and says so on every page" };
        var lang = new Option<string?>("--lang") { Description = "zh (the filing, default) or en (an English reading copy)" };
        var format = new Option<string?>("--format") { Description = "pdf, xlsx or json (default: from --out's extension, else pdf)" };
        var output = new Option<string>("--out") { Description = "Where to write the report", Required = true };
        var annual = new Command("annual", "《YYYY年度95码号使用情况报告》 for an ended period. Exit 1 when a blocking warning means it is not ready to file. / 年度使用情况报告。")
            { line, year, from, to, partial, lang, format, output };
        annual.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(from), "--from", out var first, io) || !CallsCommands.TryDate(parse.GetValue(to), "--to", out var last, io))
            {
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(output)!;
            var formatName = parse.GetValue(format) ?? Path.GetExtension(path).TrimStart('.');
            if (!EnumNames.TryParse<ReportFormat>(string.IsNullOrEmpty(formatName) ? "pdf" : formatName, out var chosen))
            {
                io.Error.WriteLine($"hotline95: --format: '{formatName}' is not pdf, xlsx or json.");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(lang) is { } language && language is not ("zh" or "en"))
            {
                io.Error.WriteLine($"hotline95: --lang: '{language}' is not zh or en.");
                return ExitCodes.Usage;
            }

            var english = parse.GetValue(lang) == "en";
            var watch = Stopwatch.StartNew();
            var built = await scope.Get<BuildAnnualReportHandler>().HandleAsync(new AnnualReportRequest(enterprise.Id, parse.GetValue(line), parse.GetValue(year), first, last, parse.GetValue(partial)), ct);
            if (!built.IsSuccess)
            {
                return CliServices.Fail(io, built.Error);
            }

            var r = built.Value;
            var (content, _, _) = AnnualReportRenderer.Render(r, chosen, english);
            await File.WriteAllBytesAsync(path, content, ct);
            await scope.Get<AuditLog>().AppendAsync(enterprise.Id, scope.Actor, AuditActions.ReportGenerated, $"line:{r.Header.Line}",
                $"annual {r.Header.From:yyyy-MM-dd}..{r.Header.To:yyyy-MM-dd} {chosen}{(english ? " en" : "")}", ct);
            scope.Out.WriteLine($"{path}: {r.Header.Line} {r.Header.From:yyyy-MM-dd}–{r.Header.To:yyyy-MM-dd}, {r.Total.Calls:N0} calls, " +
                $"monthly average {(r.Average.Calls is { } average ? $"{average:N1} over {r.Average.Months} month(s)" : "n/a (the number was not in use)")}, {r.Complaints.Received:N0} complaints ({chosen}, {content.Length:N0} bytes, {watch.Elapsed.TotalSeconds:0.00} s)");
            foreach (var warning in r.Warnings)
            {
                io.Error.WriteLine($"{(warning.Blocking ? "BLOCKING" : "warning")} {warning.Code}: {ReportWarnings.Text(warning, false)} / {ReportWarnings.Text(warning, true)}");
            }

            if (!r.ReadyToFile)
            {
                io.Error.WriteLine("hotline95: the report is NOT READY TO FILE: fix the blocking warnings above. / 报告尚不能报送：请先处理上述阻断项。");
                return ExitCodes.Negative;
            }

            return ExitCodes.Ok;
        }));
        return annual;
    }

    private static Command Cases(CliIo io)
    {
        var line = new Option<string>("--line") { Description = "The 95 line", Required = true };
        var year = new Option<int>("--year") { Description = "The report's year", Required = true };
        var set = new Option<string[]>("--case") { Description = "A typical case, without personal data (repeat, at most 3; none clears them)", AllowMultipleArgumentsPerToken = false };
        var show = new Option<bool>("--show") { Description = "Only show the cases" };
        var cases = new Command("cases", "The typical complaint cases of a year's report (典型案例, at most 3, no personal data; replaces them all). / 典型案例。") { line, year, set, show };
        cases.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var handler = scope.Get<ReportCasesHandler>();
            IReadOnlyList<string> result;
            if (parse.GetValue(show))
            {
                result = await handler.GetAsync(enterprise.Id, parse.GetValue(line)!.Trim(), parse.GetValue(year), ct);
            }
            else
            {
                var saved = await handler.SetAsync(new SetReportCasesRequest(enterprise.Id, parse.GetValue(line), parse.GetValue(year), parse.GetValue(set) ?? [], scope.Actor), ct);
                if (!saved.IsSuccess)
                {
                    return CliServices.Fail(io, saved.Error);
                }

                result = saved.Value;
            }

            for (var i = 0; i < result.Count; i++)
            {
                scope.Out.WriteLine($"{i + 1}. {result[i]}");
            }

            scope.Out.WriteLine($"{result.Count} case(s) / 典型案例 {result.Count} 例");
            return ExitCodes.Ok;
        }));
        return cases;
    }

    private static Command Inspection(CliIo io)
    {
        var line = new Option<string>("--line") { Description = "The 95 line", Required = true };
        var from = new Option<string?>("--from") { Description = "First day of the period whose access log is included (default: 12 months to yesterday)" };
        var to = new Option<string?>("--to") { Description = "Last day (default: yesterday)" };
        var output = new Option<string>("--out") { Description = "The zip to write", Required = true };
        var inspection = new Command("inspection", "The on-site inspection evidence pack: zip with an index PDF and a manifest of SHA-256s recorded in the audit log. / 现场核查证据包。")
            { line, from, to, output };
        inspection.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(from), "--from", out var first, io) || !CallsCommands.TryDate(parse.GetValue(to), "--to", out var last, io))
            {
                return ExitCodes.Usage;
            }

            var pack = await scope.Get<BuildInspectionPackHandler>().HandleAsync(new InspectionPackRequest(enterprise.Id, parse.GetValue(line), scope.Actor, first, last), ct);
            if (!pack.IsSuccess)
            {
                return CliServices.Fail(io, pack.Error);
            }

            var path = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(path + ".part", pack.Value.Zip, ct);
            File.Move(path + ".part", path, overwrite: true);
            scope.Out.WriteLine($"{path}: {pack.Value.Manifest.Files.Count} files, manifest sha256 {pack.Value.ManifestSha256} (recorded in the audit log)");
            foreach (var file in pack.Value.Manifest.Files)
            {
                scope.Out.WriteLine($"  {file.Sha256[..16]}  {file.Path}");
            }

            foreach (var gap in pack.Value.Missing)
            {
                io.Error.WriteLine($"missing / 缺少: {gap}");
            }

            if (pack.Value.Retention.Breached)
            {
                io.Error.WriteLine($"BLOCKING: {pack.Value.Retention.CallsPastRetention:N0} call records and {pack.Value.Retention.ComplaintsPastRetention:N0} complaint records are held past retention (as of {pack.Value.Retention.AsOf:yyyy-MM-dd}); the pack states it. / 存在超过保存期限的记录，证据包已如实列明。");
                return ExitCodes.Negative;
            }

            return ExitCodes.Ok;
        }));
        return inspection;
    }

    private static Command VerifyPack(CliIo io)
    {
        var pack = new Argument<string>("pack") { Description = "The inspection pack (zip)" };
        var verify = new Command("verify-pack", "Check a pack's files against its manifest and the manifest against the audit log. Exit 0 valid, 1 not. / 核验证据包。") { pack };
        verify.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var path = parse.GetValue(pack)!;
            if (!File.Exists(path))
            {
                io.Error.WriteLine($"hotline95: {path}: no such file.");
                return ExitCodes.Usage;
            }

            await using var stream = File.OpenRead(path);
            var result = await scope.Get<VerifyInspectionPackHandler>().HandleAsync(enterprise.Id, stream, ct);
            foreach (var problem in result.Problems)
            {
                scope.Out.WriteLine($"{problem.Code}{(problem.Path is null ? "" : $": {problem.Path}")}");
            }

            scope.Out.WriteLine(result.Valid
                ? $"{path}: valid / 核验通过: {result.FilesChecked} files match the manifest; manifest sha256 {result.ManifestSha256} is audit entry #{result.AuditSequence}; the audit chain verifies."
                : $"{path}: NOT VALID / 核验未通过: {result.Problems.Count} problem(s).");
            return result.Valid ? ExitCodes.Ok : ExitCodes.Negative;
        }));
        return verify;
    }
}
