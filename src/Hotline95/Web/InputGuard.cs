using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline95.Core.Common;

namespace Hotline95.Web;

/// <summary>
/// The one boundary check for all text that comes in over HTTP (JSON bodies, forms, query strings), before any endpoint
/// sees it: no NUL character anywhere (PostgreSQL cannot store one), and each free-text field within its documented
/// maximum. A violation is a 422 naming the field; nothing is written. The limits are a table of small rules, by field.
/// </summary>
public static partial class InputGuard
{
    /// <summary>Field name (any JSON depth or form key, case-insensitive) → the most characters it may hold.</summary>
    public static readonly IReadOnlyList<(Regex Field, int Max, bool Digits)> Limits =
    [
        (FieldRegex("callId|call_id|queue|uniqueid|linkedid"), 128, false),
        (FieldRegex("from|to|number|phone|callerPhone|customerNumber|answeringNumber|caller|destination|callerId|caller_id"), 32, true),
        (FieldRegex("summary|note|notes|resolution|reason|responseNote"), 4000, false),
        (FieldRegex("name|displayName|callerName|customerName|category|user|agent|cause|direction|event|line|role"), 200, false),
    ];

    /// <summary>Any other string field (a dossier's long descriptions, say): a generous bound against abuse.</summary>
    public const int DefaultMax = 100_000;

    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        Error? problem;
        try
        {
            problem = CheckQuery(context.Request.Query) ?? await CheckBodyAsync(context.Request);
        }
        catch (BadHttpRequestException ex)
        {
            // A body over the server's limit (the login's 8 KB): its status (413), not a server error.
            context.Response.StatusCode = ex.StatusCode;
            return;
        }

        if (problem is not null)
        {
            await problem.WriteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The first violation in <paramref name="field"/>'s value, or null.</summary>
    public static Error? Check(string field, string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return Error.Validation(field, "TEXT_NUL", ("field", field));
        }

        var name = (field.Split('.', '[').LastOrDefault(s => s.Length > 0 && !char.IsAsciiDigit(s[0])) ?? "").TrimEnd(']');
        foreach (var (pattern, max, digits) in Limits)
        {
            if (!pattern.IsMatch(name))
            {
                continue;
            }

            // A number is measured in digits (a PBX may send "+86 138-0013-8000" or a SIP address), other text in characters.
            var size = digits ? value.Split('@')[0].Count(char.IsAsciiDigit) : value.Length; // a SIP URI's host is not its number
            var hardLimit = digits ? 256 : max;
            return size > max ? Core.Common.Text.TooLong(field, size, max, digits)
                : value.Length > hardLimit ? Core.Common.Text.TooLong(field, value.Length, hardLimit)
                : null;
        }

        return value.Length > DefaultMax ? Core.Common.Text.TooLong(field, value.Length, DefaultMax) : null;
    }

    private static Error? CheckQuery(IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                if (value is not null && Check(key, value) is { } bad)
                {
                    return bad;
                }
            }
        }

        return null;
    }

    private static async Task<Error?> CheckBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || request.ContentType is null)
        {
            return null;
        }

        if (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return null; // uploads: their content is checked by what receives them (the recording sniffer)
        }

        if (!request.HasFormContentType)
        {
            // Any other body is read as JSON if it is JSON, whatever it declares: endpoints such as the CTI webhook read it so.
            request.EnableBuffering();
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                return Walk(document.RootElement, "");
            }
            catch (JsonException) when (request.HasJsonContentType() && DeclaresAnotherCharset(request.ContentType!))
            {
                // Not readable as UTF-8 here, but the endpoint would transcode it: refused, so nothing passes unchecked.
                return Error.Validation("body", "BODY_NOT_UTF8");
            }
            catch (JsonException)
            {
                return null; // not JSON: the endpoint decides what it accepts
            }
            finally
            {
                request.Body.Position = 0;
            }
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, values) in form)
            {
                foreach (var value in values)
                {
                    if (value is not null && Check(key, value) is { } bad)
                    {
                        return bad;
                    }
                }
            }
        }

        return null;
    }

    private static bool DeclaresAnotherCharset(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    private static Error? Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Check(path.Length == 0 ? "body" : path, element.GetString()!);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        return Error.Validation(path.Length == 0 ? "body" : path, "TEXT_NUL", ("field", path.Length == 0 ? "body" : path));
                    }

                    if (Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } bad)
                    {
                        return bad;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, $"{path}[{i++}]") is { } bad)
                    {
                        return bad;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static Regex FieldRegex(string names) => new($"^({names})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
