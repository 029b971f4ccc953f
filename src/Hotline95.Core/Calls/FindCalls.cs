using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Calls;

public enum CallOutcomeFilter
{
    All,
    Answered,
    Missed,
}

public sealed record FindCallsRequest(Guid EnterpriseId, string? Phone = null, string? Line = null, DateOnly? From = null, DateOnly? To = null, CallOutcomeFilter Outcome = CallOutcomeFilter.All, int Limit = 100);

/// <summary>Calls by caller (through the blind index: no decryption to search), line, date and outcome; masked.</summary>
public sealed class FindCallsHandler(Hotline95DbContext db, BlindIndex blindIndex, CallReader reader)
{
    public const int MaxLimit = 1000;

    /// <summary>One caller's calls are read whole and sorted in memory; a flood beyond this is cut (and the monitoring flags it).</summary>
    public const int PhoneScanCap = 20_000;

    public async Task<Result<IReadOnlyList<CallView>>> HandleAsync(FindCallsRequest request, CancellationToken ct = default)
    {
        if (request.Limit is < 1 or > MaxLimit)
        {
            return Error.Validation("limit", "LIMIT_RANGE", ("max", MaxLimit));
        }

        var query = db.Calls.AsNoTracking();
        var byPhone = !string.IsNullOrWhiteSpace(request.Phone);
        byte[]? index = null;
        if (byPhone)
        {
            if (PhoneNumber.Normalize(request.Phone).Length == 0)
            {
                return Error.Validation("phone", "PHONE_INVALID", ("number", request.Phone));
            }

            // The blind index is keyed per enterprise, so it alone selects the caller; leaving the enterprise
            // out of the SQL keeps the planner on that index (with it, SQLite may walk the enterprise's
            // date index for the ORDER BY instead). The enterprise is checked on the few rows returned.
            // The index is bucketed by day (see CallsTables): one seek per day the enterprise has calls on.
            index = await blindIndex.ComputeAsync(request.EnterpriseId, request.Phone!, ct);
        }
        else
        {
            query = query.Where(c => c.EnterpriseId == request.EnterpriseId);
        }

        if (!string.IsNullOrWhiteSpace(request.Line))
        {
            query = query.Where(c => c.Line == request.Line);
        }

        if (request.From is { } from)
        {
            var start = ChinaTime.StartOfDay(from);
            query = query.Where(c => c.StartedAt >= start);
        }

        if (request.To is { } to)
        {
            var end = ChinaTime.StartOfDay(to.AddDays(1));
            query = query.Where(c => c.StartedAt < end);
        }

        query = request.Outcome switch
        {
            CallOutcomeFilter.Answered => query.Where(c => c.AnsweredAt != null),
            CallOutcomeFilter.Missed => query.Where(c => c.Missed),
            _ => query,
        };

        var calls = index is not null
            ? (await CallsOfCallerAsync(query, index, request, ct)).Where(c => c.EnterpriseId == request.EnterpriseId)
                .OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Take(request.Limit).ToList()
            : await query.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Take(request.Limit).ToListAsync(ct);
        var ids = calls.Select(c => c.Id).ToList();
        var withRecording = (await db.Recordings.AsNoTracking()
            .Where(r => r.EnterpriseId == request.EnterpriseId && ids.Contains(r.CallId))
            .Select(r => r.CallId).ToListAsync(ct)).ToHashSet();
        var views = new List<CallView>(calls.Count);
        foreach (var call in calls)
        {
            views.Add(await reader.MaskedAsync(call, withRecording.Contains(call.Id), ct));
        }

        return views;
    }

    /// <summary>Days probed by one query: a few months (an SQL parameter each), however long the history.</summary>
    private const int DaysPerQuery = 500;

    /// <summary>
    /// The caller's calls, newest days first, a query per <see cref="DaysPerQuery"/> days: a history stretched by a
    /// stray date (a PBX clock left at 1970) costs more queries, never one beyond SQL's parameter limits.
    /// </summary>
    private async Task<List<CallRecord>> CallsOfCallerAsync(IQueryable<CallRecord> query, byte[] index, FindCallsRequest request, CancellationToken ct)
    {
        var found = new List<CallRecord>();
        foreach (var days in (await DaysToSearchAsync(request, ct)).AsEnumerable().Reverse().Chunk(DaysPerQuery))
        {
            found.AddRange(await query.Where(c => days.Contains(c.StartedDay) && c.CustomerNumberIndex == index).Take(PhoneScanCap - found.Count).ToListAsync(ct));
            if (found.Count >= PhoneScanCap)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The UTC days from the enterprise's first call to its last, narrowed to the request's dates.</summary>
    private async Task<List<int>> DaysToSearchAsync(FindCallsRequest request, CancellationToken ct)
    {
        // First and last in one round trip, each an index seek (one MIN and MAX together would scan).
        var calls = db.Calls.AsNoTracking().Where(c => c.EnterpriseId == request.EnterpriseId);
        var ends = await calls.OrderBy(c => c.StartedAt).Select(c => c.StartedDay).Take(1)
            .Concat(calls.OrderByDescending(c => c.StartedAt).Select(c => c.StartedDay).Take(1))
            .ToListAsync(ct);
        if (ends.Count == 0)
        {
            return [];
        }

        int from = ends.Min(), to = ends.Max();

        if (request.From is { } fromDate)
        {
            from = Math.Max(from, CallRecord.DayOf(ChinaTime.StartOfDay(fromDate)));
        }

        if (request.To is { } toDate)
        {
            to = Math.Min(to, CallRecord.DayOf(ChinaTime.StartOfDay(toDate.AddDays(1)).AddTicks(-1)));
        }

        return from > to ? [] : Enumerable.Range(from, to - from + 1).ToList();
    }
}
