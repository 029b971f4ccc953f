using System.CommandLine;
using System.Text;
using System.Text.Json;
using Hotline95.Core.Compliance;

namespace Hotline95.Commands;

/// <summary><c>hotline95 scan [--json] FILE|-</c>: exit 0 clean, 1 findings, 2 bad input.</summary>
internal static class ScanCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Build(CliIo io)
    {
        var file = new Argument<string>("FILE") { Description = "Copy, IVR prompt, agent script or SMS template (UTF-8); - reads stdin" };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON" };
        var scan = new Command("scan", "Find Advertising Law absolute terms and marketing language. Exit 0 clean, 1 findings, 2 bad input. / 广告法绝对化用语与营销用语检查。") { file, json };
        scan.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = path == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, new UTF8Encoding(false, throwOnInvalidBytes: true), ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
            {
                io.Error.WriteLine($"hotline95: {path}: {(ex is DecoderFallbackException ? "not UTF-8 text (convert it, e.g. iconv -f GB18030 -t UTF-8)" : ex.Message)}");
                return ExitCodes.Usage;
            }

            var result = await scope.Get<ComplianceLexiconHandler>().ScanAsync(enterprise.Id, text, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            if (parse.GetValue(json))
            {
                scope.Out.WriteLine(JsonSerializer.Serialize(result.Value, Json));
            }
            else
            {
                foreach (var f in result.Value.Findings)
                {
                    scope.Out.WriteLine($"{(path == "-" ? "stdin" : path)}:{f.Line}:{f.Column}: {f.Severity.ToString().ToLowerInvariant()} [{f.Category.ToString().ToLowerInvariant()}] {f.Matched} → {f.Term}");
                    scope.Out.WriteLine($"    {f.LegalBasis}");
                    scope.Out.WriteLine($"    建议 Suggestion: {f.Rewrite}");
                }

                scope.Out.WriteLine(result.Value.Clean ? "No red-line terms found. / 未发现违规用语。" : $"{result.Value.Findings.Count} finding(s). / 发现 {result.Value.Findings.Count} 处。");
            }

            return result.Value.Clean ? ExitCodes.Ok : ExitCodes.Negative;
        }));
        return scan;
    }
}
