using System.Threading.Channels;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Queues;

/// <summary>
/// Applies queue events in batches. Each batch is one transaction that first takes the import lock of the enterprise and
/// PBX (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), then reads the stays and agent intervals its events
/// touch, applies the events and writes the stays with their roll-ups: two imports at once (a follower and a backfill)
/// take turns batch by batch and never count an event twice. Nothing is trusted from an earlier batch but what the
/// database holds.
/// </summary>
public sealed class QueueImportSession : IDisposable
{
    /// <summary>Counts so far, over every file of the session.</summary>
    public readonly record struct Counts(int Counted, int Unchanged, int Skipped, int Rejected);

    private sealed class Stay(QueueCall current, QueueCall? stored)
    {
        public QueueCall Current { get; } = current;
        /// <summary>As the database holds it (null: not yet written).</summary>
        public QueueCall? Stored { get; } = stored;
        public bool Dirty { get; set; }
    }

    private readonly Hotline95DbContext _db;
    private readonly QueueStore _store;
    private readonly Guid _enterprise;
    private readonly string _source;
    private readonly IReadOnlyDictionary<string, string> _lineOfQueue;
    private readonly QueueThresholds _thresholds;
    private readonly int _batchLines;
    private readonly DateTimeOffset _latest;
    private readonly DateTimeOffset? _purgedBefore;
    private readonly Dictionary<string, int> _unmapped = new(StringComparer.Ordinal);
    private bool _cacheWidened;
    private int _counted, _unchanged, _skipped, _rejected;

    internal QueueImportSession(Hotline95DbContext db, Guid enterprise, string source, IReadOnlyDictionary<string, string> lineOfQueue, QueueOptions options,
        DateTimeOffset? purgedBefore, TimeProvider clock)
    {
        _db = db;
        _store = new QueueStore(db);
        _enterprise = enterprise;
        _source = source;
        _lineOfQueue = lineOfQueue;
        _thresholds = options.Thresholds;
        _batchLines = options.ImportBatchLines;
        _purgedBefore = purgedBefore;
        _latest = RowRules.LatestStart(clock.GetUtcNow());
    }

    public Counts Totals => new(_counted, _unchanged, _skipped, _rejected);

    /// <summary>Queues met that are on no 95 line, with the number of their lines (skipped: a PBX has queues of its own).</summary>
    public IReadOnlyDictionary<string, int> UnmappedQueues => _unmapped;

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
                var batch = new List<QueueLine>(_batchLines);
                foreach (var line in lines)
                {
                    batch.Add(line);
                    if (batch.Count == _batchLines)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<QueueLine>(_batchLines);
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

            if (line.Event is { Queue.Length: > 0 } unmapped && !_lineOfQueue.ContainsKey(unmapped.Queue) && line.Reason is null)
            {
                _skipped++;
                _unmapped[unmapped.Queue] = _unmapped.GetValueOrDefault(unmapped.Queue) + 1;
                continue;
            }

            var reason = line.Reason
                ?? (line.Event is null ? "unreadable line" : QueueEventRules.Check(line.Event, _latest))
                ?? (IsCallEvent(line.Event!) && line.Event!.At < _purgedBefore
                    ? $"before {Common.ChinaTime.ToChina(_purgedBefore.Value):yyyy-MM-dd}, the cutoff of the last retention purge: its stays were counted and purged; counting them again would count them twice"
                    : null);
            if (reason is not null)
            {
                Reject(rejects, line, reason);
                continue;
            }

            events.Add((line, line.Event!));
        }

        if (!_cacheWidened)
        {
            await _store.WidenCacheAsync(ct);
            _cacheWidened = true;
        }

        await using var tx = await _db.Database.BeginTransactionAsync(ct);
        await _store.LockAsync(_enterprise, _source, ct);
        var stays = await LoadStaysAsync(events, ct);
        var restarts = new List<DateTimeOffset>();
        var resolvedInMemory = false;
        var agentEvents = new List<QueueEvent>();
        foreach (var (line, e) in events)
        {
            switch (e.Kind)
            {
                case QueueEventKind.Enter:
                    Enter(stays, e);
                    break;
                case QueueEventKind.Restart:
                    foreach (var stay in stays.Values.SelectMany(s => s))
                    {
                        var resolved = stay.Current.Apply(e);
                        stay.Dirty |= resolved;
                        resolvedInMemory |= resolved;
                    }

                    restarts.Add(e.At);
                    agentEvents.Add(e); // a restart also ends AGENTLOGIN sessions and pauses
                    break;
                case QueueEventKind.SessionStart or QueueEventKind.SessionEnd or QueueEventKind.PauseStart or QueueEventKind.PauseEnd:
                    agentEvents.Add(e);
                    break;
                default:
                    var target = stays.TryGetValue(e.CallId, out var list)
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

        var resolvedInDatabase = 0;
        foreach (var at in restarts)
        {
            resolvedInDatabase += await _store.ResolveRestartAsync(_enterprise, _source, at, ct);
        }

        var delta = new QueueRollupDelta();
        var inserts = new List<QueueCall>();
        foreach (var stay in stays.Values.SelectMany(s => s).Where(s => s.Dirty))
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
        }

        await _store.InsertAsync(inserts, ct);
        await _store.ApplyAsync(delta, ct);
        var agentChanges = await ApplyAgentEventsAsync(agentEvents, ct);
        await tx.CommitAsync(ct);

        // A restart counts when it resolved a stay or ended an interval; replayed, it finds none.
        var restartsChanged = resolvedInDatabase > 0 || resolvedInMemory || agentChanges.RestartChanged;
        _counted += restartsChanged ? restarts.Count : 0;
        _unchanged += restartsChanged ? 0 : restarts.Count;
    }

