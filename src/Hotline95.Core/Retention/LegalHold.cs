using Hotline95.Core.Common;

namespace Hotline95.Core.Retention;

/// <summary>
/// Keeps a call past its retention: placed by a ComplianceOfficer, or by an open complaint linked to the call.
/// The purge skips a call while any of its holds is unreleased.
/// </summary>
public sealed class LegalHold : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public long CallId { get; init; }
    /// <summary>compliance, or complaint:{id}.</summary>
    public required string Source { get; init; }
    public required string Reason { get; init; }
    public required string HeldBy { get; init; }
    public DateTimeOffset HeldAt { get; init; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
}

/// <summary>Evidence of one retention purge for the inspection pack: what, how many, when.</summary>
public sealed class PurgeRun : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public DateTimeOffset RanAt { get; init; }
    /// <summary>Records that started before this instant were past retention.</summary>
    public DateTimeOffset Cutoff { get; init; }
    public int CallsDeleted { get; init; }
    public int RecordingsDeleted { get; init; }
    public int CallsKeptOnHold { get; init; }
    /// <summary>Months whose data keys were destroyed, e.g. "2025-08,2025-09".</summary>
    public required string KeysDestroyed { get; init; }
    public required string RanBy { get; init; }
}
