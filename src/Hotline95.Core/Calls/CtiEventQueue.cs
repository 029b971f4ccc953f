using System.Threading.Channels;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline95.Core.Calls;

/// <summary>
/// Serialises live CTI events through one writer that commits whatever has queued up in one transaction.
/// A request is answered only after its event is committed, so nothing acknowledged is ever lost. The other nodes' desks are
/// told after the answers (<see cref="ProcessCtiEventHandler.NotifyDesksAsync"/>).
/// </summary>
public sealed class CtiEventQueue : IAsyncDisposable
{
    private const int MaxBatch = 500;
    private const int BatchesPerSession = 10_000;
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(10);
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CtiEventQueue> _logger;
    private readonly Task _writer;

    public CtiEventQueue(IServiceScopeFactory scopes, ILogger<CtiEventQueue> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>What the writer takes from its queue: an event to write, or work to run on its own session.</summary>
    private abstract record Item;

    private sealed record Pending(CtiSubmission Submission, TaskCompletionSource<Result<CtiAnswer>> Done) : Item;

    private sealed record SessionWork(Func<Hotline95DbContext, IServiceProvider, Task> Run, TaskCompletionSource Done) : Item;

    // The single-reader channel does not count its items.
    private int _waiting;

    // The writer's database session: touched by the write loop only.
    private Session? _session;

    /// <summary>Events (and session work) waiting for the writer, not those of the batch it is writing.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    public Task<Result<CtiAnswer>> SubmitAsync(CtiSubmission submission)
    {
        var done = new TaskCompletionSource<Result<CtiAnswer>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!TryQueue(new Pending(submission, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(CtiEventQueue)));
        }

        return done.Task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's own database session (its context and the scope's services), between two
    /// batches: the start-up rehearsal (<see cref="CtiRehearsal"/>), so that on PostgreSQL the first real batch finds this
    /// session's statements prepared and planned and its database server process's caches filled, rather than another
    /// connection's.
    /// Whatever the work tracked is forgotten after it; when it throws, or leaves a transaction open, the session is renewed
    /// and the task fails. It must not queue for the writer itself.
    /// </summary>
    internal Task OnWriterSessionAsync(Func<Hotline95DbContext, IServiceProvider, Task> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!TryQueue(new SessionWork(work, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(CtiEventQueue)));
        }

