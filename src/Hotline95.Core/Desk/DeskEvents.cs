using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Desk;

/// <summary>The desk events table read for one desk (its catch-up on connecting) and pruned.</summary>
public sealed class DeskEventsHandler(Hotline95DbContext db, IOptions<DeskOptions> options, TimeProvider clock)
{
    /// <summary>The most events one catch-up sends; a desk further behind starts from the newest of them.</summary>
    public const int MaxCatchUp = 500;

    /// <summary>
    /// The user's events after <paramref name="lastEventId"/> (the browser's Last-Event-ID on reconnecting) or, for a desk that
    /// connects afresh, those of the last <see cref="DeskOptions.RecentOnConnect"/>; oldest first.
    /// </summary>
    public async Task<IReadOnlyList<DeskEventView>> CatchUpAsync(Guid enterpriseId, Guid userId, long? lastEventId, CancellationToken ct = default)
    {
        var token = DeskRecipients.Token(userId);
        var events = db.DeskEvents.AsNoTracking()
            .Where(e => e.EnterpriseId == enterpriseId && (e.Recipients == null || e.Recipients.Contains(token)));
        if (lastEventId is { } after)
        {
            events = events.Where(e => e.Id > after);
        }
        else
        {
            var since = clock.GetUtcNow() - options.Value.RecentOnConnect;
            events = events.Where(e => e.At >= since);
        }

        var rows = await events.OrderByDescending(e => e.Id).Take(MaxCatchUp).ToListAsync(ct);
        return rows.OrderBy(e => e.Id).Select(DeskEventView.From).ToList();
    }

    /// <summary>Deletes desk events older than <see cref="DeskOptions.KeepEventsFor"/>; returns how many.</summary>
    public Task<int> PruneAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow() - options.Value.KeepEventsFor;
        return db.DeskEvents.Where(e => e.At < before).ExecuteDeleteAsync(ct);
    }
}
