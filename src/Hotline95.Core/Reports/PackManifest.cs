using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hotline95.Core.Reports;

public sealed record PackFile(string Path, long Bytes, string Sha256);

/// <summary>
/// The inspection pack's manifest (manifest.json, with a text twin manifest.txt): every other file's SHA-256, the
/// generator and its version, who made the pack and when. The SHA-256 of manifest.json is recorded in the audit chain,
/// so <c>hotline95 report verify-pack</c> can show that neither a file nor the manifest changed since.
/// </summary>
public sealed record PackManifest(string Format, string Generator, string GeneratorVersion, string GeneratedBy, DateTimeOffset GeneratedAt, string Enterprise,
    string Line, DateOnly From, DateOnly To, IReadOnlyList<PackFile> Files)
{
    public const string JsonName = "manifest.json";
    public const string TextName = "manifest.txt";
    public const string CurrentFormat = "hotline95-inspection-pack/1";

    public static string Version => typeof(PackManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static PackFile Entry(string path, byte[] content) => new(path, content.Length, Sha256(content));

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, AnnualReportRenderer.Json);

    public static PackManifest? FromJson(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<PackManifest>(json, AnnualReportRenderer.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The text twin, in sha256sum's layout after a header, for a reviewer without the tool.</summary>
    public byte[] ToText(string manifestSha256)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# 现场核查证据包清单 / Inspection pack manifest ({Format})\n");
        text.Append(CultureInfo.InvariantCulture, $"# 企业 Enterprise: {Enterprise}\n# 码号 Number: {Line}\n# 期间 Period: {From:yyyy-MM-dd} .. {To:yyyy-MM-dd}\n");
        text.Append(CultureInfo.InvariantCulture, $"# 生成 Generated: {Common.ChinaTime.ToChina(GeneratedAt):yyyy-MM-dd HH:mm:ss zzz} by {GeneratedBy}\n# 生成程序 Generator: {Generator} {GeneratorVersion}\n");
        text.Append(CultureInfo.InvariantCulture, $"# manifest.json SHA-256 (recorded in the audit log / 已记入审计日志): {manifestSha256}\n");
        foreach (var file in Files)
        {
            text.Append(CultureInfo.InvariantCulture, $"{file.Sha256}  {file.Path}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
