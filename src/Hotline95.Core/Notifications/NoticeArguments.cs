using System.Globalization;
using System.Text.Json;
using Hotline95.Core.Common;

namespace Hotline95.Core.Notifications;

/// <summary>
/// A notice's arguments, stored as JSON beside its kind and read back with their types, so that the edge renders the notice
/// in its reader's language (a date as a date, a nested <see cref="Phrase"/> in the same language as the notice around it).
/// Text, whole numbers, dates, instants, enums (as their catalog entry <c>enum.Type.Value</c>) and phrases can be stored.
/// </summary>
public static class NoticeArguments
{
    public static string Write(IReadOnlyDictionary<string, object?> args)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteObject(json, args);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, object?> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadObject(document.RootElement);
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
            case int or long:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
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
            default:
                throw new ArgumentException($"Notice argument '{name}' is a {value.GetType().Name}: store text, a whole number, a date, an instant, an enum or a Phrase.", nameof(value));
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
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.Object when value.TryGetProperty("date", out var day) =>
            DateOnly.ParseExact(day.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonValueKind.Object when value.TryGetProperty("instant", out var instant) =>
            DateTimeOffset.Parse(instant.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        JsonValueKind.Object when value.TryGetProperty("phrase", out var key) =>
            new Phrase(key.GetString()!, value.TryGetProperty("args", out var inner) ? ReadObject(inner) : Phrase.NoArgs),
        _ => null,
    };
}
