using Hotline95.Core.Common;

namespace Hotline95.Core.Calls;

public enum CallDirection
{
    In,
    Out,
}

/// <summary>How a call ended, normalised across PBXs (Asterisk dispositions, FreeSWITCH causes, CTI causes).</summary>
public enum CallDisposition
{
    Answered,
    NoAnswer,
    Busy,
    Failed,
    Congestion,
    Cancelled,
    Rejected,
    Forwarded,
    InProgress,
    Unknown,
}

/// <summary>
/// One call on a 95 line: what the regulator's inspection calls the call record. The customer's number and
/// name exist only as AES-256-GCM envelopes under the month's data key; the number is searchable through
/// its blind index.
/// </summary>
public sealed class CallRecord : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    /// <summary>The 95 number the call came in on or went out from.</summary>
    public required string Line { get; set; }
    public CallDirection Direction { get; set; }
    /// <summary>The customer's number (caller of an inbound call, callee of an outbound one), encrypted.</summary>
    public byte[]? CustomerNumber { get; set; }
    /// <summary>HMAC of the normalised customer number: equality search without decryption (indexed by day, see <see cref="StartedDay"/>).</summary>
    public byte[]? CustomerNumberIndex { get; set; }
    public byte[]? CustomerName { get; set; }
    /// <summary>The agent's extension or user name: staff, not personal data of the customer.</summary>
    public string? Agent { get; set; }
    public string? Queue { get; set; }
    public DateTimeOffset StartedAt
    {
        get => _startedAt;
        set
        {
            _startedAt = value;
            StartedDay = DayOf(value);
        }
    }

    /// <summary>
    /// The UTC day of <see cref="StartedAt"/> (days since 1970-01-01), kept beside it: the blind index leads with
    /// it, so the index entries of calls written together (an import, a day's traffic) share pages instead of
    /// landing at random across the whole index. Set with <see cref="StartedAt"/>, never on its own.
    /// </summary>
    public int StartedDay { get; private set; }

    public static int DayOf(DateTimeOffset instant) => (int)Math.Floor(instant.ToUnixTimeMilliseconds() / (double)MillisecondsPerDay);

    public const long MillisecondsPerDay = 86_400_000;

    private DateTimeOffset _startedAt;
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int RingSeconds { get; set; }
    public int TalkSeconds { get; set; }
    public CallDisposition Disposition { get; set; }
    /// <summary>The PBX's own hang-up cause, verbatim (NORMAL_CLEARING, BUSY, noAnswer…).</summary>
    public string? HangupCause { get; set; }
    public bool Missed { get; set; }
    /// <summary>Where the record came from: cti, asterisk, freeswitch, csv.</summary>
    public required string SourceSystem { get; init; }
    /// <summary>The source's id of the call; (enterprise, source system, source id) is unique, which makes imports idempotent.</summary>
    public required string SourceId { get; init; }
    /// <summary>The trunk or account code the call came in or went out through (e.g. PJSIP/trunk-ct, an accountcode): number lending shows here.</summary>
    public string? Trunk { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A caller a Supervisor blocked (malicious or abusive calling); inbound calls from them are rejected.</summary>
public sealed class BlockedCaller : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required byte[] NumberIndex { get; init; }
    /// <summary>Shown in lists instead of the number: 138****8000.</summary>
    public required string MaskedNumber { get; init; }
    public required string Reason { get; init; }
    public required string AddedBy { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>An encrypted recording attached to a call; deleted with it.</summary>
public sealed class CallRecording : ITenantScoped
{
    public long Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public long CallId { get; init; }
    /// <summary>Path under the data directory's recordings folder.</summary>
    public required string StoragePath { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Length { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
