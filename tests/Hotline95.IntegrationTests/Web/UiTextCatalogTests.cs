using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Hotline95.Core.Calls;
using Hotline95.Core.Complaints;
using Hotline95.Core.Compliance;
using Hotline95.Core.Identity;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Licensing.Uploads;
using Hotline95.Core.Monitoring;
using Hotline95.Core.Roster;
using Hotline95.Core.Security;
using Hotline95.Core.Service;
using Hotline95.Web;
using Hotline95.Web.Endpoints;
using Microsoft.Extensions.FileProviders;

namespace Hotline95.IntegrationTests.Web;

/// <summary>
/// The UI's one way to translate, checked on the files the product ships (its embedded wwwroot): every text in a catalog
/// (<c>hotline95.define({ "key": ["中文", "English"] })</c>) with both languages, every key a page uses defined in the
/// catalogs that page loads, every value of the enums the pages show given a text, no text left inline in the scripts.
/// </summary>
public sealed partial class UiTextCatalogTests
{
    private const string Root = "Hotline95.UI.wwwroot.";
    private static readonly Assembly Product = typeof(Hotline95WebApp).Assembly;
    private static readonly EmbeddedFileProvider Files = new(Product, "Hotline95.UI.wwwroot");

    /// <summary>Chinese characters and the CJK and full-width punctuation that only Chinese text uses.</summary>
    [GeneratedRegex(@"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")]
    private static partial Regex Cjk();

    [GeneratedRegex("""data-i18n="([^"]+)"[^>]*>([^<]*)<""")]
    private static partial Regex HtmlText();

    [GeneratedRegex("""data-i18n-attr="([^"]+)""")]
    private static partial Regex HtmlAttr();

    [GeneratedRegex("""<script src="([^"]+)"></script>""")]
    private static partial Regex ScriptTag();

    /// <summary>A string literal in a script ("…" or '…'), for the keys a script names.</summary>
    [GeneratedRegex("""["']([A-Za-z][\w-]*(?:\.[\w-]+)+)["']""")]
    private static partial Regex KeyLiteral();

    /// <summary>The old form that carried its Chinese inline: t("key", "中文").</summary>
    [GeneratedRegex("""(?<![\w$])[tT]\(\s*"[^"]+"\s*,\s*["'`]""")]
    private static partial Regex InlineFallback();

    private sealed record Catalog(string File, IReadOnlyList<(string Key, JsonElement Value)> Entries);

    private static string Read(string path)
    {
        var file = Files.GetFileInfo(path);
        Assert.True(file.Exists, $"{path} is not in the product");
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd();
    }

    private static IEnumerable<string> Resources(string prefix, string suffix) =>
        Product.GetManifestResourceNames().Where(n => n.StartsWith(Root + prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
            .Select(n => n[Root.Length..]);

    private static IReadOnlyList<string> Pages() => Resources("", ".html").Where(n => n.Count(c => c == '.') == 1).Order().ToList();

    private static IReadOnlyList<string> CatalogFiles() =>
        ["assets/i18n.js", .. Resources("assets.text.", ".js").Select(n => "assets/text/" + n["assets.text.".Length..]).Order()];

    /// <summary>The page scripts: every script of assets/ that is not a catalog or the mechanism itself.</summary>
    private static IReadOnlyList<string> PageScripts() =>
        Resources("assets.", ".js").Where(n => !n.StartsWith("assets.text.", StringComparison.Ordinal) && n != "assets.i18n.js")
            .Select(n => "assets/" + n["assets.".Length..]).Order().ToList();

    /// <summary>Every define({ … }) object of a catalog file, read as JSON (comments and trailing commas allowed).</summary>
    private static Catalog ReadCatalog(string path)
    {
        var text = Read(path);
        var entries = new List<(string, JsonElement)>();
        for (var at = text.IndexOf("define({", StringComparison.Ordinal); at >= 0; at = text.IndexOf("define({", at + 1, StringComparison.Ordinal))
        {
            var start = at + "define(".Length;
            var body = text[start..ObjectEnd(text, start)];
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            entries.AddRange(json.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.Clone())));
        }

        return new Catalog(path, entries);
    }

