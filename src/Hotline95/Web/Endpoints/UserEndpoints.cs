using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class UserEndpoints
{
    public sealed record AddUserBody(string UserName, string? DisplayName, string Role);

    public sealed record SetRoleBody(string Role);

    public sealed record CreateApiKeyBody(string Name, string? Role);

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequirePermission(Permission.ManageUsers);
        users.MapGet("/", ListAsync)
            .Documented("List the users", "The enterprise's users with their roles and whether they are disabled or locked.");
        users.MapPost("/", AddAsync)
            .Documented("Add a user", "Adds a user with a role and answers a generated password, shown once. A role that sees personal data can be granted only by a caller who holds one (403 otherwise).", 403, 409);
        users.MapPut("/{userName}/role", SetRoleAsync)
            .Documented("Change a user's role", "Changes a user's role and ends their sessions; the same rule as adding applies to roles that see personal data. Audited.", 403, 404);
        users.MapPost("/{userName}/disable", (string userName, SetUserEnabledHandler handler, HttpContext http, CancellationToken ct) => SetEnabledAsync(userName, false, handler, http, ct))
            .Documented("Disable a user", "Turns an account off; its sessions end at once. Audited.", 404, 409);
        users.MapPost("/{userName}/enable", (string userName, SetUserEnabledHandler handler, HttpContext http, CancellationToken ct) => SetEnabledAsync(userName, true, handler, http, ct))
            .Documented("Enable a user", "Turns an account on again. Audited.", 404);

        var keys = app.MapGroup("/api/apikeys").WithTags("Users").RequirePermission(Permission.ManageApiKeys);
        keys.MapPost("/", CreateApiKeyAsync)
            .Documented("Create an API key", "Creates an API key for a system (its role, Integration by default) and answers the key, shown once; stored hashed.", 403);
        keys.MapGet("/", async (ApiKeysHandler handler, HttpContext http, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(http.User.EnterpriseId(), ct)))
            .Documented("API keys", "The enterprise's API keys: name, role, created, last used and a short hint, never the key.");
        keys.MapPost("/{id:guid}/revoke", RevokeApiKeyAsync)
            .Documented("Revoke an API key", "Revokes a key: its next request is refused. Audited.", 404);
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
            ? Core.Common.Error.Of(Core.Common.ErrorKind.Forbidden, "ROLE_GRANT_FORBIDDEN", "role", ("role", target.Value), ("caller", caller.Value)).ToProblem()
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
