using Hotline95.Core.Common;

namespace Hotline95.Core.Compliance;

/// <summary>A term (or an exception phrase) a ComplianceOfficer added to the enterprise's lexicon.</summary>
public sealed class CustomTerm : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    /// <summary>Normalised, as the scanner compares it.</summary>
    public required string Term { get; init; }
    public bool IsException { get; init; }
    public TermCategory Category { get; init; }
    public TermSeverity Severity { get; init; }
    public string? LegalBasis { get; init; }
    public string? Rewrite { get; init; }
    public required string AddedBy { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}
