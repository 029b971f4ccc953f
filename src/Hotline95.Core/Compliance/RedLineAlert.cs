using Hotline95.Core.Common;

namespace Hotline95.Core.Compliance;

/// <summary>The four red lines of the licence (DOMAIN.md).</summary>
public enum RedLine
{
    /// <summary>Use outside the approved purpose (marketing on a service number).</summary>
    OutOfScope,
    /// <summary>Customer data leaving the platform or read in bulk.</summary>
    DataLeak,
    /// <summary>The number operated by someone other than its registered holder.</summary>
    NumberLending,
    /// <summary>Absolute terms when the number is promoted.</summary>
    FalseAdvertising,
}

public enum RedLineStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>A possible red-line breach with its evidence, acknowledged and resolved by a ComplianceOfficer with notes (each step audited).</summary>
public sealed class RedLineAlert : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public RedLine RedLine { get; init; }
    /// <summary>What raised it: outbound-marketing-queue, ticket-category, campaign-script, reveal-burst, export-limit, holder-mismatch.</summary>
    public required string Kind { get; init; }
    public string? Line { get; init; }
    public required string DedupKey { get; init; }
    /// <summary>
    /// What was seen, untranslated ("evidence.revealBurst (actor: …, calls: 31, …)"), read only by a node of the version
    /// before during a rolling upgrade; on alerts raised before the evidence was a phrase, its text in both languages.
    /// </summary>
    public string Evidence { get; private set; } = "";
    /// <summary>What was seen, as a phrase written in its reader's language (<see cref="PhraseJson"/>); null on older alerts.</summary>
    public string? EvidencePhrase { get; private set; }

    /// <summary>Records what was seen (<c>evidence.*</c>).</summary>
    public void Quote(Phrase evidence) => (Evidence, EvidencePhrase) = PhraseJson.Store(evidence, EvidenceLength);

    /// <summary>What was seen, for people (<see cref="PhraseJson.ReadOrVerbatim"/>).</summary>
    public (Phrase Phrase, bool Bilingual) Quoted() => PhraseJson.ReadOrVerbatim(EvidencePhrase, Evidence, EvidenceLength);

    public const int EvidenceLength = 1000;
    public DateTimeOffset RaisedAt { get; init; }
    public RedLineStatus Status { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Note { get; set; }
}
