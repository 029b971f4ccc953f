using Hotline95.Text;
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
        app.MapPost("/api/v1/cti/{token}", PostAsync).AllowAnonymous().WithTags("CTI").DisableAntiforgery()
            .Accepts<CtiEventBody>("application/x-www-form-urlencoded", "application/json")
            .Produces<Core.Calls.CtiAnswer>()
            .Documented("CTI event from the PBX (Zammad protocol)", "Receives a newCall, answer or hangup event exactly as Zammad's generic CTI sends it (form fields or a JSON object); the token in the URL is an API key with the PostCtiEvents permission. Answers whether to reject a blocked caller and, for outbound calls, the caller id to use.", 401);
        app.MapGet("/api/cti/lookup", LookupAsync).WithTags("CTI").RequirePermission(Permission.ViewCalls)
            .Documented("Caller lookup", "What the enterprise knows about a number: calls inside retention, the last one, open tickets and complaints, and whether it is blocked.");
        app.MapGet("/api/cti/log", LogAsync).WithTags("CTI").RequirePermission(Permission.ViewCalls)
            .Documented("Caller log", "The latest calls of the enterprise as the CTI panel shows them, numbers masked.");
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

    /// <summary>The event's fields as Zammad's generic CTI sends them (form fields or a JSON object), for the API document.</summary>
    /// <param name="Event">newCall, answer or hangup.</param>
    /// <param name="CallId">The PBX's call id (<c>call_id</c> is read too).</param>
    /// <param name="Direction">in or out (newCall).</param>
    /// <param name="User">The agent(s) named by the PBX: one string, repeated user[] fields or a JSON array.</param>
    /// <param name="Cause">The hangup cause (normalClearing, busy, cancel, noAnswer…).</param>
    public sealed record CtiEventBody(string Event, string CallId, string? From, string? To, string? Direction, string? User, string? Queue, string? AnsweringNumber, string? Cause);

    /// <summary>Zammad's answer to a wrong token, word for word (PBX scripts written for Zammad look for it).</summary>
    public const string InvalidTokenMessage = "Invalid token, please contact your admin!";

    /// <summary>
    /// The key is answered from this node's memory when it authenticated here before (<see cref="RememberedApiKeys"/>); the
    /// CTI writer then confirms it in the event's own batch, so a key revoked on any node is refused on its next event, and
    /// records its use there when it is due.
    /// </summary>
    public static async Task<IResult> PostAsync(
        string token, HttpRequest request, HttpContext http, AuthenticateApiKeyHandler keys, RememberedApiKeys remembered, CtiEventQueue queue, CancellationToken ct)
    {
        var authenticated = await keys.HandleRememberedAsync(token, ct);
        if (authenticated?.Key is not { } key || !RolePermissions.Has(key.Role, Permission.PostCtiEvents))
        {
            return InvalidToken(http);
        }

        var parsed = await ReadEventAsync(request, ct);
        if (!parsed.IsSuccess)
        {
            return parsed.Error.ToProblem();
        }

        var result = await queue.SubmitAsync(new CtiSubmission(key.EnterpriseId, parsed.Value, key.KeyId, authenticated.UseDue));
        if (!result.IsSuccess && result.Error.Code == ProcessCtiEventHandler.TokenInvalidCode)
        {
            remembered.Forget(key.KeyId); // revoked since this node remembered it: looked up afresh next time
            return InvalidToken(http);
        }

        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    private static IResult InvalidToken(HttpContext http) => Results.Json(new
    {
        error = InvalidTokenMessage,
        code = ProcessCtiEventHandler.TokenInvalidCode,
        detail = ServerText.Render(Error.Of(ErrorKind.Unauthorized, ProcessCtiEventHandler.TokenInvalidCode, null), http.PrefersEnglish()),
    }, statusCode: StatusCodes.Status401Unauthorized);

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
            return Error.Validation("body", "CTI_BODY_INVALID", ("reason", Phrase.Of("cti.unreadable", ("cause", ex.Message))));
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Error.Validation("body", "CTI_BODY_INVALID", ("reason", Phrase.Of("cti.notAnObject")));
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
