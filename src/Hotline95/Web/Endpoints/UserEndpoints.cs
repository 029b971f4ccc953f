using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class UserEndpoints
{
    public sealed record AddUserBody(string UserName, string? DisplayName, string Role);

    public sealed record SetRoleBody(string Role);

    /// <summary>The user's identity on the PBX; null (or blank) clears a value.</summary>
    public sealed record TelephonyBody(string? PbxName, string? Extension);

    public sealed record CreateApiKeyBody(string Name, string? Role);

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequirePermission(Permission.ManageUsers);
        users.MapGet("/", ListAsync);
        users.MapPost("/", AddAsync);
        users.MapPut("/{userName}/role", SetRoleAsync);
        users.MapPut("/{userName}/telephony", SetTelephonyAsync)
            .WithSummary("Set the user's PBX user name and extension (null clears one; audited).")
            .WithDescription(
                "The desk shows a ringing call to the users whose PBX user name or extension the CTI event names in user or " +
                "answeringNumber. Both values are replaced; each is unique in the enterprise (409 TELEPHONY_PBX_NAME_TAKEN or " +
                "TELEPHONY_EXTENSION_TAKEN); an extension is 1–16 digits, a PBX name at most 64 characters without a comma (422).")
            .Accepts<TelephonyBody>("application/json")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        users.MapPost("/{userName}/disable", (string userName, SetUserEnabledHandler handler, HttpContext http, CancellationToken ct) => SetEnabledAsync(userName, false, handler, http, ct));
        users.MapPost("/{userName}/enable", (string userName, SetUserEnabledHandler handler, HttpContext http, CancellationToken ct) => SetEnabledAsync(userName, true, handler, http, ct));

        var keys = app.MapGroup("/api/apikeys").WithTags("Users").RequirePermission(Permission.ManageApiKeys);
        keys.MapPost("/", CreateApiKeyAsync);
        keys.MapGet("/", async (ApiKeysHandler handler, HttpContext http, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(http.User.EnterpriseId(), ct)));
        keys.MapPost("/{id:guid}/revoke", RevokeApiKeyAsync);
        return app;
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetEnabledAsync(string userName, bool enabled, SetUserEnabledHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SetUserEnabledRequest(http.User.EnterpriseId(), userName, enabled, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> RevokeApiKeyAsync(Guid id, ApiKeysHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.RevokeAsync(http.User.EnterpriseId(), id.ToString(), http.User.Actor(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value.Single()) : result.Error.ToProblem();
    }

    public static async Task<Ok<IReadOnlyList<UserView>>> ListAsync(ListUsersHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(http.User.EnterpriseId(), ct));

    /// <summary>
    /// Over the web a caller cannot hand out the power to see customers' data in clear unless it has it itself:
    /// otherwise an Admin (who may not reveal) could create a Supervisor account or key and reveal through it.
    /// The operator's CLI, which already holds the data directory, may.
    /// </summary>
    private static ProblemHttpResult? RefuseEscalation(HttpContext http, string? role)
    {
        var target = RoleNames.Parse(role, "role");
        var caller = http.User.Role();
        if (!target.IsSuccess || caller is null || RolePermissions.Has(caller.Value, Permission.RevealPersonalData))
        {
            return null;
        }

        return RolePermissions.Has(target.Value, Permission.RevealPersonalData)
            ? new Core.Common.Error("ROLE_GRANT_FORBIDDEN",
                $"Role {target.Value} may see personal data in clear; a {caller} cannot grant it over the web. Use 'hotline95 users add' or 'apikey create' on the server. / 无权授予可查看明文的角色。",
                Core.Common.ErrorKind.Forbidden, "role").ToProblem()
            : null;
    }

    public static async Task<Results<Created<AddedUser>, ProblemHttpResult>> AddAsync(AddUserBody body, AddUserHandler handler, HttpContext http, CancellationToken ct)
    {
        if (RefuseEscalation(http, body.Role) is { } refused)
        {
            return refused;
        }

        var result = await handler.HandleAsync(new AddUserRequest(http.User.EnterpriseId(), body.UserName, body.DisplayName, body.Role, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/users/{result.Value.User.UserName}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetRoleAsync(string userName, SetRoleBody body, SetUserRoleHandler handler, HttpContext http, CancellationToken ct)
    {
        if (RefuseEscalation(http, body.Role) is { } refused)
        {
            return refused;
        }

        var result = await handler.HandleAsync(new SetUserRoleRequest(http.User.EnterpriseId(), userName, body.Role, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetTelephonyAsync(string userName, TelephonyBody body, SetUserTelephonyHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SetUserTelephonyRequest(http.User.EnterpriseId(), userName, body.PbxName, body.Extension, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateApiKeyAsync(CreateApiKeyBody body, CreateApiKeyHandler handler, HttpContext http, CancellationToken ct)
    {
        if (RefuseEscalation(http, body.Role) is { } refused)
        {
            return refused;
        }

        var result = await handler.HandleAsync(new CreateApiKeyRequest(http.User.EnterpriseId(), body.Name, body.Role, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/apikeys/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }
}
