using Hotline95.Core.Common;

namespace Hotline95.Core.Audit;

/// <summary>
/// One line of the append-only audit log. <see cref="Hash"/> covers this entry's fields and the previous
/// entry's hash, so altering, removing or reordering any entry breaks every hash after it.
/// </summary>
public sealed class AuditEntry : ITenantScoped
{
    /// <summary>Position in the chain, 1, 2, 3… without gaps.</summary>
    public long Sequence { get; init; }
    public Guid EnterpriseId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string Target { get; init; }
    public required string Details { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
}