    private static bool IsCallEvent(QueueEvent e) =>
        e.Kind is QueueEventKind.Enter or QueueEventKind.Connect or QueueEventKind.Complete or QueueEventKind.Exit or QueueEventKind.RingNoAnswer;

    private void Reject(RejectedLines rejects, QueueLine line, string reason)
    {
        var before = rejects.Count;
        rejects.Add(line.Number, line.Raw, reason);
        _rejected += rejects.Count - before;
    }

    private void Enter(Dictionary<string, List<Stay>> stays, QueueEvent e)
    {
        if (!stays.TryGetValue(e.CallId, out var list))
        {
            stays[e.CallId] = list = [];
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
    /// The stored stays of the batch's calls, read under the lock. A call needs no read only when every event of it here
    /// belongs to a stay that enters here later than every stored entry (a first import of a file reads almost nothing).
    /// </summary>
    private async Task<Dictionary<string, List<Stay>>> LoadStaysAsync(List<(QueueLine Line, QueueEvent Event)> events, CancellationToken ct)
    {
        var latest = await _store.LatestEntryAsync(_enterprise, _source, ct);
        var fresh = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal); // call id → queues entered here after the latest stored entry
        var load = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, e) in events)
        {
            if (!IsCallEvent(e))
            {
                continue;
            }

            if (e.Kind == QueueEventKind.Enter && (latest is null || e.At > latest))
            {
                if (!fresh.TryGetValue(e.CallId, out var queues))
                {
                    fresh[e.CallId] = queues = new HashSet<string>(StringComparer.Ordinal);
                }

                queues.Add(e.Queue);
            }
            else if (!fresh.TryGetValue(e.CallId, out var entered) || !entered.Contains(e.Queue) || e.Kind == QueueEventKind.Enter)
            {
                load.Add(e.CallId);
            }
        }

        var stays = new Dictionary<string, List<Stay>>(StringComparer.Ordinal);
        foreach (var stored in load.Count == 0 ? [] : await _store.FindAsync(_enterprise, _source, load, ct))
        {
            if (!stays.TryGetValue(stored.SourceId, out var list))
            {
                stays[stored.SourceId] = list = [];
            }

            list.Add(new Stay(stored, stored.Copy()));
        }

        // Stays a restart in this batch may resolve, not otherwise read, are resolved by the database update.
        return stays;
    }

    /// <summary>
    /// Sessions and pauses: a start opens an interval unless one is open (a repeated ADDMEMBER) or this very one is stored
    /// (a re-import); an end closes the open one; an end whose start is not in the records is skipped. A PBX restart ends
    /// the AGENTLOGIN sessions (agents log in again) and every pause; queue memberships (ADDMEMBER) survive it, as Asterisk
    /// restores persistent members.
    /// </summary>
    private async Task<(bool RestartChanged, int Changed)> ApplyAgentEventsAsync(List<QueueEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return (false, 0);
        }

        // One read for the batch: the intervals still open, and those that ended within it (a re-import finds them).
        var from = events.Min(e => e.At);
        var all = await _store.IntervalsAsync(_enterprise, from, ct);
        var loaded = all.GroupBy(i => (i.Agent, i.Queue, i.Kind)).ToDictionary(g => g.Key, g => g.ToList());
        var restartChanged = false;
        var changed = 0;
        foreach (var e in events)
        {
            if (e.Kind == QueueEventKind.Restart)
            {
                foreach (var open in all.Where(i => i.EndedAt is null && i.StartedAt < e.At && (i.Kind == AgentIntervalKind.Pause || i.Queue.Length == 0)))
                {
                    open.EndedAt = e.At;
                    await _store.EndAsync(open, ct);
                    restartChanged = true;
                }

                continue;
            }

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
                all.Add(opened);
                _counted++;
                changed++;
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
                changed++;
            }
            else
            {
                _skipped++;
            }
        }

        return (restartChanged, changed);
    }

    public void Dispose() => _store.Dispose();
}
