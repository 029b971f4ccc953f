using System.Collections.Frozen;

namespace Hotline95.Core.Identity;

/// <summary>What an endpoint or command requires. Roles grant permissions; endpoints never test roles directly.</summary>
public enum Permission
{
    ViewDashboard,
    ViewLines,
    ManageLines,
    ManageUsers,
    ManageApiKeys,
    ViewAudit,
}

public static class RolePermissions
{
    private static readonly FrozenDictionary<Role, FrozenSet<Permission>> Grants = new Dictionary<Role, FrozenSet<Permission>>
    {
        [Role.Agent] = Set(Permission.ViewDashboard, Permission.ViewLines),
        [Role.Specialist] = Set(Permission.ViewDashboard, Permission.ViewLines),
        [Role.Supervisor] = Set(Permission.ViewDashboard, Permission.ViewLines),
        [Role.ComplianceOfficer] = Set(Permission.ViewDashboard, Permission.ViewLines, Permission.ViewAudit),
        [Role.Auditor] = Set(Permission.ViewDashboard, Permission.ViewLines, Permission.ViewAudit),
        [Role.Admin] = Enum.GetValues<Permission>().ToFrozenSet(),
        [Role.Integration] = Set(Permission.ViewLines),
    }.ToFrozenDictionary();

    public static bool Has(Role role, Permission permission) => Grants[role].Contains(permission);

    public static IReadOnlySet<Permission> Of(Role role) => Grants[role];

    private static FrozenSet<Permission> Set(params Permission[] permissions) => permissions.ToFrozenSet();
}
