using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Security;

/// <summary>
/// Hands out the unwrapped data keys (one per enterprise and month, created on first use) and the
/// blind-index keys, caching them in memory. Key material never leaves the process.
/// </summary>
public sealed class KeyRing(IDbContextFactory<Hotline95DbContext> dbFactory, MasterKeyStore store, TimeProvider clock)
{
    /// <summary>
    /// How long a node uses its cached key of a past month before asking the database again. The retention purge runs on
    /// one node and destroys a month's key there (crypto-shredding); every other node drops its copy within this time, so
    /// it neither reads that month's records nor stores new ones under a destroyed key. The current month's key is never
    /// purged and is not asked again (the CTI path's key).
    /// </summary>
    public static readonly TimeSpan PastMonthRecheck = TimeSpan.FromMinutes(1);

    /// <summary>A data key as this node last read it: null when destroyed (for good), with its month and when it was read.</summary>
    private sealed record CachedKey(byte[]? Key, DateOnly Month, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<int, CachedKey> _byId = new();
    private readonly ConcurrentDictionary<(Guid, string, DateOnly), int> _idByMonth = new();
    private readonly ConcurrentDictionary<Guid, byte[]> _blind = new();
    private readonly SemaphoreSlim _create = new(1, 1);
    private IReadOnlyList<MasterKey>? _masters;
    private IReadOnlyList<(long FromSequence, byte[] Key)>? _audit;
    private string? _trusted;

    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var date = ChinaTime.DateOf(instant);
        return new DateOnly(date.Year, date.Month, 1);
    }

    /// <summary>Loads the master key; a missing or malformed key is a configuration error naming its source.</summary>
    public Result<MasterKey> Master()
    {
        if (_masters is null)
        {
            var loaded = store.Load();
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            _masters = loaded.Value;
        }

        return _masters[0];
    }

    public async Task<(int Id, byte[] Key)> ForMonthAsync(Guid enterpriseId, DateOnly month, CancellationToken ct = default) =>
        await ForMonthAsync(enterpriseId, DataKeyPurpose.Calls, month, ct);

