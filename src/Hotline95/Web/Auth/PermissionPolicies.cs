using Hotline95.Core.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Hotline95.Web.Auth;

/// <summary>One authorization policy per <see cref="Permission"/>, granted through the role table.</summary>
public static class PermissionPolicies
{
    public const string Prefix = "perm:";

    public static string Name(Permission permission) => $"{Prefix}{permission}";

    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            builder.AddPolicy(Name(permission), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => ctx.User.Role() is { } role && RolePermissions.Has(role, permission)));
        }

        return builder;
    }

    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Name(permission));
}
