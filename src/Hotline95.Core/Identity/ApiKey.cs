using Hotline95.Core.Common;

namespace Hotline95.Core.Identity;

/// <summary>
/// A key for a system calling the API. Only a SHA-256 hash of the secret is kept: keys are 256-bit
/// random, so a slow password hash adds nothing but latency on every request.
/// </summary>
public sealed class ApiKey : ITenantScoped
{
    public const string Prefix = "h95_";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public required string Name { get; init; }
    public Role Role { get; init; }
    /// <summary>Hex SHA-256 of the whole key as presented.</summary>
    public required string KeyHash { get; init; }
    /// <summary>The first characters of the key, shown in listings so a key can be recognised.</summary>
    public required string Hint { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>When the key last authenticated a request (to within <see cref="AuthenticateApiKeyHandler.LastUsedResolution"/>).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
