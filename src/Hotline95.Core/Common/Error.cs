using System.Globalization;

namespace Hotline95.Core.Common;

/// <summary>What kind of expected failure an <see cref="Error"/> is; the web layer maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthorized,
    Locked,
    /// <summary>An allowance is used up (exports per day).</summary>
    TooMany,
    /// <summary>Content of a kind the product refuses (a recording that is not audio).</summary>
    UnsupportedMedia,
}

/// <summary>
/// An expected failure (bad input, missing record, locked account), returned rather than thrown. Core says what went
/// wrong as a stable <paramref name="Code"/> and its specifics as named <see cref="Args"/> (a file name, a limit, the
/// value given); the edges (HTTP answers, the CLI) write it for people in their language from one catalog, keyed by
/// the code (src/Hotline95/Text/ServerText.json). <paramref name="Field"/> names the offending input (a JSON property
/// or CLI argument) when there is one.
/// </summary>
public sealed record Error(string Code, ErrorKind Kind = ErrorKind.Validation, string? Field = null)
{
    /// <summary>The specifics the catalog's text for <see cref="Code"/> names as {placeholders}.</summary>
    public IReadOnlyDictionary<string, object?> Args { get; init; } = Phrase.NoArgs;

    /// <summary>A further sentence, written after the code's own text (what else a caller knows about this failure).</summary>
    public Phrase? Addendum { get; init; }

    /// <summary>The code and its specifics, for logs and exceptions (people read the catalog's text instead).</summary>
    public string Message => Addendum is null ? Phrase.Describe(Code, Args) : $"{Phrase.Describe(Code, Args)} {Addendum}";

    public static Error Validation(string field, string code, params ReadOnlySpan<(string Name, object? Value)> args) =>
        new(code, ErrorKind.Validation, field) { Args = Phrase.ArgsOf(args) };

    public static Error NotFound(string code, params ReadOnlySpan<(string Name, object? Value)> args) =>
        new(code, ErrorKind.NotFound) { Args = Phrase.ArgsOf(args) };

    public static Error Conflict(string code, params ReadOnlySpan<(string Name, object? Value)> args) =>
        new(code, ErrorKind.Conflict) { Args = Phrase.ArgsOf(args) };

    public static Error Conflict(string code, string field, params ReadOnlySpan<(string Name, object? Value)> args) =>
        new(code, ErrorKind.Conflict, field) { Args = Phrase.ArgsOf(args) };

    /// <summary>Any other kind (forbidden, locked, too many, unsupported media).</summary>
    public static Error Of(ErrorKind kind, string code, string? field, params ReadOnlySpan<(string Name, object? Value)> args) =>
        new(code, kind, field) { Args = Phrase.ArgsOf(args) };
}

/// <summary>
/// A part of a message that is itself text for people (why a file was refused, what kind of value a field holds):
/// a catalog key and its arguments, rendered in the reader's language like the <see cref="Error"/> that carries it.
/// </summary>
public sealed record Phrase(string Key, IReadOnlyDictionary<string, object?> Args)
{
    public static readonly IReadOnlyDictionary<string, object?> NoArgs = new Dictionary<string, object?>();

    public static Phrase Of(string key, params ReadOnlySpan<(string Name, object? Value)> args) => new(key, ArgsOf(args));

    /// <summary>
    /// Text stored before it was a phrase (both languages in one string, "English / 中文"), shown as it is: a row written by
    /// an earlier version. Nothing the product raises is written this way (tests use it as a stand-in).
    /// </summary>
    public static Phrase Verbatim(string text) => Phrase.Of("text.verbatim", ("text", text));

    /// <summary>Whether it is <see cref="Verbatim"/> text (both languages already).</summary>
    public bool IsVerbatim => Key == Verbatim("").Key;

    public override string ToString() => Describe(Key, Args);

    /// <summary>The same phrase with every text argument, nested ones too, at most <paramref name="length"/> characters (text a user typed).</summary>
    public Phrase ClipText(int length) => new(Key, ClipText(Args, length));

    internal static IReadOnlyDictionary<string, object?> ClipText(IReadOnlyDictionary<string, object?> args, int length) =>
        args.ToDictionary(a => a.Key, a => Clip(a.Value, length), StringComparer.Ordinal);

    private static object? Clip(object? value, int length) => value switch
    {
        string text => Text.Clip(text, length),
        Phrase phrase => phrase.ClipText(length),
        Bilingual both => new Bilingual(Text.Clip(both.Zh, length), Text.Clip(both.En, length)),
        System.Collections.IEnumerable list and not string => list.Cast<object?>().Select(v => Clip(v, length)).ToList(),
        _ => value,
    };

    internal static IReadOnlyDictionary<string, object?> ArgsOf(ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (args.IsEmpty)
        {
            return NoArgs;
        }

        var map = new Dictionary<string, object?>(args.Length, StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            map[name] = value;
        }

        return map;
    }

    /// <summary>"CODE (name: value, …)": the untranslated form, for logs.</summary>
    internal static string Describe(string key, IReadOnlyDictionary<string, object?> args) => args.Count == 0
        ? key
        : $"{key} ({string.Join(", ", args.Select(a => $"{a.Key}: {Invariant(a.Value)}"))})";

    private static string Invariant(object? value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        Phrase p => $"{{{p}}}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>().Select(Invariant)),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// A phrase's argument that data already holds in both languages (a holiday's name from the State Council notice): the edge
/// writes the side of its reader's language.
/// </summary>
public sealed record Bilingual(string Zh, string En)
{
    public override string ToString() => $"{Zh} / {En}";
}
