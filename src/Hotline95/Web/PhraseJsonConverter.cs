using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline95.Core.Common;
using Hotline95.Text;

namespace Hotline95.Web;

/// <summary>
/// Writes every <see cref="Phrase"/> in an API answer as text in the request's language (Accept-Language, as errors are):
/// Core's views carry phrases (an alert's evidence, a complaint's escalation reason) and never their text.
/// </summary>
public sealed class PhraseJsonConverter(IHttpContextAccessor http) : JsonConverter<Phrase>
{
    public override Phrase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A phrase is written for people; it is not read from a request.");

    public override void Write(Utf8JsonWriter writer, Phrase value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ServerText.Render(value, English(http.HttpContext)));

    private static readonly object EnglishKey = new();

    /// <summary>The request's language, read from its headers once (a page of alerts has hundreds of phrases).</summary>
    private static bool English(HttpContext? context)
    {
        if (context is null)
        {
            return false;
        }

        if (context.Items.TryGetValue(EnglishKey, out var known) && known is bool english)
        {
            return english;
        }

        english = context.PrefersEnglish();
        context.Items[EnglishKey] = english;
        return english;
    }
}
