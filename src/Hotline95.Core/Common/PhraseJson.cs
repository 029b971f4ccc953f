using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Hotline95.Core.Common;

/// <summary>
/// A <see cref="Phrase"/> (or only its arguments) stored as JSON and read back with its arguments' types, so that the edge
/// writes it in its reader's language long after it was made: a notice, an alert's evidence, a complaint's escalation
/// reason. A date stays a date, a nested phrase is written in the same language as the text around it.
/// Text, numbers, dates, instants, enums (as their catalog entry <c>enum.Type.Value</c>), text in both languages
/// (<see cref="Bilingual"/>), phrases and lists of these can be stored.
/// </summary>
public static class PhraseJson
{
    public static string Write(Phrase phrase) => Json(json => WritePhrase(json, phrase));

    public static Phrase ReadPhrase(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (Phrase)ReadValue(document.RootElement)!;
    }

    /// <summary>
    /// What a row keeps of a phrase: its JSON, and beside it the phrase untranslated, at most <paramref name="untranslatedLength"/>
    /// characters ("evidence.revealBurst (actor: …)"), for the text column a node of the version before reads during a rolling upgrade.
    /// </summary>
    public static (string Untranslated, string Json) Store(Phrase phrase, int untranslatedLength)
    {
        var json = Write(phrase);
        // From the phrase as it reads back (an enum is a phrase then), so that ReadOrVerbatim finds the two agree.
        return (Text.Clip(ReadPhrase(json).ToString(), untranslatedLength), json);
    }

    /// <summary>
    /// A row's phrase as <see cref="Store"/> kept it. Its stored text shown as it is, with <c>Bilingual</c> true, when the
    /// row has no phrase (written before its text was one: both languages in one string, for a page to pick its side) or
    /// when the text is no longer the phrase's (a node of the version before rewrote the text during a rolling upgrade).
    /// </summary>
    public static (Phrase Phrase, bool Bilingual) ReadOrVerbatim(string? json, string text, int untranslatedLength)
    {
        if (json is not null && ReadPhrase(json) is var phrase && Text.Clip(phrase.ToString(), untranslatedLength) == text)
        {
            return (phrase, false);
        }

        return (Phrase.Verbatim(text), true);
    }

    /// <summary>Arguments alone, where the key is known from elsewhere (a notice's kind).</summary>
    public static string WriteArgs(IReadOnlyDictionary<string, object?> args) => Json(json => WriteObject(json, args));

    public static IReadOnlyDictionary<string, object?> ReadArgs(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadObject(document.RootElement);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // Chinese kept as it is (not \uXXXX): the column is read by people too, and it is not HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteObject(Utf8JsonWriter json, IReadOnlyDictionary<string, object?> args)
    {
        json.WriteStartObject();
        foreach (var (name, value) in args)
        {
            json.WritePropertyName(name);
            WriteValue(json, name, value);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    json.WriteNullValue();
                }
                else if (number == Math.Round(number) && Math.Abs(number) < 1e15)
                {
                    json.WriteNumberValue((long)number);
                }
                else
                {
                    // Tagged: the version before reads every plain number as a whole one and would fail on 41.5; it shows
                    // a tagged value it does not know as nothing, during a rolling upgrade.
                    json.WriteStartObject();
                    json.WriteNumber("fraction", number);
                    json.WriteEndObject();
                }

                break;
            case DateOnly day:
                Tagged(json, "date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset instant:
                Tagged(json, "instant", instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case Enum member:
                WritePhrase(json, new Phrase($"enum.{member.GetType().Name}.{member}", Phrase.NoArgs));
                break;
            case Phrase phrase:
                WritePhrase(json, phrase);
                break;
            case Bilingual both:
                json.WriteStartObject();
                json.WriteString("zh", both.Zh);
                json.WriteString("en", both.En);
                json.WriteEndObject();
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, name, item);
                }

                json.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"Argument '{name}' is a {value.GetType().Name}: store text, a number, a date, an instant, an enum, Bilingual text, a Phrase or a list of these.", nameof(value));
        }
    }

    private static void Tagged(Utf8JsonWriter json, string tag, string value)
    {
        json.WriteStartObject();
        json.WriteString(tag, value);
        json.WriteEndObject();
    }

    private static void WritePhrase(Utf8JsonWriter json, Phrase phrase)
    {
        json.WriteStartObject();
        json.WriteString("phrase", phrase.Key);
        json.WritePropertyName("args");
        WriteObject(json, phrase.Args);
        json.WriteEndObject();
    }

    private static Dictionary<string, object?> ReadObject(JsonElement element)
    {
        var args = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            args[property.Name] = ReadValue(property.Value);
        }

        return args;
    }

    private static object? ReadValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(ReadValue).ToList(),
        JsonValueKind.Object when value.TryGetProperty("fraction", out var fraction) => fraction.GetDouble(),
        JsonValueKind.Object when value.TryGetProperty("date", out var day) =>
            DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonValueKind.Object when value.TryGetProperty("instant", out var instant) =>
            DateTimeOffset.Parse(instant.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        JsonValueKind.Object when value.TryGetProperty("zh", out var zh) && value.TryGetProperty("en", out var en) => new Bilingual(zh.GetString()!, en.GetString()!),
        JsonValueKind.Object when value.TryGetProperty("phrase", out var key) =>
            new Phrase(key.GetString()!, value.TryGetProperty("args", out var inner) ? ReadObject(inner) : Phrase.NoArgs),
        _ => null,
    };
}