    /// <summary>The index just past the object literal opening at <paramref name="start"/> (strings and comments skipped).</summary>
    private static int ObjectEnd(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    for (i++; text[i] != '"'; i++)
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '/' when text[i + 1] == '/':
                    i = text.IndexOf('\n', i);
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i + 1;
            }
        }

        throw new InvalidOperationException("unbalanced define({ … })");
    }

    private static Dictionary<string, (string Zh, string En)> Texts(IEnumerable<string> catalogs) =>
        catalogs.SelectMany(c => ReadCatalog(c).Entries).ToDictionary(e => e.Key, e => (e.Value[0].GetString()!, e.Value[1].GetString()!));

    private static Dictionary<string, (string Zh, string En)> AllTexts() => Texts(CatalogFiles());

    [Fact]
    public void Catalogs_EveryEntry_HasChineseAndEnglishAndIsDefinedOnce()
    {
        var problems = new List<string>();
        var seen = new Dictionary<string, string>();
        foreach (var catalog in CatalogFiles().Select(ReadCatalog))
        {
            Assert.NotEmpty(catalog.Entries);
            foreach (var (key, value) in catalog.Entries)
            {
                if (!seen.TryAdd(key, catalog.File))
                {
                    problems.Add($"{key}: defined in {seen[key]} and again in {catalog.File}");
                }

                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2
                    || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
                {
                    problems.Add($"{key} ({catalog.File}): not [\"中文\", \"English\"] with both sides written: {value}");
                }
                else if (Cjk().IsMatch(value[1].GetString()!))
                {
                    problems.Add($"{key} ({catalog.File}): the English side has Chinese: {value[1]}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(seen.Count > 300, $"only {seen.Count} texts found: the catalogs were not read");
    }

    [Fact]
    public void Pages_EveryKeyTheyUse_IsDefinedInTheCatalogsTheyLoad()
    {
        var problems = new List<string>();
        var namespaces = AllTexts().Keys.Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        foreach (var page in Pages())
        {
            var html = Read(page);
            var scripts = ScriptTag().Matches(html).Select(m => m.Groups[1].Value.TrimStart('/')).ToList();
            if (scripts.Count == 0 || scripts[0] != "assets/i18n.js")
            {
                problems.Add($"{page}: loads {string.Join(", ", scripts)}; the first script must be assets/i18n.js");
                continue;
            }

            var catalogs = scripts.TakeWhile(s => s == "assets/i18n.js" || s.StartsWith("assets/text/", StringComparison.Ordinal)).ToList();
            if (scripts.Skip(catalogs.Count).FirstOrDefault(s => s.StartsWith("assets/text/", StringComparison.Ordinal)) is { } late)
            {
                problems.Add($"{page}: catalog {late} is loaded after a page script; catalogs come right after assets/i18n.js");
            }

            var texts = Texts(catalogs);
            var used = new List<(string Key, string Where)>();
            foreach (Match m in HtmlText().Matches(html))
            {
                used.Add((m.Groups[1].Value, page));
                var initial = Regex.Replace(m.Groups[2].Value, @"\s+", " ").Trim();
                if (initial.Length > 0 && texts.TryGetValue(m.Groups[1].Value, out var text) && initial != text.Zh)
                {
                    problems.Add($"{page}: {m.Groups[1].Value} shows \"{initial}\" before the catalog's \"{text.Zh}\"");
                }
            }

            used.AddRange(HtmlAttr().Matches(html).SelectMany(m => m.Groups[1].Value.Split(';'))
                .Select(part => part.Split(':').Last().Trim()).Where(k => k.Length > 0).Select(k => (k, page)));
            // The product's own scripts (Swagger UI's is served from its package).
            foreach (var script in scripts.Skip(catalogs.Count).Where(s => !s.StartsWith(ApiDocsEndpoints.AssetPath.TrimStart('/') + "/", StringComparison.Ordinal)))
            {
                used.AddRange(KeyLiteral().Matches(Read(script)).Select(m => m.Groups[1].Value)
                    .Where(k => namespaces.Contains(k[..k.IndexOf('.', StringComparison.Ordinal)])).Select(k => (k, script)));
            }

            problems.AddRange(used.Where(u => !texts.ContainsKey(u.Key)).Distinct()
                .Select(u => $"{page}: \"{u.Key}\" (used in {u.Where}) is in none of the catalogs it loads ({string.Join(", ", catalogs)})"));
            if (!html.Contains("""<link rel="icon" type="image/svg+xml" href="/favicon.svg">""", StringComparison.Ordinal))
            {
                problems.Add($"{page}: no <link rel=\"icon\"> to /favicon.svg");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void PageScripts_HoldNoTextOfTheirOwn()
    {
        // Data, not text: the default city of a new agent in a Chinese filing, and the list separators of Chinese input.
        string[] data = ["上海", "、", "，"];
        var problems = new List<string>();
        foreach (var script in PageScripts())
        {
            var lines = Read(script).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : lines[i];
                if (InlineFallback().IsMatch(code))
                {
                    problems.Add($"{script}:{i + 1}: a text given inline beside its key: {code.Trim()}");
                }

                problems.AddRange(Cjk().Matches(code).Where(m => !data.Contains(m.Value)).Select(m => $"{script}:{i + 1}: Chinese outside a catalog: {m.Value}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The enums whose values the pages show, each under enum.TYPE.VALUE (the value as the API sends it).</summary>
    public static TheoryData<string> ShownEnums() =>
        [.. Enums().Keys];

    private static Dictionary<string, IReadOnlyList<string>> Enums() => new()
    {
        ["Role"] = Enum.GetNames<Role>(),
        ["CallDirection"] = Enum.GetNames<CallDirection>(),
        ["CallDisposition"] = Enum.GetNames<CallDisposition>(),
        ["TicketStep"] = Enum.GetNames<TicketStep>(),
        ["ComplaintStatus"] = Enum.GetNames<ComplaintStatus>(),
        ["AlertKind"] = Enum.GetNames<AlertKind>(),
        ["RedLine"] = Enum.GetNames<RedLine>(),
        ["RedLineStatus"] = Enum.GetNames<RedLineStatus>(),
        ["EmploymentType"] = Enum.GetNames<EmploymentType>(),
        ["LicenceTaskKind"] = Enum.GetNames<LicenceTaskKind>(),
        ["TermCategory"] = WireNames<TermCategory>(),
        ["ConditionStatus"] = WireNames<ConditionStatus>(),
        ["DataKeyPurpose"] = Constants(typeof(DataKeyPurpose)),
        ["MaterialType"] = Constants(typeof(MaterialTypes)),
        ["UploadKind"] = Constants(typeof(UploadKinds)),
        ["StepRecord"] = ApplicationsHandler.StepKeys,
    };

    private static string[] WireNames<T>() where T : struct, Enum =>
        typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name).ToArray();

    private static string[] Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    [Theory]
    [MemberData(nameof(ShownEnums))]
    public void Enum_EveryValue_HasATextInBothLanguages(string type)
    {
        var texts = AllTexts();
        var missing = Enums()[type].Select(v => $"enum.{type}.{v}").Where(k => !texts.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"no text for {string.Join(", ", missing)}");
    }
}
