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
        return app;
    }

    public static async Task<Results<Ok<CtiAnswer>, ProblemHttpResult>> PostAsync(
        string token, HttpRequest request, AuthenticateApiKeyHandler keys, CtiEventQueue queue, CancellationToken ct)
    {
        var key = await keys.HandleAsync(token, ct);
        if (key is null || !RolePermissions.Has(key.Role, Permission.PostCtiEvents))
        {
            return new Error("CTI_TOKEN_INVALID", "Unknown CTI token: create one with 'hotline95 apikey create --name pbx'.", ErrorKind.Unauthorized).ToProblem();
        }

        CtiEvent? e;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            string? F(string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;
            e = new CtiEvent(F("event"), F("callId"), F("from"), F("to"), F("direction"), F("user"), F("queue"), F("answeringNumber"), F("cause"));
        }
        else
        {
            try
            {
                e = await JsonSerializer.DeserializeAsync<CtiEvent>(request.Body, Json, ct);
            }
            catch (JsonException ex)
            {
                return Error.Validation("body", "CTI_BODY_INVALID", $"The body is neither form fields nor a JSON object: {ex.Message}").ToProblem();
            }
        }

        if (e is null)
        {
            return Error.Validation("body", "CTI_BODY_INVALID", "Empty body: send the event as form fields or JSON.").ToProblem();
        }

        var result = await queue.SubmitAsync(key.EnterpriseId, e);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }
}
