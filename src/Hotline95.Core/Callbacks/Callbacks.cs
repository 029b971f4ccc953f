using System.Globalization;
using Hotline95.Core.Audit;
using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Callbacks;

/// <summary>A missed call waiting to be called back, as the agent's list shows it (the number masked).</summary>
public sealed record CallbackItem(long CallId, string Line, string Number, string? Queue, DateTimeOffset MissedAt, int AgeMinutes);

public sealed record CallbackList(IReadOnlyList<CallbackItem> Open, int? OldestAgeMinutes, int ListDays);

/// <summary>
/// The share of missed calls called back within 24 hours over a period, from the roll-ups (they outlive the calls): null when
/// no call was missed.
/// </summary>
/// <remarks>
/// Callbacks are counted from <see cref="TrackedFrom"/>, the day of the first missed call ever marked called back: missed calls
/// of days before it, when nobody could mark them, are left out of <see cref="Missed"/>; with no mark at all the share is null.
/// <see cref="Open"/> and <see cref="OldestOpenMinutes"/> describe the callback list now.
/// </remarks>
public sealed record CallbackFigures(DateOnly From, DateOnly To, DateOnly? TrackedFrom, int Missed, int CalledBack, int CalledBackWithin24Hours, double? ShareWithin24Hours,
    int Open, int? OldestOpenMinutes);

public sealed record CallbackView(long CallId, DateTimeOffset DoneAt, string DoneBy, long? CallbackCallId, DateTimeOffset? CallbackAt, string? Note);

