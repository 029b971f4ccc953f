using Hotline95.Core.Data;
using Hotline95.Core.Hosting;
using Hotline95.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Audit;

/// <summary>
/// Appends to the audit log, each entry linked to the one before by an HMAC under the audit key (see <see cref="AuditChain"/>).
/// Appends are serialised so the chain never forks. An append inside the caller's transaction is part of it: the entry
/// is stored with what it records, or neither is.
/// </summary>
public sealed class AuditLog(Hotline95DbContext db, KeyRing ring, TimeProvider clock)
{
    public const string ChainKeyed = "audit.chain-keyed";

    // The chain's head is always read under a lock held until the appending transaction ends, so the next append reads
    // this entry as the head: on PostgreSQL a transaction advisory lock (across nodes), on SQLite the file's one write lock
    // (EF's transactions there begin IMMEDIATE). An append inside a caller's transaction is part of it; any other has its
    // own. The gate only keeps one node's own SQLite appends from polling for the write lock against each other; an append
    // inside a caller's transaction must not take it (that transaction holds the write lock an append holding the gate
    // may be waiting for).
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// Saves <paramref name="changes"/> (this log's own context: the caller's scope) and appends the entry that records them
    /// in one transaction, the caller's if it has one: the change is never stored without its record, nor the record
    /// without the change (before, a refused append left the change committed and unrecorded).
    /// </summary>
    public async Task SaveAndAppendAsync(Hotline95DbContext changes, Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct = default)
    {
        if (!ReferenceEquals(changes, db))
        {
            throw new InvalidOperationException("The changes and the audit log must share one database context (one scope), so that they commit together.");
        }

        await db.Database.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            await AppendAsync(enterpriseId, actor, action, target, details, ct);
        }, ct);
    }

    public async Task AppendAsync(Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct = default)
    {
        var key = await CurrentKeyAsync(ct);
        async Task AddLockedAsync()
        {
            await ClusterLocks.ForTransactionAsync(db, ClusterLocks.AuditAppend, 0, ct);
            await AddNextAsync(key, enterpriseId, actor, action, target, details, ct);
        }

        if (db.Database.CurrentTransaction is not null)
        {
            await AddLockedAsync();
            return;
        }

        var postgres = db.Database.IsNpgsql();
        if (!postgres)
        {
            await Gate.WaitAsync(ct);
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // A transaction of its own (read committed on PostgreSQL: the head is read after the lock is granted).
                    await db.Database.InTransactionAsync(AddLockedAsync, ct);
                    return;
                }
                catch (DbUpdateException ex) when (attempt < 5 && ex.IsUniqueViolation())
                {
                    // The same sequence number: a process of an older version (a rolling upgrade) appended without the lock.
                    // Read the head again. Any other refusal is no race, and the next attempt would meet it too.
                }
            }
        }
        finally
        {
            if (!postgres)
            {
                Gate.Release();
            }
        }
    }

    /// <summary>Stores the entry after the chain's current head.</summary>
    private async Task AddNextAsync(byte[] key, Guid enterpriseId, string actor, string action, string target, string details, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.Hash ?? AuditChain.GenesisHash;
        var at = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            Sequence = sequence,
            EnterpriseId = enterpriseId,
            At = at,
            Actor = actor,
            Action = action,
            Target = target,
            Details = details,
            PreviousHash = previous,
            Hash = AuditChain.Compute(key, sequence, enterpriseId, at, actor, action, target, details, previous),
        };
        db.AuditEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Entry(entry).State = EntityState.Detached;
        }
    }

    /// <summary>Makes sure the chain is keyed (run at start, before any append may be inside a caller's transaction).</summary>
    public Task EnsureKeyedAsync(CancellationToken ct = default) => CurrentKeyAsync(ct);

    /// <summary>The key of the chain's current segment; a chain still on the old unkeyed links is moved onto keyed ones first.</summary>
    private async Task<byte[]> CurrentKeyAsync(CancellationToken ct)
    {
        var keys = await ring.AuditKeysAsync(ct);
        if (keys.Count == 0)
        {
            var upgraded = await AuditChainUpgrade.EnsureKeyedAsync(db, ring, ct);
            keys = await ring.AuditKeysAsync(ct);
            if (upgraded is { Entries: > 0 } u)
            {
                await AddNextAsync(keys[^1].Key, Guid.Empty, "system", ChainKeyed, "audit", $"entries={u.Entries} legacy={(u.LegacyBrokenAt is { } b ? $"broken at #{b}" : "intact")}", ct);
            }
        }

        return keys[^1].Key;
    }
}
