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
}
