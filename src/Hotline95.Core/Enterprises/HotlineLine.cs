using Hotline95.Core.Common;

namespace Hotline95.Core.Enterprises;

/// <summary>One 95 number (95XXX or 95XXXX) operated by an enterprise.</summary>
public sealed class HotlineLine : ITenantScoped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EnterpriseId { get; init; }
    public required string Number { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
