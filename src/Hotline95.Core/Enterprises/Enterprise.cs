using Hotline95.Core.Common;

namespace Hotline95.Core.Enterprises;

/// <summary>A company that holds (or is applying for) a 95 number: the tenant every other row belongs to.</summary>
public sealed class Enterprise : ITenantScoped
{
    public const string DefaultSlug = "default";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>Short stable handle used by the CLI's <c>--enterprise</c>.</summary>
    public required string Slug { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    Guid ITenantScoped.EnterpriseId => Id;
}
