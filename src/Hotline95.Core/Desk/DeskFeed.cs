using System.Collections.Concurrent;
using System.Threading.Channels;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Desk;

/// <summary>
/// This node's one reader of the desk events table, fanning each new event out in process to the connected desks it is for
/// (same enterprise; a named recipient, or every desk when it names none). The table is the bus between nodes and the one
/// source: whatever wakes the reader, it reads the table.
/// <para>
/// The reader starts with the first desk. It reads at once when woken (<see cref="Notify"/>): by the CTI writer of this node
/// after a commit that wrote desk events, and on PostgreSQL by this node's <see cref="DeskListener"/> when any node's CTI
/// transaction commits (LISTEN/NOTIFY). It also polls, as a fallback: every <see cref="DeskOptions.ListeningPollInterval"/>
/// while the listener listens, every <see cref="DeskOptions.PollInterval"/> when there is no listener (SQLite) or it lost its
/// session, and every <see cref="DeskOptions.IdlePollInterval"/> while no desk is connected (only to keep its place). Each
/// read borrows a pooled connection for one query and gives it back: an idle stream holds no connection (the listener holds
/// one session per node).
/// </para>
/// <para>
/// Ids come from a sequence, and on PostgreSQL two nodes' transactions may commit out of id order: a poll can see id 11
/// before id 10 commits. The reader keeps its place as the highest id below which it has seen everything, remembers the ids
/// seen above it. New events are read above the highest id seen, so a gap never holds them back; the ids missing below it
/// are looked up apart until <see cref="DeskOptions.GapWait"/> has passed (a rolled-back transaction's never come).
/// </para>
/// </summary>
public sealed class DeskFeed(IDbContextFactory<Hotline95DbContext> contexts, DatabaseTarget target, IOptions<DeskOptions> options, ILogger<DeskFeed> log) : IAsyncDisposable
{
    /// <summary>Events a desk may fall behind by before its stream is ended (it reconnects and catches up from the table).</summary>
    public const int DeskBuffer = 1000;

    private const int ReadBatch = 1000;

    // Waits are transport timing, not business time: wall-clock, also under the tests' fake clock (which never moves by itself).
    private static readonly TimeProvider Wall = TimeProvider.System;

    private readonly ConcurrentDictionary<DeskSubscription, byte> _desks = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource _placed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _reader;
    private Task? _listener;
    private volatile bool _listening;

    // The reader's place (touched by the reader loop only).
    private long _floor;
    private readonly SortedSet<long> _seenAbove = [];
    private DateTimeOffset? _gapSince;

    public int Connected => _desks.Count;

    /// <summary>True while this node's <see cref="DeskListener"/> listens (PostgreSQL): the poll is then only a fallback.</summary>
    public bool Listening => _listening;

    /// <summary>
    /// A desk of <paramref name="userId"/> starts listening. Returns once the reader has its place, so that every event is
    /// either before it (and in the table for the desk's catch-up read) or after it (and fanned out to this subscription).
    /// </summary>
    public async Task<DeskSubscription> SubscribeAsync(Guid enterpriseId, Guid userId, CancellationToken ct)
    {
        var desk = new DeskSubscription(this, enterpriseId, userId);
        _desks.TryAdd(desk, 0);
        try
        {
            EnsureStarted();
            await _placed.Task.WaitAsync(ct);
        }
        catch
        {
            desk.Dispose();
            throw;
        }

        Notify();
        return desk;
    }

    /// <summary>Read the table now rather than at the next poll.</summary>
    public void Notify() => _wake.Writer.TryWrite(true);

    internal void Remove(DeskSubscription desk) => _desks.TryRemove(desk, out _);

    internal void SetListening(bool listening) => _listening = listening;

