using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hotline95.Core.Common;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Text;

namespace Hotline95.Commands;

/// <summary>The dossier for a 95 number: its eligibility check, keeping it on the platform, and its documents.</summary>
internal static class DossierCommands
{
    private static readonly JsonSerializerOptions Json = new(DossierJson.Options) { WriteIndented = true };

    public static Command Build(CliIo io)
    {
        var dossier = new Command("dossier", "The application dossier: check, keep, export, generate documents. / 申请材料。");

        var file = new Argument<string>("FILE") { Description = "The dossier as JSON (docs/dossier.schema.json)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var on = new Option<string?>("--on") { Description = "Check against the policy in force on this date (yyyy-MM-dd); default today" };
        var check = new Command("check", "Check a dossier against the six conditions. Exit 0 eligible, 1 not eligible, 2 bad input. / 资格预审。") { file, json, on };
        check.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(on), "--on", out var day, io) || ReadFile(parse.GetValue(file)!, io) is not { } text)
            {
                return ExitCodes.Usage;
            }

            var report = await scope.Get<CheckDossierHandler>().HandleAsync(text, day, ct: ct);
            if (!report.IsSuccess)
            {
                return CliServices.Fail(io, report.Error);
            }

            if (parse.GetValue(json))
            {
                scope.Out.WriteLine(JsonSerializer.Serialize(report.Value, Json));
            }
            else
            {
                WriteReport(scope.Out, report.Value);
            }

