using Hotline95.Core.Common;

namespace Hotline95.Core.Calls;

/// <summary>
/// A line of the caller log, as Zammad's caller log shows it: the newest calls with their live state (ringing: no answer
/// and no end yet; answered: talking; ended), the number masked as everywhere in this product.
/// </summary>
public sealed record CallerLogEntry(
    long Id, string Line, string Direction, string Number, string? Agent, string? Queue, string State, bool Missed, string Disposition, string? Cause,
    DateTimeOffset StartedAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt, int RingSeconds, int TalkSeconds)
{
    public const string Ringing = "ringing";
    public const string Answered = "answered";
    public const string Ended = "ended";

    public static CallerLogEntry From(CallView c) => new(c.Id, c.Line, c.Direction, c.Customer, c.Agent, c.Queue,
        c.EndedAt is not null ? Ended : c.AnsweredAt is not null ? Answered : Ringing, c.Missed, c.Disposition, c.HangupCause,
        c.StartedAt, c.AnsweredAt, c.EndedAt, c.RingSeconds, c.TalkSeconds);
}

/// <summary>The newest calls of the enterprise (or one line), newest first.</summary>
public sealed class CallerLogHandler(FindCallsHandler calls)
{
    public const int DefaultLimit = 60;
    public const int MaxLimit = 200;

    public async Task<Result<IReadOnlyList<CallerLogEntry>>> HandleAsync(Guid enterpriseId, string? line, int? limit, CancellationToken ct = default)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", "LIMIT_RANGE", ("max", MaxLimit));
        }

        var found = await calls.HandleAsync(new FindCallsRequest(enterpriseId, Line: line, Page: new PageRequest(1, limit ?? DefaultLimit)), ct);
        return found.IsSuccess ? found.Value.Items.Select(CallerLogEntry.From).ToList() : found.Error;
    }
}
