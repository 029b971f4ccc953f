using Hotline95.Core.Data;
using Hotline95.Web.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Web.Auth;

public static class AuthSetup
{
    /// <summary>Chooses the API-key scheme when the header is present, the session cookie otherwise.</summary>
    public const string SmartScheme = "Hotline95";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "hotline95.session";

    public static IServiceCollection AddHotline95Auth(this IServiceCollection services)
    {
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "cookie or API key", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Strict same-site: a cross-site page cannot ride on the session (no CSRF through the JSON API).
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
                // A page the role may not see answers 403 with a page that says so (in the UI's language); the API a 403 ProblemDetails.
                o.Events.OnRedirectToAccessDenied = ctx => ctx.Request.Path.StartsWithSegments("/api")
                    ? ApiOr(ctx, StatusCodes.Status403Forbidden)
                    : UiEndpoints.WriteAccessDeniedAsync(ctx.HttpContext);
                o.Events.OnValidatePrincipal = RevalidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            // Everything needs a signed-in caller unless an endpoint says AllowAnonymous.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        return services;
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Checked on every request, against the database (so on every node): a session ends as soon as its user signs out
    /// anywhere, gets a new password or role, is disabled, locked or removed (the security stamp changed).
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext ctx)
    {
        if (ctx.Principal is null)
        {
            ctx.RejectPrincipal();
            return;
        }

        var services = ctx.HttpContext.RequestServices;
        if (!await SessionStillValidAsync(ctx.Principal!, services.GetRequiredService<Hotline95DbContext>(), services.GetRequiredService<TimeProvider>(), ctx.HttpContext.RequestAborted))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>
    /// Whether a signed-in user's session still holds, read from the database: the user exists, is neither disabled nor
    /// locked, has the same role, and has not signed out or changed password since (the security stamp). Also asked by
    /// long-lived answers (the desk's event stream) while they run.
    /// </summary>
    public static async Task<bool> SessionStillValidAsync(System.Security.Claims.ClaimsPrincipal principal, Hotline95DbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.UserId();
        var role = principal.Role();
        var stamp = principal.FindFirst(Hotline95Claims.Stamp)?.Value;
        if (userId is null || role is null || stamp is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Role, u.LockedUntil, u.SecurityStamp, u.DisabledAt }).SingleOrDefaultAsync(ct);
        return user is not null && user.Role == role && !(user.LockedUntil > now) && user.SecurityStamp == stamp && user.DisabledAt is null;
    }
}
