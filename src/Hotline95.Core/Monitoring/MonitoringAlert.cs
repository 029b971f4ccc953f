using Hotline95.Core.Common;

namespace Hotline95.Core.Monitoring;

public enum AlertKind
{
    /// <summary>An hour's call volume far above its baseline (号码监控: a sudden surge of calls).</summary>
    VolumeSurge,
    /// <summary>One caller calling too often: possibly malicious calling.</summary>
    CallerFlood,
    /// <summary>An hour of business (enough calls offered) whose queue service level stayed under the target.</summary>
    ServiceLevel,
}

public enum AlertStatus
{
    Open,
    Handled,
}

/// <summary>An anomaly with its evidence, and how it was handled (the annual report lists both).</summary>
public sealed class MonitoringAlert : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public AlertKind Kind { get; init; }
    /// <summary>One alert per anomaly: "surge:95528:2026-03-02:10", "flood:HEX:2026-03-02T10".</summary>
    public required string DedupKey { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset WindowStart { get; init; }
    public DateTimeOffset WindowEnd { get; init; }
    public double Observed { get; init; }
    public double Expected { get; init; }
    public double Score { get; init; }
    /// <summary>
    /// What was seen, untranslated, read only by a node of the version before during a rolling upgrade; on alerts raised
    /// before the evidence was a phrase, its text in both languages.
    /// </summary>
    public string Evidence { get; private set; } = "";
    /// <summary>What was seen, as a phrase written in its reader's language (<see cref="PhraseJson"/>); null on older alerts.</summary>
    public string? EvidencePhrase { get; private set; }

    /// <summary>Records what was seen (<c>evidence.*</c>).</summary>
    public void Quote(Phrase evidence) => (Evidence, EvidencePhrase) = PhraseJson.Store(evidence, EvidenceLength);

    /// <summary>What was seen, for people (<see cref="PhraseJson.ReadOrVerbatim"/>).</summary>
    public (Phrase Phrase, bool Bilingual) Quoted() => PhraseJson.ReadOrVerbatim(EvidencePhrase, Evidence, EvidenceLength);

    public const int EvidenceLength = 1000;

    /// <summary>How it was handled, for people: the one-click block in the reader's language, a person's note as written.</summary>
    public Phrase? Handled() => BlockedByOneClick ? Phrase.Of("alert.handling.callerBlocked", ("caller", CallerMasked)) : Handling is { } note ? Phrase.Verbatim(note) : null;
    /// <summary>For a flood: the caller's blind index and one of the calls, so that one click can block the caller.</summary>
    public byte[]? CallerIndex { get; init; }
    public long? SampleCallId { get; init; }
    public string? CallerMasked { get; init; }
    public AlertStatus Status { get; set; }
    /// <summary>How it was handled: the person's note; for the one-click block, a record an older node shows (<see cref="CallerBlocked"/> says what happened).</summary>
    public string? Handling { get; set; }
    /// <summary>Handled by the one-click block of the flood's caller (the annual report says so, in words of its own).</summary>
    public bool CallerBlocked { get; set; }

    /// <summary>
    /// Handled by the one-click block: the flag, or (a block made by a node of the version before the flag, during a rolling
    /// upgrade) the very record that version wrote for this alert's caller.
    /// </summary>
    public bool BlockedByOneClick => CallerBlocked || (CallerMasked is not null && Handling == BlockRecord(CallerMasked));

    /// <summary>The record the one-click block writes as the handling, which a node of the version before the flag shows.</summary>
    public static string BlockRecord(string? callerMasked) => $"caller {callerMasked} blocked / 已拉黑";
    public string? HandledBy { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}
