using System.Text.Json.Serialization;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

/// <summary>One event of Zammad's generic CTI protocol, as a PBX script posts it.</summary>
public sealed record CtiEvent(string? Event, string? CallId, string? From, string? To, string? Direction, string? User, string? Queue, string? AnsweringNumber, string? Cause);

/// <summary>The answer to the PBX: empty, or <c>{"action":"reject","reason":"busy"}</c> for a blocked caller.</summary>
public sealed record CtiAnswer(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
{
    public static readonly CtiAnswer Accept = new();
    public static readonly CtiAnswer RejectBusy = new("reject", "busy");
}

/// <summary>
/// Live call events. Events are applied in whatever order they arrive: an <c>answer</c> or <c>hangup</c>
/// before its <c>newCall</c> creates the record, and the late <c>newCall</c> completes it; a repeated event
/// changes nothing. Times are arrival times (the protocol carries none); an <c>answer</c> arriving after
/// its <c>hangup</c> marks the call answered with an unknown (zero) talk time.
/// </summary>
public sealed class ProcessCtiEventHandler(Hotline95DbContext db, KeyRing keys, BlindIndex blindIndex, TimeProvider clock)
{
    public const string SourceSystem = "cti";
    private static readonly string[] Events = ["newCall", "answer", "hangup"];

    public async Task<Result<CtiAnswer>> HandleAsync(Guid enterpriseId, CtiEvent e, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(e.CallId))
        {
            return Error.Validation("callId", "CTI_CALLID_REQUIRED", "callId is required.");
        }

        if (e.Event is null || !Events.Contains(e.Event, StringComparer.Ordinal))
        {
            return Error.Validation("event", "CTI_EVENT_UNKNOWN", $"event '{e.Event}' is not one of newCall, answer, hangup.");
        }

        CallDirection? direction = null;
        if (!string.IsNullOrEmpty(e.Direction))
        {
            direction = e.Direction switch
            {
                "in" => CallDirection.In,
                "out" => CallDirection.Out,
                _ => null,
            };
            if (direction is null)
            {
                return Error.Validation("direction", "CTI_DIRECTION_UNKNOWN", $"direction '{e.Direction}' is not in or out.");
            }
        }

        if (e.Event == "newCall" && direction is null)
        {
            return Error.Validation("direction", "CTI_DIRECTION_REQUIRED", "direction (in or out) is required for newCall.");
        }

        var lines = await LineSet.LoadAsync(db, enterpriseId, ct);
        var now = clock.GetUtcNow();
        var call = await db.Calls.SingleOrDefaultAsync(c => c.EnterpriseId == enterpriseId && c.SourceSystem == SourceSystem && c.SourceId == e.CallId, ct);
        var created = call is null;
        call ??= new CallRecord
        {
            EnterpriseId = enterpriseId,
            Line = "",
            SourceSystem = SourceSystem,
            SourceId = e.CallId,
            StartedAt = now,
            Disposition = CallDisposition.InProgress,
            CreatedAt = now,
        };

        // What we can learn from any event: the line, the direction and the customer's number.
        var dir = direction ?? call.Direction;
        if (call.Line.Length == 0 && (direction is not null || e.From is not null || e.To is not null))
        {
            var line = dir == CallDirection.In ? lines.Match(e.To) : lines.Match(e.From);
            if (line is null && e.Event == "newCall")
            {
                return dir == CallDirection.In
                    ? Error.Validation("to", "CTI_LINE_UNKNOWN", $"to '{e.To}' is not a configured 95 line of this enterprise.")
                    : Error.Validation("from", "CTI_LINE_UNKNOWN", $"from '{e.From}' is not a configured 95 line of this enterprise.");
            }

            if (line is not null)
            {
                call.Line = line;
                call.Direction = dir;
                var customer = dir == CallDirection.In ? e.From : e.To;
                if (!string.IsNullOrWhiteSpace(customer) && call.CustomerNumber is null)
                {
                    using var sealer = new CallSealer(keys, clock);
                    await sealer.SealPersonalDataAsync(call, customer, null, ct);
                }
            }
        }

        var answer = CtiAnswer.Accept;
        switch (e.Event)
        {
            case "newCall":
                call.Queue ??= e.Queue;
                if (dir == CallDirection.Out)
                {
                    call.Agent ??= e.User;
                }

                if (dir == CallDirection.In && await IsBlockedAsync(enterpriseId, e.From, ct))
                {
                    answer = CtiAnswer.RejectBusy;
                    if (call.EndedAt is null)
                    {
                        call.EndedAt = now;
                        call.Disposition = CallDisposition.Rejected;
                        call.HangupCause = "blocked";
                    }
                }

                break;
            case "answer":
                call.AnsweredAt ??= call.EndedAt is { } ended && ended < now ? ended : now;
                call.Agent = e.User ?? e.AnsweringNumber ?? call.Agent;
                call.Queue ??= e.Queue;
                break;
            case "hangup":
                call.EndedAt ??= now;
                call.HangupCause ??= e.Cause;
                break;
        }

        Recompute(call);
        if (created)
        {
            await CallPartitions.EnsureAsync(db, call.StartedAt, ct);
            db.Calls.Add(call);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (created)
        {
            // The same callId was created by a concurrent event: apply this one to that record instead.
            db.ChangeTracker.Clear();
            return await HandleAsync(enterpriseId, e, ct);
        }

        return answer;
    }

    private async Task<bool> IsBlockedAsync(Guid enterpriseId, string? from, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return false;
        }

        var index = await blindIndex.ComputeAsync(enterpriseId, from, ct);
        return await db.BlockedCallers.AnyAsync(b => b.EnterpriseId == enterpriseId && b.NumberIndex == index, ct);
    }

    private static void Recompute(CallRecord call)
    {
        var answered = call.AnsweredAt is not null;
        if (call.Disposition != CallDisposition.Rejected)
        {
            call.Disposition = call.EndedAt is null
                ? CallDisposition.InProgress
                : answered ? CallDisposition.Answered : FromCause(call.HangupCause);
        }

        call.Missed = call.Direction == CallDirection.In && call.EndedAt is not null && !answered && call.Disposition != CallDisposition.Rejected;
        call.RingSeconds = Seconds(call.StartedAt, call.AnsweredAt ?? call.EndedAt);
        call.TalkSeconds = call.AnsweredAt is { } a ? Seconds(a, call.EndedAt) : 0;
    }

    private static CallDisposition FromCause(string? cause) => cause switch
    {
        "busy" => CallDisposition.Busy,
        "cancel" or "normalClearing" => CallDisposition.Cancelled,
        "noAnswer" => CallDisposition.NoAnswer,
        "congestion" => CallDisposition.Congestion,
        "notFound" => CallDisposition.Failed,
        "forwarded" => CallDisposition.Forwarded,
        _ => CallDisposition.Unknown,
    };

    private static int Seconds(DateTimeOffset from, DateTimeOffset? to) =>
        to is { } t && t > from ? (int)(t - from).TotalSeconds : 0;
}
