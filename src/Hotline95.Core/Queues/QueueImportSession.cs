using System.Threading.Channels;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Queues;

/// <summary>
/// Applies queue events in batches, each batch in one transaction with its roll-ups (the figures and the stays they
/// count are committed together or not at all). Stays still open (waiting, or answered and talking) stay in memory
/// between batches, so the events of a call that straddle two batches need no second read.
/// </summary>
public sealed class QueueImportSession : IDisposable
{
    public const int BatchLines = 10_000;

    /// <summary>Counts so far, over every file of the session.</summary>
    public readonly record struct Counts(int Counted, int Unchanged, int Skipped, int Rejected);

    private sealed class Stay(QueueCall current, QueueCall? stored)
    {
        public QueueCall Current { get; } = current;
        /// <summary>As written to the database (null: not yet written).</summary>
        public QueueCall? Stored { get; set; } = stored;
        public bool Dirty { get; set; }
    }

    private readonly Hotline95DbContext _db;
    private readonly QueueStore _store;
    private readonly Guid _enterprise;
    private readonly string _source;
    private readonly IReadOnlyDictionary<string, string> _lineOfQueue;
    private readonly QueueThresholds _thresholds;
    private readonly DateTimeOffset _latest;
    private readonly Dictionary<string, List<Stay>> _stays = new(StringComparer.Ordinal);
    private DateTimeOffset? _highWater;
    private bool _highWaterRead;
    private int _counted, _unchanged, _skipped, _rejected;

    internal QueueImportSession(Hotline95DbContext db, Guid enterprise, string source, IReadOnlyDictionary<string, string> lineOfQueue, QueueThresholds thresholds, TimeProvider clock)
    {
        _db = db;
        _store = new QueueStore(db);
        _enterprise = enterprise;
        _source = source;
        _lineOfQueue = lineOfQueue;
        _thresholds = thresholds;
        _latest = RowRules.LatestStart(clock.GetUtcNow());
    }

    public Counts Totals => new(_counted, _unchanged, _skipped, _rejected);

    /// <summary>
    /// Imports <paramref name="lines"/> in batches; <paramref name="committed"/> is told the number of lines read after each
    /// committed batch. The file is read and parsed on a second thread while the batch before is applied and written.
    /// </summary>
    public async Task ImportAsync(IEnumerable<QueueLine> lines, RejectedLines rejects, Action<long>? committed, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<List<QueueLine>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = new List<QueueLine>(BatchLines);
                foreach (var line in lines)
                {
                    batch.Add(line);
                    if (batch.Count == BatchLines)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<QueueLine>(BatchLines);
                    }
                }