            return report.Value.Eligible ? ExitCodes.Ok : ExitCodes.Negative;
        }));

        var saveFile = new Argument<string>("FILE") { Description = "The dossier as JSON" };
        var id = new Option<string?>("--id") { Description = "Replace this stored dossier instead of adding one" };
        var usesPlatform = new Option<bool>("--uses-platform") { Description = "The dossier is this enterprise's own and its hotline runs here: take seats, agents, encryption and retention from the platform" };
        var number = new Option<string?>("--number") { Description = "The 95 number applied for or held" };
        var save = new Command("save", "Keep a dossier on the platform (validated first). / 保存材料。") { saveFile, id, usesPlatform, number };
        save.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (ReadFile(parse.GetValue(saveFile)!, io) is not { } text || !TryGuid(parse.GetValue(id), "--id", io, out var existing))
            {
                return ExitCodes.Usage;
            }

            var saved = await scope.Get<DossiersHandler>().SaveAsync(new SaveDossierRequest(enterprise.Id, existing, text, parse.GetValue(usesPlatform), parse.GetValue(number), scope.Actor), ct);
            if (!saved.IsSuccess)
            {
                return CliServices.Fail(io, saved.Error);
            }

            scope.Out.WriteLine($"{saved.Value.Id}  {saved.Value.Title}");
            foreach (var task in saved.Value.OpenedTasks)
            {
                scope.Out.WriteLine($"opened: {ServerText.Both(task.Title)}, due {task.DueOn:yyyy-MM-dd}{(task.Detail is null ? "" : $" ({ServerText.Both(task.Detail)})")}");
            }

            return ExitCodes.Ok;
        }));

        var list = new Command("list", "The portfolio: every dossier with its readiness and next deadline. / 材料一览。");
        list.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var entries = await scope.Get<PortfolioHandler>().HandleAsync(enterprise.Id, ct);
            scope.Out.WriteLine($"{"ID",-36}  {"READY",-5}  {"COND",-4}  {"ERR",3}  {"STAGE",-22}  {"NEXT DEADLINE",-13}  TITLE");
            foreach (var e in entries)
            {
                scope.Out.WriteLine($"{e.DossierId,-36}  {(e.Eligible ? "yes" : "no"),-5}  {e.ConditionsPassed}/6   {e.Errors,3}  {e.Stage,-22}  {(e.Next is { } n ? n.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-"),-13}  {e.Title}{(e.Next is { } next ? $"  ({ServerText.Both(next.What)}, {next.Flag})" : "")}");
            }

            return ExitCodes.Ok;
        }));

        var exportId = new Argument<string>("ID") { Description = "A stored dossier" };
        var export = new Command("export", "Print a stored dossier as JSON. / 导出材料。") { exportId };
        export.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!TryGuid(parse.GetValue(exportId), "ID", io, out var dossierId))
            {
                return ExitCodes.Usage;
            }

            var stored = await scope.Get<DossiersHandler>().GetAsync(enterprise.Id, dossierId!.Value, ct);
            if (!stored.IsSuccess)
            {
                return CliServices.Fail(io, stored.Error);
            }

            scope.Out.WriteLine(DossierJson.Write(stored.Value.Dossier));
            return ExitCodes.Ok;
        }));

        var docId = new Argument<string>("ID") { Description = "A stored dossier" };
        var kind = new Option<string>("--kind") { Description = "usage-plan, security-policies, commitment-letter or all", DefaultValueFactory = _ => "all" };
        var format = new Option<string>("--format") { Description = "pdf, docx or both", DefaultValueFactory = _ => "both" };
        var outDir = new Option<string>("--out") { Description = "Directory to write into", DefaultValueFactory = _ => "." };
        var asFiled = new Option<bool>("--as-filed") { Description = "As the authority received them: a certified dossier's documents without the pre-review (never drafts), dated on its declaration" };
        var documents = new Command("documents", "Generate the usage plan, the security policy compilation and the commitment letter. Exit 1 when they are drafts (the pre-review finds errors), after writing them. / 生成申请文件。")
            { docId, kind, format, outDir, asFiled };
        documents.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!TryGuid(parse.GetValue(docId), "ID", io, out var dossierId))
            {
                return ExitCodes.Usage;
            }

            var kinds = parse.GetValue(kind) == "all" ? ["usage-plan", "security-policies", "commitment-letter"] : new[] { parse.GetValue(kind)! };
            var formats = parse.GetValue(format) == "both" ? ["docx", "pdf"] : new[] { parse.GetValue(format)! };
            var directory = Directory.CreateDirectory(parse.GetValue(outDir)!);
            var draftBecause = new SortedSet<string>(StringComparer.Ordinal);
            DateOnly? checkedOn = null;
            foreach (var k in kinds)
            {
                foreach (var f in formats)
                {
                    var document = await scope.Get<GenerateDocumentHandler>().HandleAsync(enterprise.Id, dossierId!.Value, k, f, parse.GetValue(asFiled), ct);
                    if (!document.IsSuccess)
                    {
                        return CliServices.Fail(io, document.Error);
                    }

                    var path = Path.Combine(directory.FullName, document.Value.FileName);
                    await File.WriteAllBytesAsync(path, document.Value.Content, ct);
                    scope.Out.WriteLine(path);
                    draftBecause.UnionWith(document.Value.DraftBecause);
                    checkedOn = document.Value.CheckedOn;
                }
            }

            if (draftBecause.Count == 0)
            {
                return ExitCodes.Ok;
            }

            io.Error.WriteLine($"hotline95: DRAFTS: the pre-review as of {checkedOn:yyyy-MM-dd} finds errors ({string.Join(", ", draftBecause)}); every page is marked {LicenceDocuments.DraftWatermark} and the cover lists them. "
                + "/ 预审未通过，文件为草稿，不得盖章报送。");
            return ExitCodes.Negative;
        }));

        var schema = new Command("schema", "Print the dossier's JSON Schema. / 输出材料格式。");
        schema.SetAction(parse =>
        {
            io.Out.WriteLine(DossierJson.SchemaText);
            return ExitCodes.Ok;
        });

        dossier.Subcommands.Add(check);
        dossier.Subcommands.Add(save);
        dossier.Subcommands.Add(list);
        dossier.Subcommands.Add(export);
        dossier.Subcommands.Add(documents);
        dossier.Subcommands.Add(schema);
        return dossier;
    }

    public static void WriteReport(TextWriter output, EligibilityReport report)
    {
        var errors = report.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = report.Findings.Count - errors;
        output.WriteLine($"政策 Policy: {report.Policy} (checked on {report.CheckedOn:yyyy-MM-dd})");
        output.WriteLine(report.Eligible
            ? $"结论 Result: 符合申请条件 ELIGIBLE ({warnings} warning(s))"
            : $"结论 Result: 不符合申请条件 NOT ELIGIBLE ({errors} error(s), {warnings} warning(s))");
        output.WriteLine();
        foreach (var c in report.Conditions)
        {
            var status = c.Status switch
            {
                ConditionStatus.Pass => "✓ 通过 pass",
                ConditionStatus.Fail => "✗ 不通过 fail",
                _ => "? 未知 unknown",
            };
            output.WriteLine($"条件{c.Number} {c.Title} {c.TitleEn}: {status}");
            foreach (var evidence in c.Evidence)
            {
                output.WriteLine($"    · {evidence}");
            }
        }

        if (report.Findings.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("问题与修改建议 Findings and fixes:");
        foreach (var f in report.Findings)
        {
            output.WriteLine($"  [{(f.Severity == FindingSeverity.Error ? "error" : "warning")}] {f.Code}{(f.Field is null ? "" : "  " + f.Field)}");
            output.WriteLine($"      {f.Message} / {f.MessageEn}");
            output.WriteLine($"      修改 Fix: {f.Fix} / {f.FixEn}");
        }
    }

    internal static string? ReadFile(string path, CliIo io)
    {
        try
        {
            return path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"hotline95: {path}: {ex.Message}");
            return null;
        }
    }

    internal static bool TryGuid(string? text, string argument, CliIo io, out Guid? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Guid.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        io.Error.WriteLine($"hotline95: {argument}: '{text}' is not an id (as printed by 'dossier list').");
        return false;
    }
}
