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

/// <summary>What to look for (every criterion optional) and which page of the answer, newest first.</summary>
public sealed record FindCallsRequest(Guid EnterpriseId, string? Phone = null, string? Line = null, DateOnly? From = null, DateOnly? To = null,
    CallOutcomeFilter Outcome = CallOutcomeFilter.All, PageRequest? Page = null, long? Id = null);

/// <summary>
/// Calls by caller (through the blind index: no decryption to search), id, line, date and outcome; masked, a page at a
/// time with the count of all that match.
/// </summary>
public sealed class FindCallsHandler(Hotline95DbContext db, BlindIndex blindIndex, CallReader reader)
{
    /// <summary>One caller's calls are read whole (ids and times only) and sorted in memory; a flood beyond this is cut (and the monitoring flags it).</summary>
    public const int PhoneScanCap = 20_000;

    /// <summary>
    /// A count without a caller stops here: counting millions of rows on every page would cost more than the page. The
    /// answer then says "at least" (<see cref="Paged{T}.TotalCapped"/>), and a narrower search gets the exact count.
    /// </summary>
    public const int CountCap = 100_000;

    public async Task<Result<Paged<CallView>>> HandleAsync(FindCallsRequest request, CancellationToken ct = default)
    {
        var page = request.Page ?? new PageRequest();
        if (page.Validate() is { } invalid)
        {
            return invalid;
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
            // date index for the ORDER BY instead). The enterprise is checked on the rows returned.
            // The index is bucketed by day (see CallsTables): one seek per day the enterprise has calls on.
            index = await blindIndex.ComputeAsync(request.EnterpriseId, request.Phone!, ct);
        }
        else
        {
            query = query.Where(c => c.EnterpriseId == request.EnterpriseId);
        }

        if (request.Id is { } id)
        {
            query = query.Where(c => c.Id == id);
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

        List<CallRecord> calls;
        int total;
        bool capped;
        if (index is not null)
        {
            var found = await CallsOfCallerAsync(query, index, request, ct);
            var mine = found.Where(c => c.EnterpriseId == request.EnterpriseId).ToList();
            (total, capped) = (mine.Count, found.Count >= PhoneScanCap);
            var ids = mine.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Skip(page.Skip).Take(page.PageSize).Select(c => c.Id).ToList();
            calls = (await db.Calls.AsNoTracking().Where(c => c.EnterpriseId == request.EnterpriseId && ids.Contains(c.Id)).ToListAsync(ct))
                .OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).ToList();
        }
        else
        {
            var counted = await query.Take(CountCap + 1).CountAsync(ct);
            (total, capped) = (Math.Min(counted, CountCap), counted > CountCap);
            calls = await query.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        }

        var shown = calls.Select(c => c.Id).ToList();
        var withRecording = (await db.Recordings.AsNoTracking()
            .Where(r => r.EnterpriseId == request.EnterpriseId && shown.Contains(r.CallId))
            .Select(r => r.CallId).ToListAsync(ct)).ToHashSet();
        var views = new List<CallView>(calls.Count);
        foreach (var call in calls)
        {
            views.Add(await reader.MaskedAsync(call, withRecording.Contains(call.Id), ct));
        }

        return Paged<CallView>.Of(views, total, page, capped);
    }

    /// <summary>A caller's call: enough to sort and page; the page's rows are read whole afterwards.</summary>
    private sealed record CallerCall(long Id, Guid EnterpriseId, DateTimeOffset StartedAt);

    /// <summary>Days probed by one query: a few months (an SQL parameter each), however long the history.</summary>
    private const int DaysPerQuery = 500;

    /// <summary>
    /// The caller's calls, newest days first, a query per <see cref="DaysPerQuery"/> days: a history stretched by a
    /// stray date (a PBX clock left at 1970) costs more queries, never one beyond SQL's parameter limits.
    /// </summary>
    private async Task<List<CallerCall>> CallsOfCallerAsync(IQueryable<CallRecord> query, byte[] index, FindCallsRequest request, CancellationToken ct)
    {
        var found = new List<CallerCall>();
        foreach (var days in (await DaysToSearchAsync(request, ct)).AsEnumerable().Reverse().Chunk(DaysPerQuery))
        {
            found.AddRange(await query.Where(c => days.Contains(c.StartedDay) && c.CustomerNumberIndex == index)
                .Select(c => new CallerCall(c.Id, c.EnterpriseId, c.StartedAt)).Take(PhoneScanCap - found.Count).ToListAsync(ct));
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
