using Hotline95.Core.Common;

namespace Hotline95.Core.Identity;

/// <summary>
/// Over the web a caller cannot hand out the power to see customers' data in clear unless it has it itself: otherwise an
/// Admin (who may not reveal) could create a Supervisor account or key, or take over one by resetting its password, and
/// reveal through it. The operator's CLI, which already holds the data directory, may (it passes no grantor).
/// </summary>
public static class RoleGrants
{
    /// <summary>Whether <paramref name="grantor"/> may hand out <paramref name="target"/> (null grantor: the server's operator).</summary>
    public static bool MayGrant(Role? grantor, Role target) =>
        grantor is not { } caller || RolePermissions.Has(caller, Permission.RevealPersonalData) || !SeesPersonalData(target);

    public static bool SeesPersonalData(Role role) => RolePermissions.Has(role, Permission.RevealPersonalData);

    /// <summary>Roles a person may hold (Integration is the role of API keys).</summary>
    public static bool ForPeople(Role role) => role != Role.Integration;

    public static Error GrantForbidden(Role grantor, Role target) =>
        Error.Of(ErrorKind.Forbidden, "ROLE_GRANT_FORBIDDEN", "role", ("role", target), ("caller", grantor));

    public static Error ResetForbidden(Role grantor, string userName, Role target) =>
        Error.Of(ErrorKind.Forbidden, "PASSWORD_RESET_FORBIDDEN", "userName", ("name", userName), ("role", target), ("caller", grantor));
}