                if (batch.Count > 0)
                {
                    await batches.Writer.WriteAsync(batch, stop.Token);
                }

                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        long read = 0;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                await ApplyAsync(batch, rejects, ct);
                read += batch.Count;
                committed?.Invoke(read);
            }
        }
        finally
        {
            await stop.CancelAsync(); // a failed batch stops the reader too
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task ApplyAsync(List<QueueLine> lines, RejectedLines rejects, CancellationToken ct)
    {
        var events = new List<(QueueLine Line, QueueEvent Event)>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Skipped)
            {
                _skipped++;
                continue;
            }

            var reason = line.Reason
                ?? (line.Event is null ? "unreadable line" : QueueEventRules.Check(line.Event, _latest))
                ?? (line.Event!.Queue.Length > 0 && !_lineOfQueue.ContainsKey(line.Event.Queue)
                    ? $"queue '{line.Event.Queue}' is mapped to no 95 line (map it: hotline95 lines queues 95XXX --queues {line.Event.Queue})"
                    : null);
            if (reason is not null)
            {
                Reject(rejects, line, reason);
                continue;
            }

            events.Add((line, line.Event!));
        }

        await LoadStaysAsync(events, ct);

        var restarts = new List<(DateTimeOffset At, bool Resolved)>();
        var agentEvents = new List<(QueueLine Line, QueueEvent Event)>();
        foreach (var (line, e) in events)
        {
            switch (e.Kind)
            {
                case QueueEventKind.Enter:
                    Enter(e);
                    break;
                case QueueEventKind.Restart:
                    var resolved = false;
                    foreach (var stay in _stays.Values.SelectMany(s => s))
                    {
                        var changed = stay.Current.Apply(e);
                        stay.Dirty |= changed;
                        resolved |= changed;
                    }

                    restarts.Add((e.At, resolved));
                    break;
                case QueueEventKind.SessionStart or QueueEventKind.SessionEnd or QueueEventKind.PauseStart or QueueEventKind.PauseEnd:
                    agentEvents.Add((line, e));
                    break;
                default:
                    var target = _stays.TryGetValue(e.CallId, out var list)
                        ? list.Where(s => s.Current.Queue == e.Queue && s.Current.EnteredAt <= e.At).MaxBy(s => s.Current.EnteredAt)
                        : null;
                    if (target is null)
                    {
                        Reject(rejects, line, $"{e.Name} of call {e.CallId} in queue {e.Queue}, which has no ENTERQUEUE before it in the records");
                    }
                    else if (target.Current.Apply(e))
                    {
                        target.Dirty = true;
                        _counted++;
                    }
                    else
                    {
                        _unchanged++;
                    }

                    break;
            }
        }

        await using var tx = await _db.Database.BeginTransactionAsync(ct);
        foreach (var (at, resolved) in restarts)
        {
            // A restart counts when it left a stay unresolved, in memory or in the database; replayed, it finds none.
            if (await _store.ResolveRestartAsync(_enterprise, _source, at, ct) > 0 || resolved)
            {
                _counted++;
            }
            else
            {
                _unchanged++;
            }
        }

        var delta = new QueueRollupDelta();
        var written = new List<(Stay Stay, QueueCall Stored)>();
        var inserts = new List<QueueCall>();
        foreach (var stay in _stays.Values.SelectMany(s => s).Where(s => s.Dirty))
        {
            if (stay.Stored is null)
            {
                inserts.Add(stay.Current);
            }
            else
            {
                await _store.UpdateAsync(stay.Current, ct);
            }

            delta.Change(stay.Stored, stay.Current, _thresholds);
            written.Add((stay, stay.Current.Copy()));
        }

        await _store.InsertAsync(inserts, ct);
        await _store.ApplyAsync(delta, ct);
        await ApplyAgentEventsAsync(agentEvents, ct);
        await tx.CommitAsync(ct);

        // Only once committed does memory say what the database holds.
        foreach (var (stay, stored) in written)
        {
            stay.Stored = stored;
            stay.Dirty = false;
            if (_highWater is null || stored.EnteredAt > _highWater)
            {
                _highWater = stored.EnteredAt;
            }
        }

        Evict(events.Count > 0 ? events[^1].Event.At : null);
    }

    private void Reject(RejectedLines rejects, QueueLine line, string reason)
    {
        _rejected++;
        rejects.Add(line.Number, line.Raw, reason);
    }

    private void Enter(QueueEvent e)
    {
        if (!_stays.TryGetValue(e.CallId, out var list))
        {
            _stays[e.CallId] = list = [];
        }

        if (list.Any(s => s.Current.Queue == e.Queue && s.Current.EnteredAt == e.At))
        {
            _unchanged++;
            return;
        }

        list.Add(new Stay(new QueueCall
        {
            EnterpriseId = _enterprise,
            Line = _lineOfQueue[e.Queue],
            Queue = e.Queue,
            SourceSystem = _source,
            SourceId = e.CallId,
            EnteredAt = e.At,
            State = QueueCallState.Waiting,
        }, null) { Dirty = true });
        _counted++;
    }

    /// <summary>
    /// Reads the stored stays of the batch's calls that memory does not hold. A call whose first event here is an
    /// ENTERQUEUE later than every stored entry cannot have a stored stay: no read (a first import reads nothing).
    /// </summary>
    private async Task LoadStaysAsync(List<(QueueLine Line, QueueEvent Event)> events, CancellationToken ct)
    {
        if (!_highWaterRead)
        {
            await _store.WidenCacheAsync(ct);
            _highWater = await _store.LatestEntryAsync(_enterprise, _source, ct);
            _highWaterRead = true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var load = new List<string>();
        foreach (var (_, e) in events)
        {
            if (e.CallId.Length == 0 || e.Kind is not (QueueEventKind.Enter or QueueEventKind.Connect or QueueEventKind.Complete or QueueEventKind.Exit or QueueEventKind.RingNoAnswer)
                || _stays.ContainsKey(e.CallId) || !seen.Add(e.CallId))
            {
                continue;
            }

            if (e.Kind == QueueEventKind.Enter && (_highWater is null || e.At > _highWater))
            {
                continue;
            }

            load.Add(e.CallId);
        }

        if (load.Count == 0)
        {
            return;
        }

        foreach (var stored in await _store.FindAsync(_enterprise, _source, load, ct))
        {
            if (!_stays.TryGetValue(stored.SourceId, out var list))
            {
                _stays[stored.SourceId] = list = [];
            }

            list.Add(new Stay(stored, stored.Copy()));
        }
    }

    /// <summary>Forgets stays that are over, and open ones a day older than the newest event (they are read again if an event comes).</summary>
    private void Evict(DateTimeOffset? newest)
    {
        var stale = newest?.AddDays(-1);
        foreach (var (callId, list) in _stays.ToList())
        {
            list.RemoveAll(s => !s.Dirty && (s.Current.State is QueueCallState.Abandoned or QueueCallState.Unresolved
                || (s.Current.State == QueueCallState.Answered && s.Current.TalkSeconds is not null)
                || s.Current.EnteredAt < stale));
            if (list.Count == 0)
            {
                _stays.Remove(callId);
            }
        }
    }

    /// <summary>
    /// Sessions and pauses: a start opens an interval unless one is open (a repeated ADDMEMBER) or this very one is stored
    /// (a re-import); an end closes the open one. An end whose start is not in the records is skipped.
    /// </summary>
    private async Task ApplyAgentEventsAsync(List<(QueueLine Line, QueueEvent Event)> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        // One read for the batch: the intervals still open, and those that ended within it (a re-import finds them).
        var from = events.Min(e => e.Event.At);
        var loaded = (await _store.IntervalsAsync(_enterprise, from, ct))
            .GroupBy(i => (i.Agent, i.Queue, i.Kind))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (_, e) in events)
        {
            var kind = e.Kind is QueueEventKind.SessionStart or QueueEventKind.SessionEnd ? AgentIntervalKind.Session : AgentIntervalKind.Pause;
            var key = (e.Agent, e.Queue, kind);
            if (!loaded.TryGetValue(key, out var intervals))
            {
                loaded[key] = intervals = [];
            }

            if (e.Kind is QueueEventKind.SessionStart or QueueEventKind.PauseStart)
            {
                if (intervals.Any(i => i.StartedAt == e.At || (i.EndedAt is null && i.StartedAt <= e.At)))
                {
                    _unchanged++;
                    continue;
                }

                var opened = new AgentInterval { EnterpriseId = _enterprise, Agent = e.Agent, Queue = e.Queue, Kind = kind, SourceSystem = _source, StartedAt = e.At };
                await _store.InsertAsync(opened, ct);
                intervals.Add(opened);
                _counted++;
                continue;
            }

            if (intervals.Any(i => i.EndedAt == e.At))
            {
                _unchanged++;
            }
            else if (intervals.Where(i => i.EndedAt is null && i.StartedAt <= e.At).MaxBy(i => i.StartedAt) is { } open)
            {
                open.EndedAt = e.At;
                await _store.EndAsync(open, ct);
                _counted++;
            }
            else
            {
                _skipped++;
            }
        }
    }

    public void Dispose() => _store.Dispose();
}