/// <summary>
/// Missed-call follow-up: the callback list per line, marking a call done (an agent, audited), linking the outbound call that
/// called the customer back, and the roll-ups behind "called back within 24 hours".
/// </summary>
public sealed class CallbacksHandler(Hotline95DbContext db, IDbContextFactory<Hotline95DbContext> contexts, CallReader reader, AuditLog audit, IOptions<CallbackOptions> options,
    TimeProvider clock)
{
    public const int MaxList = 500;

    /// <summary>Read only: a missed call already followed by an outbound call to its number is left out, even before the link job marks it.</summary>
    public async Task<CallbackList> ListAsync(Guid enterpriseId, string? line, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var open = await OpenMissed(enterpriseId, now.AddDays(-options.Value.ListDays))
            .Where(c => line == null || c.Line == line)
            .OrderBy(c => c.StartedAt).Take(MaxList).ToListAsync(ct);
        var items = new List<CallbackItem>(open.Count);
        foreach (var call in open)
        {
            if (await CallbackCallAsync(enterpriseId, call, ct) is not null)
            {
                continue;
            }

            var view = await reader.MaskedAsync(call, hasRecording: false, ct);
            items.Add(new CallbackItem(call.Id, call.Line, view.Customer, call.Queue, call.StartedAt, (int)(now - call.StartedAt).TotalMinutes));
        }

        return new CallbackList(items, items.Count == 0 ? null : items.Max(i => i.AgeMinutes), options.Value.ListDays);
    }

    /// <summary>An agent called the customer back: marked done, the callback call linked if it came in as an outbound call to the number.</summary>
    public async Task<Result<CallbackView>> MarkDoneAsync(Guid enterpriseId, long callId, string? note, string actor, CancellationToken ct = default)
    {
        var trimmed = note?.Trim();
        if (trimmed is { Length: > CallbackRules.MaxNote })
        {
            return Error.Validation("note", "NOTE_TOO_LONG", ("max", CallbackRules.MaxNote));
        }

        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == enterpriseId && c.Id == callId, ct);
        if (call is null)
        {
            return Error.NotFound("CALL_NOT_FOUND", ("id", callId));
        }

        if (!call.Missed || call.Direction != CallDirection.In)
        {
            return Error.Validation("callId", "CALL_NOT_MISSED", ("id", callId));
        }

        if (await db.Callbacks.AsNoTracking().SingleOrDefaultAsync(m => m.EnterpriseId == enterpriseId && m.MissedCallId == callId, ct) is { } done)
        {
            return Error.Conflict("CALLBACK_DONE", ("id", callId), ("when", Phrase.Of("callback.doneBy", ("by", done.DoneBy), ("at", done.DoneAt))));
        }

        var callback = await CallbackCallAsync(enterpriseId, call, ct);
        var mark = await SaveAsync(call, actor, clock.GetUtcNow(), callback, string.IsNullOrEmpty(trimmed) ? null : trimmed, audited: true, ct);
        if (mark is null)
        {
            return Error.Conflict("CALLBACK_DONE", ("id", callId), ("when", Phrase.Of("callback.meanwhile")));
        }

        return View(mark);
    }

    /// <summary>
    /// Links, for every open missed call still inside its window, the first outbound call to the same number (through the
    /// blind index) that followed it: marked done by <see cref="CallbackOptions.Linker"/>. Returns how many were linked.
    /// </summary>
    public async Task<int> LinkAsync(Guid? enterpriseId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var since = now - options.Value.LinkWindow - TimeSpan.FromDays(options.Value.ListDays);
        var enterprises = enterpriseId is { } one ? [one] : await db.Lines.Select(l => l.EnterpriseId).Distinct().ToListAsync(ct);
        var linked = 0;
        foreach (var enterprise in enterprises)
        {
            // Newest first: when more are open than one run takes, the recent ones (still inside their window) come first.
            linked += await LinkOpenAsync(enterprise, await OpenMissed(enterprise, since).OrderByDescending(c => c.StartedAt).Take(LinkBatch).ToListAsync(ct), now, ct);

            // Marked by hand before the callback call was recorded (marked, then dialled; or the outbound CDR imported later): link it now.
            var cutoff = now - options.Value.LinkWindow;
            var unlinked = await db.Callbacks.Where(m => m.EnterpriseId == enterprise && m.CallbackCallId == null && m.MissedAt >= cutoff)
                .OrderByDescending(m => m.MissedAt).Take(LinkBatch).ToListAsync(ct);
            foreach (var mark in unlinked)
            {
                var missed = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == enterprise && c.Id == mark.MissedCallId, ct);
                if (missed is not null && await CallbackCallAsync(enterprise, missed, ct) is { } callback)
                {
                    await LinkMarkAsync(mark, callback, ct);
                    linked++;
                }
            }

            db.ChangeTracker.Clear();
        }

        return linked;
    }

    private const int LinkBatch = 10_000;

    /// <summary>
    /// Links the callbacks of the open missed calls that started in [<paramref name="from"/>, <paramref name="to"/>), however
    /// long ago (the demo's past, a backfill of older CDRs); the link job itself looks back only over its window.
    /// </summary>
    public async Task<int> LinkPeriodAsync(Guid enterpriseId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var open = await OpenMissed(enterpriseId, from).Where(c => c.StartedAt < to).OrderBy(c => c.StartedAt).ToListAsync(ct);
        var linked = await LinkOpenAsync(enterpriseId, open, clock.GetUtcNow(), ct);
        db.ChangeTracker.Clear();
        return linked;
    }

    /// <summary>Marks each of <paramref name="open"/> that an outbound call answered as called back by <see cref="CallbackOptions.Linker"/>.</summary>
    private async Task<int> LinkOpenAsync(Guid enterpriseId, IEnumerable<CallRecord> open, DateTimeOffset now, CancellationToken ct)
    {
        var linked = 0;
        foreach (var call in open)
        {
            if (await CallbackCallAsync(enterpriseId, call, ct) is { } callback && await SaveAsync(call, CallbackOptions.Linker, now, callback, null, audited: false, ct) is not null)
            {
                linked++;
            }
        }

        return linked;
    }

    /// <summary>A mark gets its callback call; if that moves it across the 24-hour line, the roll-up follows.</summary>
    private async Task LinkMarkAsync(CallbackMark mark, CallRecord callback, CancellationToken ct)
    {
        var before = Within24Hours(mark);
        mark.CallbackCallId = callback.Id;
        mark.CallbackAt = callback.StartedAt;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var change = Within24Hours(mark) - before;
        if (change != 0)
        {
            await AddToRollupAsync(mark, calledBack: 0, within: change, ct);
        }

        await tx.CommitAsync(ct);
    }

    private static int Within24Hours(CallbackMark mark) => mark.CalledBackAt - mark.MissedAt <= TimeSpan.FromHours(24) ? 1 : 0;

    /// <summary>Missed calls, called back or not, and the share called back within 24 hours, per the roll-ups.</summary>
    public async Task<Result<CallbackFigures>> FiguresAsync(Guid enterpriseId, string? line, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from || to.DayNumber - from.DayNumber > 3 * 366)
        {
            return Error.Validation("to", "PERIOD_INVALID", ("rule", Phrase.Of("period.within", ("span", Phrase.Of("span.years", ("n", 3))))));
        }

        var tracked = await db.CallbackDays.AsNoTracking().Where(d => d.EnterpriseId == enterpriseId).OrderBy(d => d.Day).Select(d => (DateOnly?)d.Day).FirstOrDefaultAsync(ct);
        var counted = tracked is { } t && t > from ? t : from;
        var missed = tracked is null ? 0 : await db.DailyFigures.AsNoTracking()
            .Where(d => d.EnterpriseId == enterpriseId && d.Day >= counted && d.Day <= to && (line == null || d.Line == line)).SumAsync(d => d.Missed, ct);
        var called = await db.CallbackDays.AsNoTracking()
            .Where(d => d.EnterpriseId == enterpriseId && d.Day >= from && d.Day <= to && (line == null || d.Line == line))
            .GroupBy(_ => 1).Select(g => new { CalledBack = g.Sum(d => d.CalledBack), Within = g.Sum(d => d.CalledBackWithin24Hours) }).SingleOrDefaultAsync(ct);
        var within = called?.Within ?? 0;
        var now = clock.GetUtcNow();
        var open = await OpenMissed(enterpriseId, now.AddDays(-options.Value.ListDays)).Where(c => line == null || c.Line == line)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(c => c.StartedAt) }).SingleOrDefaultAsync(ct);
        return new CallbackFigures(from, to, tracked, missed, called?.CalledBack ?? 0, within, missed == 0 ? null : Math.Round(within / (double)missed, 4),
            open?.Count ?? 0, open is null ? null : (int)(now - open.Oldest).TotalMinutes);
    }

    /// <summary>Missed inbound calls since <paramref name="since"/> with a number to call and no mark yet.</summary>
    private IQueryable<CallRecord> OpenMissed(Guid enterpriseId, DateTimeOffset since) =>
        db.Calls.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.StartedAt >= since && c.Direction == CallDirection.In && c.Missed
            && c.CustomerNumberIndex != null && !db.Callbacks.Any(m => m.EnterpriseId == enterpriseId && m.MissedCallId == c.Id));

    /// <summary>The first outbound call to the missed caller's number within the link window after the missed call.</summary>
    private async Task<CallRecord?> CallbackCallAsync(Guid enterpriseId, CallRecord missed, CancellationToken ct)
    {
        if (missed.CustomerNumberIndex is not { } index)
        {
            return null;
        }

        var until = missed.StartedAt + options.Value.LinkWindow;
        var days = Enumerable.Range(missed.StartedDay, CallRecord.DayOf(until) - missed.StartedDay + 1).ToList();
        return await db.Calls.AsNoTracking()
            .Where(c => days.Contains(c.StartedDay) && c.CustomerNumberIndex == index && c.EnterpriseId == enterpriseId && c.Direction == CallDirection.Out
                && c.StartedAt > missed.StartedAt && c.StartedAt <= until)
            .OrderBy(c => c.StartedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The mark, its roll-up and, when <paramref name="audited"/> (a person marked it), its audit entry in one transaction;
    /// null when the call was marked meanwhile (the unique index says so).
    /// </summary>
    private async Task<CallbackMark?> SaveAsync(CallRecord missed, string actor, DateTimeOffset now, CallRecord? callback, string? note, bool audited, CancellationToken ct)
    {
        var mark = new CallbackMark
        {
            EnterpriseId = missed.EnterpriseId, Line = missed.Line, MissedCallId = missed.Id, MissedAt = missed.StartedAt, DoneAt = now, DoneBy = actor,
            CallbackCallId = callback?.Id, CallbackAt = callback?.StartedAt, Note = note,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Callbacks.Add(mark);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await MarkedAsync(missed, ct))
            {
                return null; // marked meanwhile (the unique index)
            }

            throw; // any other failure surfaces
        }

        await AddToRollupAsync(mark, calledBack: 1, within: Within24Hours(mark), ct);
        if (audited)
        {
            await audit.AppendAsync(missed.EnterpriseId, actor, AuditActions.CallbackDone, $"call:{missed.Id}",
                callback is null ? "called back" : $"called back by call {callback.Id}", ct);
        }

        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return mark;
    }

    private Task AddToRollupAsync(CallbackMark mark, int calledBack, int within, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var day = ChinaTime.DateOf(mark.MissedAt);
        return db.Database.ExecuteSqlRawAsync("""
            INSERT INTO rollup_callbacks ("EnterpriseId", "Line", "Day", "CalledBack", "CalledBackWithin24Hours") VALUES ({0}, {1}, {2}, {3}, {4})
            ON CONFLICT ("EnterpriseId", "Line", "Day") DO UPDATE SET
              "CalledBack" = rollup_callbacks."CalledBack" + excluded."CalledBack",
              "CalledBackWithin24Hours" = rollup_callbacks."CalledBackWithin24Hours" + excluded."CalledBackWithin24Hours"
            """,
            [DbValues.Guid(mark.EnterpriseId, postgres), mark.Line, DbValues.Day(day, postgres), calledBack, within], ct);
    }

    private async Task<bool> MarkedAsync(CallRecord missed, CancellationToken ct)
    {
        await using var fresh = await contexts.CreateDbContextAsync(ct);
        return await fresh.Callbacks.AnyAsync(m => m.EnterpriseId == missed.EnterpriseId && m.MissedCallId == missed.Id, ct);
    }

    private static CallbackView View(CallbackMark m) => new(m.MissedCallId, m.DoneAt, m.DoneBy, m.CallbackCallId, m.CallbackAt, m.Note);
}
