using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline95.Core.Common;
using Json.Schema;

namespace Hotline95.Core.Licensing.Dossiers;

/// <summary>
/// Reads and writes dossiers in the exchange format. Input is validated against docs/dossier.schema.json
/// (embedded) before it is bound, so every refusal names the JSON path of the offending value.
/// </summary>
public static class DossierJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON Schema that documents and validates the format.</summary>
    public static string SchemaText => SchemaSource.Value;

    private static readonly Lazy<string> SchemaSource = new(() => EmbeddedResources.ReadText("Hotline95.Licensing.dossier.schema.json"));

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(SchemaSource.Value));

    public static Result<Dossier> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return Error.Validation("$", "DOSSIER_INVALID_JSON", ("path", "$"), ("line", ex.LineNumber + 1), ("byte", ex.BytePositionInLine + 1), ("cause", FirstSentence(ex.Message)));
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static Result<Dossier> Parse(JsonElement root)
    {
        var results = Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!results.IsValid)
        {
            var failure = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .OrderByDescending(d => d.InstanceLocation.ToString().Length)
                .FirstOrDefault();
            var path = failure is null ? "$" : ToJsonPath(failure.InstanceLocation.ToString());
            var reason = failure?.Errors?.Values.FirstOrDefault() ?? "does not match the dossier schema";
            return Error.Validation(path, "DOSSIER_SCHEMA", ("path", path), ("reason", reason));
        }

        try
        {
            return root.Deserialize<Dossier>(Options) ?? new Dossier();
        }
        catch (JsonException ex)
        {
            // The schema admits a few values the model cannot hold (a number beyond decimal's range).
            return Error.Validation(ex.Path ?? "$", "DOSSIER_SCHEMA", ("path", ex.Path ?? "$"), ("reason", FirstSentence(ex.Message)));
        }
    }

    public static string Write(Dossier dossier) => JsonSerializer.Serialize(dossier, Options);

    /// <summary>"/agents/2/fullTime" → "$.agents[2].fullTime".</summary>
    public static string ToJsonPath(string pointer)
    {
        var builder = new StringBuilder("$");
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            if (token.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(token).Append(']');
            }
            else
            {
                builder.Append('.').Append(token);
            }
        }

        return builder.ToString();
    }

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');
}
