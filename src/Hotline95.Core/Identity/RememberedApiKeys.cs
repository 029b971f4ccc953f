using System.Collections.Concurrent;

namespace Hotline95.Core.Identity;

/// <summary>
/// The API keys that authenticated a CTI event on this node, by hash, so that a PBX posting hundreds of events a second
/// does not cost a database query per event before its event is even queued (issue 18: through HAProxy that query was
/// most of a node's work per request). Memory is never the last word: every event answered from here carries its key's id
/// to the CTI writer, which confirms the key is still unrevoked in the batch's own round trip (<see cref="StillValidSql"/>),
/// after the request arrived; an event whose key was revoked meanwhile, on any node, is refused and written nowhere, and
/// the key is forgotten. Only keys that authenticated are kept (a wrong key is looked up in the database each time), at
/// most <see cref="Capacity"/>.
/// </summary>
public sealed class RememberedApiKeys
{
    public const int Capacity = 4096;

    /// <summary>The ids among <c>@p0</c> (an array) of keys that still exist and are not revoked (PostgreSQL).</summary>
    public const string StillValidSql = """SELECT "Id" FROM api_keys WHERE "Id" = ANY(@p0) AND "RevokedAt" IS NULL""";

    /// <summary>The same for one key <c>@p0</c> (SQLite, in process: one statement per key).</summary>
    public const string StillValidOneSql = """SELECT "Id" FROM api_keys WHERE "Id" = @p0 AND "RevokedAt" IS NULL""";

    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<ApiKeyPrincipal?>> _lookingUp = new(StringComparer.Ordinal);

    private sealed class Entry(ApiKeyPrincipal key, DateTimeOffset lastUsed)
    {
        private long _lastUsedTicks = lastUsed.UtcTicks;

        public ApiKeyPrincipal Key { get; } = key;

        /// <summary>True for exactly one caller once <paramref name="resolution"/> has passed since the last recorded use.</summary>
        public bool ClaimTouch(DateTimeOffset now, TimeSpan resolution)
        {
            var last = Interlocked.Read(ref _lastUsedTicks);
            var elapsed = now.UtcTicks - last;
            return (elapsed >= resolution.Ticks || elapsed < 0) && Interlocked.CompareExchange(ref _lastUsedTicks, now.UtcTicks, last) == last;
        }
    }

    /// <summary>How many keys this node remembers.</summary>
    public int Count => _byHash.Count;

    /// <summary>The key this node remembers for <paramref name="hash"/>, and whether its last use is due to be written now (claimed by this caller).</summary>
    public (ApiKeyPrincipal Key, bool TouchDue)? Find(string hash, DateTimeOffset now, TimeSpan resolution) =>
        _byHash.TryGetValue(hash, out var entry) ? (entry.Key, entry.ClaimTouch(now, resolution)) : null;

    public void Remember(string hash, ApiKeyPrincipal key, DateTimeOffset lastUsed)
    {
        if (_byHash.Count >= Capacity)
        {
            _byHash.Clear(); // many keys in use at once is not a PBX's shape: start again rather than grow
        }

        // The same key looked up again (a request that missed it just before another's lookup answered) keeps its entry, and
        // with it who claimed its use: one request a minute is told to record it.
        _byHash.AddOrUpdate(hash, _ => new Entry(key, lastUsed), (_, known) => known.Key == key ? known : new Entry(key, lastUsed));
    }

    /// <summary>
    /// One database lookup at a time per key hash: requests that arrive while it runs (a PBX's first burst on a fresh node,
    /// dozens within a millisecond) take its answer instead of each reading the key and writing its use; on PostgreSQL
    /// those writes waited for the synchronous standby one after another on the key's row, and made the first second's
    /// slowest answers (issue 18). When the lookup fails, each waiting request looks the key up itself. A waiter whose own
    /// request is cancelled (its client went away) stops waiting; the lookup goes on for the others.
    /// </summary>
    public async Task<ApiKeyPrincipal?> LookUpOnceAsync(string hash, Func<Task<ApiKeyPrincipal?>> lookUp, CancellationToken ct = default)
    {
        var mine = new TaskCompletionSource<ApiKeyPrincipal?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _lookingUp.GetOrAdd(hash, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                return await running.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception)
            {
                return await lookUp(); // that request's lookup failed or was cancelled with it: this one's own
            }
        }

        try
        {
            var found = await lookUp();
            mine.SetResult(found);
            return found;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            _ = mine.Task.Exception; // observed: each waiter tries for itself
            throw;
        }
        finally
        {
            _lookingUp.TryRemove(KeyValuePair.Create(hash, mine.Task));
        }
    }

    public void Forget(Guid keyId)
    {
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.Key.KeyId == keyId)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }
}
