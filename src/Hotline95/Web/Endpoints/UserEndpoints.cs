using Hotline95.Core.Common;
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

    /// <summary>A role as the administration pages offer it: whether it sees personal data, and whether the caller may grant it over the web.</summary>
    public sealed record RoleView(Role Role, bool SeesPersonalData, bool ForPeople, bool Grantable);

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequirePermission(Permission.ManageUsers);
        users.MapGet("/", ListAsync)
            .Documented("List the users", "The enterprise's users with their roles, telephony identity and whether they are disabled or locked, a page at a time: answers { items, total, page, pageSize }; page (from 1) and pageSize (1-500, default 50).", 422);
        users.MapPost("/", AddAsync)
            .Documented("Add a user", "Adds a user with a role and answers a generated password, shown once. A role that sees personal data can be granted only by a caller who holds one (403 otherwise).", 403, 409);
        users.MapPut("/{userName}/role", SetRoleAsync)
            .Documented("Change a user's role", "Changes a user's role and ends their sessions; the same rule as adding applies to roles that see personal data. Audited.", 403, 404);
        users.MapPut("/{userName}/telephony", SetTelephonyAsync)
            .Documented("Set a user's PBX user name and extension",
                "The desk shows a ringing call to the users whose PBX user name or extension the CTI event names in user or answeringNumber. " +
                "Both values are replaced (null or blank clears one); each is unique in the enterprise (409 TELEPHONY_PBX_NAME_TAKEN or " +
                "TELEPHONY_EXTENSION_TAKEN); an extension is 1-16 digits, a PBX user name at most 64 characters without a comma (422). Audited.", 404, 409)
            .Accepts<TelephonyBody>("application/json")
            .Produces<UserView>();
        users.MapPost("/{userName}/disable", (string userName, SetUserEnabledHandler handler, HttpContext http, CancellationToken ct) => SetEnabledAsync(userName, false, handler, http, ct))
            .Documented("Disable a user", "Turns an account off; its sessions end at once. Audited.", 404, 409);
        users.MapPost("/{userName}/enable", (string userName, SetUserEnabledHandler handler, HttpContext http, CancellationToken ct) => SetEnabledAsync(userName, true, handler, http, ct))
            .Documented("Enable a user", "Turns an account on again. Audited.", 404);
        users.MapPost("/{userName}/reset-password", ResetPasswordAsync)
            .Documented("Give a user a new generated password", "Answers a new generated password, shown once. The old password stops working, every session of the user ends and a lockout is lifted (audited). Refused (403, PASSWORD_RESET_FORBIDDEN) " +
                "when the user's role can see personal data in clear and the caller's cannot: whoever holds the new password could sign in as that user.", 403, 404)
            .Produces<AddedUser>();
        app.MapGet("/api/roles", Roles).WithTags("Users")
            .Documented("The roles", "Every role a person may hold, and whether the caller may grant it over the web: a role that can see personal data in clear is grantable only by a caller whose role can too; Integration is for API keys, not people.")
            .Produces<IReadOnlyList<RoleView>>();

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

    public static async Task<Results<Ok<Paged<UserView>>, ProblemHttpResult>> ListAsync(ListUsersHandler handler, HttpContext http, CancellationToken ct,
        int page = 1, int pageSize = PageRequest.DefaultSize)
    {
        var result = await handler.PageAsync(http.User.EnterpriseId(), new PageRequest(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<AddedUser>, ProblemHttpResult>> ResetPasswordAsync(string userName, ResetPasswordHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ResetPasswordRequest(http.User.EnterpriseId(), userName, http.User.Actor(), http.User.Role()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static Ok<List<RoleView>> Roles(HttpContext http) =>
        TypedResults.Ok(Enum.GetValues<Role>()
            .Select(r => new RoleView(r, RoleGrants.SeesPersonalData(r), RoleGrants.ForPeople(r), http.User.Role() is { } caller && RoleGrants.MayGrant(caller, r))).ToList());

    /// <summary>Over the web nobody grants a role that sees personal data unless they hold it (<see cref="RoleGrants"/>).</summary>
    private static ProblemHttpResult? RefuseEscalation(HttpContext http, string? role)
    {
        var target = RoleNames.Parse(role, "role");
        return target.IsSuccess && http.User.Role() is { } caller && !RoleGrants.MayGrant(caller, target.Value)
            ? RoleGrants.GrantForbidden(caller, target.Value).ToProblem()
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