    public async Task<(int Id, byte[] Key)> ForMonthAsync(Guid enterpriseId, string purpose, DateOnly month, CancellationToken ct = default)
    {
        if (_idByMonth.TryGetValue((enterpriseId, purpose, month), out var cachedId) && _byId.TryGetValue(cachedId, out var cached) && cached.Key is not null && Current(cached))
        {
            return (cachedId, cached.Key);
        }

        await _create.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var existing = await FindOrMakeAsync(db, db.DataKeys, enterpriseId, DataKeyOf(enterpriseId, purpose, month), () => NewDataKey(FreshMaster(), enterpriseId, purpose, month), ct);

            _idByMonth[(enterpriseId, purpose, month)] = existing.Id;
            if (existing.WrappedKey is null)
            {
                // Records for a shredded month must not be written again under a fresh key either.
                _byId[existing.Id] = new CachedKey(null, month, clock.GetUtcNow());
                throw new DataKeyDestroyedException(month);
            }

            var key = Unwrap(existing);
            _byId[existing.Id] = new CachedKey(key, month, clock.GetUtcNow());
            return (existing.Id, key);
        }
        finally
        {
            _create.Release();
        }
    }

    /// <summary>
    /// A key ring for a start-up rehearsal (<see cref="Calls.CtiRehearsal"/>): fresh keys of a synthetic enterprise for
    /// <paramref name="months"/> and its blind index, wrapped and added on <paramref name="db"/> inside the caller's
    /// transaction (which is rolled back), so no key of a real enterprise is created here and nothing outlives the round.
    /// </summary>
    internal async Task<KeyRing> RehearsalAsync(Hotline95DbContext db, Guid enterpriseId, IReadOnlyList<DateOnly> months, CancellationToken ct)
    {
        var master = RequireMaster();
        var ring = new KeyRing(dbFactory, store, clock) { _masters = _masters, _trusted = _trusted };
        // The lookups and inserts of an enterprise's first real call, on the rehearsal's transaction: a fresh node's first
        // events would otherwise wait for EF to compile these queries (issue 18).
        foreach (var month in months)
        {
            var row = await FindOrMakeAsync(db, db.DataKeys, enterpriseId, DataKeyOf(enterpriseId, DataKeyPurpose.Calls, month), () => NewDataKey(master, enterpriseId, DataKeyPurpose.Calls, month), ct);
            ring._byId[row.Id] = new CachedKey(Unwrap(row), month, clock.GetUtcNow());
            ring._idByMonth[(enterpriseId, DataKeyPurpose.Calls, month)] = row.Id;
        }

        var blind = await FindOrMakeAsync(db, db.BlindIndexKeys, enterpriseId, BlindKeyOf(enterpriseId), () => NewBlindKey(master, enterpriseId), ct);
        ring._blind[enterpriseId] = KeyWrap.Unwrap(MasterFor(blind.MasterKeyId), blind.WrappedKey, KeyWrap.BlindKeyContext(enterpriseId));
        return ring;
    }

    // One expression per key kind, built here for every caller: EF compiles a query once per expression shape, so the
    // rehearsal's lookups are the very ones a real first call runs.
    private static System.Linq.Expressions.Expression<Func<DataKey, bool>> DataKeyOf(Guid enterpriseId, string purpose, DateOnly month) =>
        k => k.EnterpriseId == enterpriseId && k.Purpose == purpose && k.Month == month;

    private static System.Linq.Expressions.Expression<Func<BlindIndexKey, bool>> BlindKeyOf(Guid enterpriseId) => k => k.EnterpriseId == enterpriseId;

    private DataKey NewDataKey(MasterKey master, Guid enterpriseId, string purpose, DateOnly month) => new()
    {
        EnterpriseId = enterpriseId,
        Purpose = purpose,
        Month = month,
        WrappedKey = KeyWrap.Wrap(master, RandomNumberGenerator.GetBytes(32), KeyWrap.DataKeyContext(enterpriseId, purpose, month)),
        MasterKeyId = master.Id,
        CreatedAt = clock.GetUtcNow(),
    };

    private BlindIndexKey NewBlindKey(MasterKey master, Guid enterpriseId) => new()
    {
        EnterpriseId = enterpriseId,
        WrappedKey = KeyWrap.Wrap(master, RandomNumberGenerator.GetBytes(32), KeyWrap.BlindKeyContext(enterpriseId)),
        MasterKeyId = master.Id,
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>The key with this id, or null when it was destroyed (crypto-shredded).</summary>
    public async Task<byte[]?> ByIdAsync(int id, CancellationToken ct = default)
    {
        if (_byId.TryGetValue(id, out var cached) && (cached.Key is null || Current(cached)))
        {
            return cached.Key;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.DataKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, ct);
        var key = row?.WrappedKey is null ? null : Unwrap(row);
        _byId[id] = new CachedKey(key, row?.Month ?? DateOnly.MinValue, clock.GetUtcNow());
        return key;
    }

    /// <summary>Whether a cached key may be used without asking the database: its month is not past, or it was read within <see cref="PastMonthRecheck"/>.</summary>
    private bool Current(CachedKey cached)
    {
        var now = clock.GetUtcNow();
        return now - cached.ReadAt < PastMonthRecheck || cached.Month >= MonthOf(now);
    }

    /// <summary>
    /// The stored key row matching <paramref name="match"/>, else a new one from <paramref name="make"/>, stored. Nodes making
    /// an enterprise's keys at the same moment (each one's first call of a month) take turns on PostgreSQL by a transaction's
    /// advisory lock on the enterprise, so the later one finds the key the earlier one stored: every node uses the same key,
    /// and no insert is refused (a refused one was logged by EF as an error on every two-node start). Where no lock is taken
    /// (SQLite beside a CLI process, a node of an older version during an upgrade), the unique index refuses the second key
    /// and that side takes the row that won. Inside a caller's transaction (the start-up rehearsal, whose synthetic enterprise
    /// no other node asks for) the lock lasts until the caller's transaction ends.
    /// </summary>
    private static async Task<T> FindOrMakeAsync<T>(Hotline95DbContext db, DbSet<T> rows, Guid enterpriseId, System.Linq.Expressions.Expression<Func<T, bool>> match, Func<T> make, CancellationToken ct)
        where T : class
    {
        Task<T?> FindAsync() => rows.AsNoTracking().SingleOrDefaultAsync(match, ct);
        if (await FindAsync() is { } stored)
        {
            return stored;
        }

        var outer = db.Database.CurrentTransaction;
        var postgres = db.Database.IsNpgsql();
        try
        {
            await using (var own = outer is null && postgres ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct) : null)
            {
                if (postgres)
                {
                    await ClusterLocks.ForKeyCreationAsync(db, enterpriseId, ct);
                    if (await FindAsync() is { } madeMeanwhile)
                    {
                        return madeMeanwhile;
                    }
                }

                var made = make();
                rows.Add(made);
                await db.SaveChangesAsync(ct);
                if (own is not null)
                {
                    await own.CommitAsync(ct);
                }

                return made;
            }
        }
        catch (DbUpdateException) when (outer is null)
        {
            // Its own transaction (if any) is rolled back by now: the row that won, else the failure itself.
            db.ChangeTracker.Clear();
            if (await FindAsync() is { } won)
            {
                return won;
            }

            throw;
        }
    }

    public async Task<byte[]> BlindKeyAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        if (_blind.TryGetValue(enterpriseId, out var cached))
        {
            return cached;
        }

        await _create.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await FindOrMakeAsync(db, db.BlindIndexKeys, enterpriseId, BlindKeyOf(enterpriseId), () => NewBlindKey(FreshMaster(), enterpriseId), ct);

            var key = KeyWrap.Unwrap(MasterFor(row.MasterKeyId), row.WrappedKey, KeyWrap.BlindKeyContext(enterpriseId));
            _blind[enterpriseId] = key;
            return key;
        }
        finally
        {
            _create.Release();
        }
    }

    /// <summary>The audit keys by the first sequence each covers (unwrapped), oldest first; empty before the first is created.</summary>
    public async Task<IReadOnlyList<(long FromSequence, byte[] Key)>> AuditKeysAsync(CancellationToken ct = default)
    {
        if (_audit is { } cached)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.AuditKeys.AsNoTracking().OrderBy(k => k.FromSequence).ToListAsync(ct);
        var keys = rows.Select(r => (r.FromSequence, KeyWrap.Unwrap(MasterFor(r.MasterKeyId), r.WrappedKey, KeyWrap.AuditKeyContext(r.Id)))).ToList();
        if (keys.Count > 0)
        {
            _audit = keys;
        }

        return keys;
    }

    /// <summary>Creates the audit key of the segment that starts at <paramref name="fromSequence"/>, wrapped by the master key on disk now.</summary>
    public async Task<byte[]> CreateAuditKeyAsync(Hotline95DbContext db, long fromSequence, CancellationToken ct = default)
    {
        var master = FreshMaster();
        var id = (await db.AuditKeys.Select(k => (int?)k.Id).MaxAsync(ct) ?? 0) + 1;
        var key = RandomNumberGenerator.GetBytes(32);
        db.AuditKeys.Add(new AuditKey
        {
            Id = id, FromSequence = fromSequence, MasterKeyId = master.Id, CreatedAt = clock.GetUtcNow(),
            WrappedKey = KeyWrap.Wrap(master, key, KeyWrap.AuditKeyContext(id)),
        });
        await db.SaveChangesAsync(ct);
        _audit = null;
        return key;
    }

    /// <summary>Drops cached material after a key was destroyed or re-wrapped.</summary>
    public void Forget(int? dataKeyId = null)
    {
        if (dataKeyId is { } id)
        {
            _byId.TryRemove(id, out _);
            foreach (var pair in _idByMonth.Where(p => p.Value == id).ToList())
            {
                _idByMonth.TryRemove(pair.Key, out _);
            }

            return;
        }

        _byId.Clear();
        _idByMonth.Clear();
        _blind.Clear();
        _masters = null;
        _audit = null;
    }

    internal MasterKey MasterFor(string id)
    {
        RequireMaster();
        if (_masters!.All(m => m.Id != id))
        {
            _masters = null; // rotated by another process (the CLI beside the server): read the key file again
            RequireMaster();
        }

        return _masters!.FirstOrDefault(m => m.Id == id)
            ?? throw new MasterKeyMismatchException(id, _masters![0].Id, store.FromEnvironment);
    }

    /// <summary>New keys are wrapped with the master key on disk now, never a cached one another process may have rotated away.</summary>
    /// <summary>The master key this process verified against the stored keys (or created): new keys are wrapped only by it.</summary>
    public void Trust(string masterKeyId) => _trusted = masterKeyId;

    /// <summary>
    /// New keys are wrapped with the master key on disk now, never a cached one another process may have rotated away;
    /// but a key that appeared under the running process is used only if stored keys are already wrapped by it (a
    /// rotation). A replaced master.key or variable is refused, instead of writing keys that would block their month.
    /// </summary>
    private MasterKey FreshMaster()
    {
        _masters = null;
        var master = RequireMaster();
        if (_trusted is null || master.Id == _trusted)
        {
            _trusted = master.Id;
            return master;
        }

        using var db = dbFactory.CreateDbContext();
        if (db.DataKeys.Any(k => k.MasterKeyId == master.Id) || db.BlindIndexKeys.Any(k => k.MasterKeyId == master.Id) || db.AuditKeys.Any(k => k.MasterKeyId == master.Id))
        {
            _trusted = master.Id; // another process rotated to it and re-wrapped the stored keys
            return master;
        }

        throw new MasterKeyMismatchException(_trusted, master.Id, store.FromEnvironment);
    }

    private MasterKey RequireMaster()
    {
        var master = Master();
        return master.IsSuccess ? master.Value : throw new InvalidOperationException(master.Error.Message);
    }

    private byte[] Unwrap(DataKey row) =>
        KeyWrap.Unwrap(MasterFor(row.MasterKeyId), row.WrappedKey!, KeyWrap.DataKeyContext(row.EnterpriseId, row.Purpose, row.Month));
}

/// <summary>The stored keys were wrapped by a master key this process was not given.</summary>
public sealed class MasterKeyMismatchException(string wanted, string have, bool fromEnvironment)
    : Exception($"The data keys are wrapped by master key {wanted}, but the configured master key is {have}" +
                (fromEnvironment ? $": set {KeyOptions.MasterKeyVariable} to the key printed by the last 'keys rotate'." : ": restore <data>/keys/master.key from backup."));

/// <summary>A record for a month whose key retention already destroyed: it can never be stored.</summary>
public sealed class DataKeyDestroyedException(DateOnly month)
    : Exception($"the records of {month:yyyy-MM} were purged and their key destroyed (crypto-shredding); a record of that month cannot be stored again")
{
    public DateOnly Month { get; } = month;
}