    private void EnsureStarted()
    {
        lock (_startLock)
        {
            _reader ??= Task.Run(() => ReadLoopAsync(_stop.Token));
            if (DeskListener.Applies(target))
            {
                _listener ??= Task.Run(() => new DeskListener(target, this, log).RunAsync(_stop.Token));
            }
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (!_placed.Task.IsCompleted)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                _floor = await db.DeskEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
                _placed.TrySetResult();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "The desk feed could not read its starting point; retrying");
                await WaitAsync(options.Value.IdlePollInterval, ct);
            }
        }

        while (!ct.IsCancellationRequested)
        {
            await WaitAsync(_desks.IsEmpty ? options.Value.IdlePollInterval : _listening ? options.Value.ListeningPollInterval : options.Value.PollInterval, ct);
            if (ct.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await PollAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "The desk feed failed to read desk events; retrying at the next poll");
            }
        }
    }

    /// <summary>Until the interval passes or <see cref="Notify"/> is called.</summary>
    private async Task WaitAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(interval);
        try
        {
            await _wake.Reader.WaitToReadAsync(timeout.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            // the interval passed (or the node stops: the caller checks)
        }
    }

    /// <summary>Reads until it has caught up: a backlog longer than one read is read at once, not one read per poll.</summary>
    private async Task PollAsync(CancellationToken ct)
    {
        while (await ReadOnceAsync(ct) == ReadBatch)
        {
        }
    }

    /// <summary>One read of the new events (and of the late ones below them); the number of new ones.</summary>
    private async Task<int> ReadOnceAsync(CancellationToken ct)
    {
        List<DeskEvent> rows;
        int fresh;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var top = _seenAbove.Count > 0 ? _seenAbove.Max : _floor;
            rows = await db.DeskEvents.AsNoTracking().Where(e => e.Id > top).OrderBy(e => e.Id).Take(ReadBatch).ToListAsync(ct);
            fresh = rows.Count;
            if (_seenAbove.Count > 0)
            {
                // The ids missing below the highest seen (a transaction that committed after a later one): each gap is
                // looked up by its range, which finds only the late rows, however many events were seen around it.
                var gaps = Gaps();
                var late = new List<DeskEvent>();
                if (gaps is null)
                {
                    var floor = _floor;
                    var present = await db.DeskEvents.AsNoTracking().Where(e => e.Id > floor && e.Id < top).Select(e => e.Id).ToListAsync(ct);
                    var missing = present.Where(id => !_seenAbove.Contains(id)).ToList();
                    if (missing.Count > 0)
                    {
                        late.AddRange(await db.DeskEvents.AsNoTracking().Where(e => missing.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct));
                    }
                }
                else
                {
                    foreach (var (from, to) in gaps)
                    {
                        late.AddRange(await db.DeskEvents.AsNoTracking().Where(e => e.Id >= from && e.Id <= to).OrderBy(e => e.Id).ToListAsync(ct));
                    }
                }

                rows.InsertRange(0, late);
            }
        }

        foreach (var row in rows)
        {
            if (_seenAbove.Add(row.Id))
            {
                FanOut(row);
            }
        }

        Advance(Wall.GetUtcNow());
        return fresh;
    }

    private const int MaxGapReads = 8;

    /// <summary>The ranges of ids not yet seen between the place and the highest id seen; null when there are too many to read one by one.</summary>
    private List<(long From, long To)>? Gaps()
    {
        var gaps = new List<(long, long)>();
        var previous = _floor;
        foreach (var id in _seenAbove)
        {
            if (id > previous + 1)
            {
                if (gaps.Count == MaxGapReads)
                {
                    return null;
                }

                gaps.Add((previous + 1, id - 1));
            }

            previous = id;
        }

        return gaps;
    }

    private void FanOut(DeskEvent row)
    {
        DeskEventView? view = null;
        foreach (var desk in _desks.Keys)
        {
            if (desk.EnterpriseId == row.EnterpriseId && DeskRecipients.Includes(row.Recipients, desk.UserId))
            {
                desk.Offer(view ??= DeskEventView.From(row));
            }
        }
    }

    private void Advance(DateTimeOffset now)
    {
        while (true)
        {
            var advanced = false;
            while (_seenAbove.Remove(_floor + 1))
            {
                _floor++;
                advanced = true;
            }

            if (_seenAbove.Count == 0)
            {
                _gapSince = null;
                return;
            }

            if (advanced || _gapSince is null)
            {
                _gapSince = now; // a new lowest gap: wait for it from now
                return;
            }

            if (now - _gapSince < options.Value.GapWait)
            {
                return;
            }

            // Rolled-back transactions (and the start-up rehearsal) use ids that never appear: ordinary, not a fault.
            log.LogDebug("Desk event ids {From}–{To} never appeared; the feed moves past them", _floor + 1, _seenAbove.Min - 1);
            _floor = _seenAbove.Min - 1;
            _gapSince = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            await _reader;
        }

        if (_listener is not null)
        {
            await _listener;
        }

        foreach (var desk in _desks.Keys)
        {
            desk.Dispose();
        }

        _stop.Dispose();
    }
}

/// <summary>One connected desk: the events for it, in the order the feed read them.</summary>
public sealed class DeskSubscription : IDisposable
{
    private readonly DeskFeed _feed;
    private readonly Channel<DeskEventView> _events = Channel.CreateBounded<DeskEventView>(new BoundedChannelOptions(DeskFeed.DeskBuffer) { SingleReader = true });

    internal DeskSubscription(DeskFeed feed, Guid enterpriseId, Guid userId)
    {
        _feed = feed;
        EnterpriseId = enterpriseId;
        UserId = userId;
    }

    public Guid EnterpriseId { get; }
    public Guid UserId { get; }

    /// <summary>Completes when the desk fell too far behind (or the node stops): the stream ends and the browser catches up on reconnecting.</summary>
    public ChannelReader<DeskEventView> Events => _events.Reader;

    internal void Offer(DeskEventView view)
    {
        if (!_events.Writer.TryWrite(view))
        {
            _events.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        _events.Writer.TryComplete();
        _feed.Remove(this);
    }
}
