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
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CtiEventQueue> _logger;
    private readonly Task _writer;

    public CtiEventQueue(IServiceScopeFactory scopes, ILogger<CtiEventQueue> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    private sealed record Pending(CtiSubmission Submission, TaskCompletionSource<Result<CtiAnswer>> Done);

    // The single-reader channel does not count its items.
    private int _waiting;

    /// <summary>Events waiting for the writer (not those of the batch it is writing).</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    public Task<Result<CtiAnswer>> SubmitAsync(CtiSubmission submission)
    {
        var done = new TaskCompletionSource<Result<CtiAnswer>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(new Pending(submission, done)))
        {
            Interlocked.Decrement(ref _waiting);
            done.SetException(new ObjectDisposedException(nameof(CtiEventQueue)));
        }

        return done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        Session? session = null;
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                Interlocked.Decrement(ref _waiting);
            }

            try
            {
                session ??= await Session.OpenAsync(_scopes);
                var results = await session.Handler.HandleBatchAsync(batch.Select(p => p.Submission).ToList());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                if (session is not null)
                {
                    await NotifyDesksAsync(session.Handler); // what its one-by-one fallback committed before failing
                }

                await CloseAsync(session); // a failed batch may leave the context in any state: start afresh
                session = null;

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

            if (session is not null && !await NotifyDesksAsync(session.Handler))
            {
                await CloseAsync(session);
                session = null;
            }

            if (session is not null && (++session.Batches >= BatchesPerSession || session.Age > SessionLifetime))
            {
                await CloseAsync(session);
                session = null;
            }
        }

        await CloseAsync(session);
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
    private async Task CloseAsync(Session? session)
    {
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
    private sealed class Session(AsyncServiceScope scope, ProcessCtiEventHandler handler) : IAsyncDisposable
    {
        private readonly long _opened = Environment.TickCount64;

        public ProcessCtiEventHandler Handler { get; } = handler;
        public int Batches { get; set; }
        public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - _opened);

        public static async Task<Session> OpenAsync(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var database = scope.ServiceProvider.GetRequiredService<Hotline95DbContext>().Database;
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

                return new Session(scope, scope.ServiceProvider.GetRequiredService<ProcessCtiEventHandler>());
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
