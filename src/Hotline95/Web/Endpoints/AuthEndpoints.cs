using Hotline95.Core.Identity;
using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web.Endpoints;

public static class AuthEndpoints
{
    public sealed record LoginBody(string UserName, string Password);

    public sealed record MeResponse(string Name, string? DisplayName, string Role, Guid EnterpriseId, string Kind, IReadOnlyList<string> Permissions);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(WebHardening.LoginRateLimit)
            .Documented("Sign in with a password", "Checks the user name and password and sets the session cookie (HttpOnly, SameSite=Strict) used by the browser pages. Every refusal is the same 401 LOGIN_FAILED, so the answer does not reveal which accounts exist or are locked; an address that tries too often is answered 429 for a minute.", 401);
        group.MapPost("/logout", LogoutAsync)
            .Documented("Sign out", "Ends the caller's session on every device: every copy of the session cookie stops working.");
        app.MapGet("/api/me", Me).WithTags("Auth")
            .Documented("Who is signed in", "The signed-in user or API key: name, role, enterprise and the permissions the role grants (the pages show only what these allow).");
        return app;
    }

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginAsync(LoginBody body, LoginHandler handler, HttpContext http, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new LoginRequest(body.UserName ?? "", body.Password ?? "", http.Connection.RemoteIpAddress?.ToString()), ct);
        if (!result.IsSuccess)
        {
            return result.Error.ToProblem();
        }

        var principal = Hotline95Claims.ForUser(result.Value, CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Ok(Describe(principal));
    }

    public static async Task<NoContent> LogoutAsync(HttpContext http, LogoutHandler logout, CancellationToken ct)
    {
        if (http.User.UserId() is { } userId)
        {
            await logout.HandleAsync(userId, ct); // every copy of the session cookie stops working
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    public static Ok<MeResponse> Me(HttpContext http) => TypedResults.Ok(Describe(http.User));

    private static MeResponse Describe(System.Security.Claims.ClaimsPrincipal user)
    {
        var role = user.Role() ?? Role.Agent;
        return new MeResponse(
            user.Actor(),
            user.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value,
            role.ToString(),
            user.EnterpriseId(),
            user.FindFirst(Hotline95Claims.Kind)?.Value ?? Hotline95Claims.UserKind,
            RolePermissions.Of(role).Select(p => p.ToString()).Order().ToList());
    }
}
