using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline95.Core.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Text;

/// <summary>
/// The server's messages for people, in Chinese and English: one catalog (ServerText.json, embedded), keyed by error
/// code (and by a few phrase keys an error may carry), in the UI catalogs' format <c>{"KEY": ["中文 {name}", "English {name}"]}</c>.
/// The HTTP answers render it in the request's language; the CLI prints both.
/// </summary>
public static partial class ServerText
{
    private static readonly Lazy<IReadOnlyDictionary<string, (string Zh, string En)>> Catalog = new(Load);

    /// <summary>Every key with its two templates.</summary>
    public static IReadOnlyDictionary<string, (string Zh, string En)> Entries => Catalog.Value;

    /// <summary>The error's text in one language; an error without an entry shows its code and specifics (a test keeps that from shipping).</summary>
    public static string Render(Error error, bool english) => error.Addendum is null
        ? Render(error.Code, error.Args, english)
        : $"{Render(error.Code, error.Args, english)}{(english ? " " : "")}{Render(error.Addendum, english)}";

    public static string Render(Phrase phrase, bool english) => Render(phrase.Key, phrase.Args, english);

    /// <summary>A plain catalog text (a title), or null when the key has none.</summary>
    public static string? Find(string key, bool english) =>
        Catalog.Value.TryGetValue(key, out var entry) ? english ? entry.En : entry.Zh : null;

    /// <summary>Chinese, then English, as the CLI prints.</summary>
    public static string Both(Error error) => $"{Render(error, false)} / {Render(error, true)}";

    /// <summary>Chinese, then English, as the CLI prints; text stored in both languages already (<see cref="Phrase.Verbatim"/>) once, as it is.</summary>
    public static string Both(Phrase phrase) => phrase.IsVerbatim ? Render(phrase, false) : $"{Render(phrase, false)} / {Render(phrase, true)}";

    /// <summary>
    /// Registers the catalog as Core's <see cref="IPhraseWriter"/> (for text Core sends out itself); before
    /// AddHotline95Core, whose fallback writes untranslated codes.
    /// </summary>
    public static IServiceCollection AddServerText(this IServiceCollection services) => services.AddSingleton<IPhraseWriter, Writer>();

    private sealed class Writer : IPhraseWriter
    {
        public string Both(Phrase phrase) => ServerText.Both(phrase);
    }

    /// <summary>The {placeholders} a template names.</summary>
    public static IReadOnlySet<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    private static string Render(string key, IReadOnlyDictionary<string, object?> args, bool english)
    {
        if (!Catalog.Value.TryGetValue(key, out var entry))
        {
            return new Phrase(key, args).ToString();
        }

        return Placeholder().Replace(english ? entry.En : entry.Zh, m =>
            args.TryGetValue(m.Groups["name"].Value, out var value)
                ? Format(value, m.Groups["format"].Success ? m.Groups["format"].Value : null, english)
                : m.Value);
    }

    private static string Format(object? value, string? format, bool english) => value switch
    {
        null => "",
        string s => s,
        Phrase p => Render(p, english),
        Bilingual b => english ? b.En : b.Zh,
        Error e => Render(e, english),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        Enum e => Find($"enum.{e.GetType().Name}.{e}", english) ?? e.ToString(),
        IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(english ? ", " : "、", list.Cast<object?>().Select(v => Format(v, format, english))),
        _ => value.ToString() ?? "",
    };

    private static IReadOnlyDictionary<string, (string Zh, string En)> Load()
    {
        using var stream = typeof(ServerText).Assembly.GetManifestResourceStream("Hotline95.Text.ServerText.json")
            ?? throw new InvalidOperationException("ServerText.json is not embedded.");
        var raw = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidOperationException("ServerText.json is empty.");
        return raw.ToDictionary(
            p => p.Key,
            p => p.Value is [var zh, var en] ? (zh, en) : throw new InvalidOperationException($"ServerText.json: {p.Key} needs [中文, English]."),
            StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)(:(?<format>[^}]+))?\}")]
    private static partial Regex Placeholder();
}
