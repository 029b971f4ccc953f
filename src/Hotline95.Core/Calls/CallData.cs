namespace Hotline95.Core.Calls;

/// <summary>A call as a source reports it, in clear, before it is encrypted into a <see cref="CallRecord"/>.</summary>
public sealed record CallData(
    string Line,
    CallDirection Direction,
    string? CustomerNumber,
    string? CustomerName,
    string? Agent,
    string? Queue,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallDisposition Disposition,
    string? HangupCause,
    string SourceSystem,
    string SourceId,
    int? TalkSeconds = null,
    string? Trunk = null)
{
    /// <summary>An inbound call that ended without being answered.</summary>
    public bool Missed => Direction == CallDirection.In && AnsweredAt is null && EndedAt is not null;

    public int RingSeconds => Seconds(StartedAt, AnsweredAt ?? EndedAt);

    public int Talk => TalkSeconds ?? (AnsweredAt is { } a ? Seconds(a, EndedAt) : 0);

    private static int Seconds(DateTimeOffset from, DateTimeOffset? to) =>
        to is { } t && t > from ? (int)Math.Min(int.MaxValue, (t - from).TotalSeconds) : 0;
}
