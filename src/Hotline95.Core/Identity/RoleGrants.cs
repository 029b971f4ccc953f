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

    public static Error GrantForbidden(Role grantor, Role target) => new("ROLE_GRANT_FORBIDDEN",
        $"The role {target} can see customers' personal data in clear, and your role ({grantor}) cannot grant it here: " +
        $"an operator grants it on the server ('hotline95 users add', 'users set-role' or 'apikey create'). / " +
        $"所选角色（{target}）可查看客户个人信息明文，您的角色（{grantor}）不能在网页上授予；请由服务器管理员在服务器上授予。",
        ErrorKind.Forbidden, "role");

    public static Error ResetForbidden(Role grantor, string userName, Role target) => new("PASSWORD_RESET_FORBIDDEN",
        $"{userName} is a {target}, a role that can see customers' personal data in clear; your role ({grantor}) cannot reset that password here, " +
        $"because whoever holds the new password could sign in as {userName}: an operator resets it on the server ('hotline95 users reset-password'). / " +
        $"{userName} 的角色（{target}）可查看客户个人信息明文，您的角色（{grantor}）不能在网页上重置其密码；请由服务器管理员在服务器上重置。",
        ErrorKind.Forbidden, "userName");
}
