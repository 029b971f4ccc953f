using Hotline95.Web.Auth;
using System.Text.Json;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

/// <summary>
/// Zammad's generic CTI webhook, so existing PBX scripts work unchanged. The URL's token is an API key
/// allowed to post CTI events (role Integration); the endpoint is therefore open to anonymous HTTP but
/// answers 401 without a valid token.
/// </summary>
public static class CtiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapCtiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/cti/{token}", PostAsync).AllowAnonymous().WithTags("CTI").DisableAntiforgery();
        app.MapGet("/api/cti/lookup", LookupAsync).WithTags("CTI").RequirePermission(Permission.ViewCalls);
        app.MapGet("/api/cti/log", LogAsync).WithTags("CTI").RequirePermission(Permission.ViewCalls);
        return app;
    }

    /// <summary>GET /api/cti/lookup?number=…: the caller as an agent may see them (masked), through the blind index.</summary>
    public static async Task<Results<Ok<CallerLookup>, ProblemHttpResult>> LookupAsync(string? number, CallerLookupHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(http.User.EnterpriseId(), number, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>GET /api/cti/log?line=&amp;limit=60: the newest calls with their live state (ringing, answered, ended), masked, like Zammad's caller log.</summary>
    public static async Task<Results<Ok<IReadOnlyList<CallerLogEntry>>, ProblemHttpResult>> LogAsync(CallerLogHandler handler, HttpContext http, CancellationToken ct,
        string? line = null, int? limit = null)
    {
        var result = await handler.HandleAsync(http.User.EnterpriseId(), line, limit, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>Zammad's answer to a wrong token, word for word (PBX scripts written for Zammad look for it).</summary>
    public const string InvalidTokenMessage = "Invalid token, please contact your admin!";

    public static async Task<IResult> PostAsync(
        string token, HttpRequest request, AuthenticateApiKeyHandler keys, CtiEventQueue queue, CancellationToken ct)
    {
        var key = await keys.HandleAsync(token, ct);
        if (key is null || !RolePermissions.Has(key.Role, Permission.PostCtiEvents))
        {
            return Results.Json(new
            {
                error = InvalidTokenMessage,
                code = "CTI_TOKEN_INVALID",
                detail = "Unknown CTI token: create one with 'hotline95 apikey create --name pbx'. / CTI 令牌无效。",
            }, statusCode: StatusCodes.Status401Unauthorized);
        }

        var parsed = await ReadEventAsync(request, ct);
        if (!parsed.IsSuccess)
        {
            return parsed.Error.ToProblem();
        }

        var result = await queue.SubmitAsync(key.EnterpriseId, parsed.Value);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    /// <summary>
    /// An event as Zammad reads it: form fields or a JSON object; the call id as <c>callId</c> or <c>call_id</c>
    /// (<c>callId</c> wins); <c>user</c> as one string, repeated <c>user[]</c> fields or a JSON array (kept, joined by ", ").
    /// </summary>
    public static async Task<Result<CtiEvent>> ReadEventAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            string? F(string name) => form.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
            var users = (form.TryGetValue("user[]", out var many) ? many : form.TryGetValue("user", out var one) ? one : default)
                .Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
            return new CtiEvent(F("event"), F("callId") ?? F("call_id"), F("from"), F("to"), F("direction"),
                users.Count == 0 ? null : string.Join(", ", users), F("queue"), F("answeringNumber"), F("cause"));
        }

        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, Json, ct);
        }
        catch (JsonException ex)
        {
            return Error.Validation("body", "CTI_BODY_INVALID", $"The body is neither form fields nor a JSON object: {ex.Message}");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Error.Validation("body", "CTI_BODY_INVALID", "Send the event as form fields or a JSON object.");
        }

        string? J(string name) => body.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) is { Length: > 0 } text ? text : null
            : null;
        string? user = null;
        if (body.TryGetProperty("user", out var u))
        {
            user = u.ValueKind == JsonValueKind.Array
                ? string.Join(", ", u.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).Where(x => !string.IsNullOrWhiteSpace(x)))
                : J("user");
            user = string.IsNullOrEmpty(user) ? null : user;
        }

        return new CtiEvent(J("event"), J("callId") ?? J("call_id"), J("from"), J("to"), J("direction"), user, J("queue"), J("answeringNumber"), J("cause"));
    }
}
