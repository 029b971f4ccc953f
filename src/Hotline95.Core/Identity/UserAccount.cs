using Hotline95.Core.Common;

namespace Hotline95.Core.Identity;

public sealed class UserAccount : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    /// <summary>Login name, unique across the installation.</summary>
    public required string UserName { get; init; }
    public required string DisplayName { get; set; }
    public Role Role { get; set; }
    public string PasswordHash { get; set; } = "";
    public int FailedLogins { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; set; }
    /// <summary>Changes on logout, password reset, role change and disabling: every session issued before it ends on its next request.</summary>
    public string SecurityStamp { get; set; } = NewStamp();
    /// <summary>When an administrator disabled the account (null: enabled). A disabled account cannot sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The user's name on the PBX (as its CTI events name agents in <c>user</c>); unique in the enterprise when set.</summary>
    public string? PbxName { get; set; }
    /// <summary>The user's extension on the PBX (as CTI events name it in <c>user</c> or <c>answeringNumber</c>); unique in the enterprise when set.</summary>
    public string? Extension { get; set; }

    public static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
