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
        users.MapGet("/", ListAsync);
        users.MapPost("/", AddAsync);
        users.MapPut("/{userName}/role", SetRoleAsync);

        app.MapPost("/api/apikeys", CreateApiKeyAsync).WithTags("Users").RequirePermission(Permission.ManageApiKeys);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<UserView>>> ListAsync(ListUsersHandler handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(http.User.EnterpriseId(), ct));

    public static async Task<Results<Created<AddedUser>, ProblemHttpResult>> AddAsync(AddUserBody body, AddUserHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new AddUserRequest(http.User.EnterpriseId(), body.UserName, body.DisplayName, body.Role, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/users/{result.Value.User.UserName}", result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetRoleAsync(string userName, SetRoleBody body, SetUserRoleHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SetUserRoleRequest(http.User.EnterpriseId(), userName, body.Role, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateApiKeyAsync(CreateApiKeyBody body, CreateApiKeyHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new CreateApiKeyRequest(http.User.EnterpriseId(), body.Name, body.Role, http.User.Actor()), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/apikeys/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }
}