        return done.Task;
    }

    // Set while session work runs on the writer: work that queued anything would wait for its own writer forever.
    private static readonly AsyncLocal<bool> InWriter = new();

    private bool TryQueue(Item item)
    {
        if (InWriter.Value)
        {
            throw new InvalidOperationException("Work on the CTI writer's session cannot queue for the writer: it would wait for itself");
        }

        Interlocked.Increment(ref _waiting);
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Decrement(ref _waiting);
        return false;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            SessionWork? work = null;
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                Interlocked.Decrement(ref _waiting);
                if (next is SessionWork queued)
                {
                    work = queued; // after the events queued before it
                    break;
                }

                batch.Add((Pending)next);
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);
            }

            if (work is not null)
            {
                await RunAsync(work);
            }

            if (_session is not null && (_session.Batches >= BatchesPerSession || _session.Age > SessionLifetime))
            {
                await CloseAsync();
            }
        }

        await CloseAsync();
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            _session ??= await Session.OpenAsync(_scopes);
            var results = await _session.Handler.HandleBatchAsync(batch.Select(p => p.Submission).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            if (_session is not null)
            {
                await NotifyDesksAsync(_session.Handler); // what its one-by-one fallback committed before failing
            }

            await CloseAsync(); // a failed batch may leave the context in any state: start afresh

            // One bad event must not fail the others: replay them one by one, each answered with its own outcome.
            _logger.LogError(ex, "CTI batch of {Count} events failed; replaying one by one", batch.Count);
            foreach (var pending in batch)
            {
                try
                {
                    await using var scope = _scopes.CreateAsyncScope();
                    var handler = scope.ServiceProvider.GetRequiredService<ProcessCtiEventHandler>();
                    pending.Done.TrySetResult(await handler.HandleAsync(pending.Submission));
                    await NotifyDesksAsync(handler); // after the answer, as for a batch
                }
                catch (Exception single)
                {
                    _logger.LogError(single, "CTI event {CallId} failed", pending.Submission.Event.CallId);
                    pending.Done.TrySetException(single);
                }
            }
        }

        if (_session is not null && !await NotifyDesksAsync(_session.Handler))
        {
            await CloseAsync();
        }

        if (_session is not null)
        {
            _session.Batches++;
        }
    }

    private async Task RunAsync(SessionWork work)
    {
        try
        {
            _session ??= await Session.OpenAsync(_scopes);
            InWriter.Value = true;
            try
            {
                await work.Run(_session.Context, _session.Services);
            }
            finally
            {
                InWriter.Value = false;
            }

            // Nothing of the work may reach the batches after it: no entity it tracked, no transaction it left open (every
            // batch would run inside it, never committed).
            _session.Context.ChangeTracker.Clear();
            if (_session.Context.Database.CurrentTransaction is not null)
            {
                throw new InvalidOperationException("Work on the CTI writer's session left a transaction open");
            }

            work.Done.SetResult();
        }
        catch (Exception ex)
        {
            await CloseAsync(); // whatever the work left behind goes with the session
            work.Done.SetException(ex);
        }
    }

    /// <summary>
    /// Tells the other nodes' desks of what <paramref name="handler"/> committed, after the PBX was answered (it does not wait for
    /// them). Never throws: the events are committed and answered, and the other nodes' desk feeds poll and find them there.
    /// False when it failed (the handler's session is then best renewed).
    /// </summary>
    private async Task<bool> NotifyDesksAsync(ProcessCtiEventHandler handler)
    {
        try
        {
            await handler.NotifyDesksAsync();
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Telling the other nodes' desks of new desk events failed; their feeds find them when they poll");
            return false;
        }
    }

    /// <summary>Never throws: the write loop must outlive a connection that fails to close.</summary>
    private async Task CloseAsync()
    {
        var session = _session;
        _session = null;
        try
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Closing the CTI writer's database session failed");
        }
    }

    /// <summary>
    /// One scope, context and open connection kept across batches: opening them per batch cost more than a small
    /// batch's own work. The handler tracks nothing between batches; the session is renewed now and then anyway.
    /// </summary>
    private sealed class Session(AsyncServiceScope scope, Hotline95DbContext context, ProcessCtiEventHandler handler) : IAsyncDisposable
    {
        private readonly long _opened = Environment.TickCount64;

        public ProcessCtiEventHandler Handler { get; } = handler;
        public Hotline95DbContext Context { get; } = context;
        public IServiceProvider Services => scope.ServiceProvider;
        public int Batches { get; set; }
        public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - _opened);

        public static async Task<Session> OpenAsync(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var context = scope.ServiceProvider.GetRequiredService<Hotline95DbContext>();
                var database = context.Database;
                await database.OpenConnectionAsync();
                if (database.IsNpgsql())
                {
                    // The writer runs the same few statements hundreds of times a second, all auto-prepared. PostgreSQL's
                    // default plans each execution of a statement on the partitioned calls table afresh (a custom plan, its
                    // cost grows with the months kept): the batch's lookup of its calls spent 0.3 ms a batch planning for
                    // 0.02 ms of work (issue 18). Generic plans are made once and still skip the other months' partitions
                    // at run time. Npgsql's reset (RESET ALL) takes the setting away when the connection goes back to the pool.
                    // Read committed whatever the server's default: a batch's insert of a new call must see the call another
                    // node's writer committed while this one waited for the call's lock (CtiStore.AddInserts).
                    await database.ExecuteSqlRawAsync("SET plan_cache_mode = force_generic_plan; SET default_transaction_isolation = 'read committed'");
                }

                return new Session(scope, context, scope.ServiceProvider.GetRequiredService<ProcessCtiEventHandler>());
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
